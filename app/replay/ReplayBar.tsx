/** The browser's "Replay from checkpoint N" bar: run the job from the opened state, or step it in the lab. */
import { useState } from 'react';
import type { CheckpointReader } from '../client/checkpoint-reader';
import { useApp, useAppStore } from '../store/app-store';
import type { Opened } from './opened';

/**
 * "Replay from here": runs the job as it is now — its functions and params as edited, at its
 * current parallelism — from this checkpoint's state (Flink's restore from a retained checkpoint,
 * with its compatibility rules: state of a node the job no longer has needs "allow non-restored state").
 */
export function ReplayBar({ reader, opened }: { reader: CheckpointReader; opened: Opened }) {
  const store = useAppStore();
  const [allow, setAllow] = useState(false);
  const parallelism = useApp((s) => s.doc.parallelism ?? 1);
  const nodes = useApp((s) => s.doc.nodes);
  const blocker = useApp((s) => s.runBlocker());
  const ids = new Set(nodes.map((n) => n.id));
  const [failed, setFailed] = useState<string | null>(null);
  const orphans = opened.info.nodes.filter((id) => !ids.has(id));
  const refused = orphans.length > 0 && !allow ? `the checkpoint holds state of ${orphans.map((o) => `"${o}"`).join(', ')}, which the job no longer has` : null;
  // The decoded state comes from the reader's worker, only when it is restored.
  const withState = (restore: (state: Awaited<ReturnType<CheckpointReader['state']>>) => void) => () =>
    reader.state(opened.info.handle).then(restore, (e: unknown) => setFailed((e as Error).message));
  const replay = withState((state) => store.getState().replayFrom({ id: opened.id, state, allowNonRestoredState: allow }));
  const step = withState((state) => store.getState().enterLabFrom({ id: opened.id, state, allowNonRestoredState: allow, startTime: opened.info.metadata.completedAt }));
  return (
    <div className="cp-browser-bar">
      <button type="button" className="primary" disabled={blocker !== null || refused !== null} title={blocker ?? refused ?? undefined} onClick={replay}>
        Replay from checkpoint {opened.id}
      </button>
      <button type="button" disabled={refused !== null} title={refused ?? 'Opens the lab on this state: step, run to a breakpoint, watch its windows fire'} onClick={step}>
        Step from checkpoint {opened.id} in the lab
      </button>
      <span className="meta">
        runs the job as it is now (functions as edited, parallelism {parallelism}) from this state{refused !== null ? ` — ${refused}` : ''}
      </span>
      <label>
        <input type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} /> Allow non-restored state
      </label>
      {failed !== null && (
        <span className="cp-declined" role="alert">
          {failed}
        </span>
      )}
    </div>
  );
}

