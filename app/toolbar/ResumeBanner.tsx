/** Offers to resume a checkpointed run that this tab (or an earlier one) left unfinished. */
import { useApp, useAppStore } from '../store/app-store';

export function ResumeBanner() {
  const store = useAppStore();
  const offer = useApp((s) => s.resumeOffer);
  if (!offer) return null;
  return (
    <section className="resume-banner" aria-label="Unfinished run">
      <p>
        <strong>This job's last run did not finish.</strong> Its checkpoint {offer.checkpointId} is stored in this browser: resume from there and keep the results it committed.
      </p>
      <button type="button" className="primary" onClick={() => store.getState().runJob({ resume: true })}>
        Resume from checkpoint {offer.checkpointId}
      </button>
      <button type="button" onClick={() => store.getState().dismissResume()}>
        Discard
      </button>
    </section>
  );
}
