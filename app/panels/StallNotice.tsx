/**
 * Says, above every panel, which slot is stuck in a function and for how long: while a slot does
 * not respond its last figures stand still, and must not read as current.
 */
import { useApp } from '../store/app-store';
import { stallText } from '../store/selectors';

export function StallNotice() {
  const stalls = useApp((s) => s.stalls);
  const entries = Object.entries(stalls);
  if (entries.length === 0) return null;
  return (
    <div className="stall-notice" role="status" data-testid="stall-notice">
      {entries.map(([slot, stall]) => (
        <p key={slot}>{stallText(Number(slot), stall)}</p>
      ))}
    </div>
  );
}
