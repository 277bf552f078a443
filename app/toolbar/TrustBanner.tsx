/**
 * A job opened from a link lists the code it would run; nothing runs until the user accepts.
 * The decision stays in view: the code scrolls in its own area above Accept / Decline, and the
 * banner's height is capped so the canvas keeps room for the job.
 */
import { useApp, useAppStore } from '../store/app-store';

export function TrustBanner() {
  const store = useAppStore();
  const code = useApp((s) => s.untrustedCode);
  if (!code) return null;
  return (
    <section className="trust-banner" aria-label="Review shared code">
      <p>
        <strong>This job came from a link.</strong> Running it runs the code below in this browser (in Web Workers). Review it, then accept to enable Run.
      </p>
      <ul className="trust-code" aria-label="Code in this job">
        {code.map((c) => (
          <li key={`${c.nodeId}:${c.param}`}>
            <span className="mono">
              {c.nodeId} · {c.param}
            </span>
            <pre>{c.code}</pre>
          </li>
        ))}
      </ul>
      <div className="trust-actions">
        <button type="button" className="primary" onClick={() => store.getState().acceptCode()}>
          Accept this code
        </button>
        <button type="button" onClick={() => store.getState().declineCode()}>
          Decline and close the job
        </button>
      </div>
    </section>
  );
}
