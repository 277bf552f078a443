/**
 * The node's watermark at the lab's current step (watermark flow): shown only in the lab, and
 * only once the node has one; "idle" when every input is idle; on a node with several input
 * channels, which upstream holds the minimum back. A node fed by several edges lists each
 * input's watermark and marks the one holding the minimum. Selects this node's entries alone,
 * so a step redraws few badges.
 */
import { memo } from 'react';
import { useApp } from '../store/app-store';

export const NodeLabWatermark = memo(function NodeLabWatermark({ id }: { id: string }) {
  const w = useApp((s) => s.labNodeWatermarks[id]);
  const inputs = useApp((s) => s.labNodeInputs[id]);
  if (!w && !inputs) return null;
  return (
    <div className="node-lab-watermark" data-testid={`lab-watermark-${id}`} title={w ? `Watermark: ${w.detail}` : undefined}>
      {w && (
        <>
          <span className="label">Watermark</span> {w.text}
          {w.held !== undefined && <span className="held"> · held by {w.held}</span>}
        </>
      )}
      {inputs && (
        <ul className="node-lab-inputs" aria-label={`Watermarks into ${id}`}>
          {inputs.map((i) => (
            <li key={i.from} className={i.holds ? 'holds' : undefined} data-holds={i.holds || undefined}>
              <span className="label">{i.from}</span> {i.text}
              {i.holds && <span className="min"> ◂ min</span>}
              {i.holds && <span className="visually-hidden"> (holds the minimum)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
