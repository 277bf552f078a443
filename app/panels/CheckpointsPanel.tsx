/**
 * The Checkpoints tab: the run's checkpoints and savepoints — id, status, duration, size, barrier
 * alignment, trigger time. A checkpoint a restart found unusable is named above the table and
 * its row says "corrupt — skipped" (the reason in its tooltip). "Browse checkpoints" opens the
 * checkpoint browser (`replay/`, docs/replay.md) on the job's stored checkpoints.
 */
import { lazy, Suspense, useState } from 'react';
import { useApp } from '../store/app-store';
import { formatDuration, formatWallClock } from '../format/time';
import { formatBytes } from '../store/live-metrics';
import { hasCheckpointing } from '../store/run-slice';

/** Loaded on first use: the browser and the engine's state readers stay out of the tab's chunk. */
const CheckpointBrowser = lazy(() => import('../replay/CheckpointBrowser').then((m) => ({ default: m.CheckpointBrowser })));
const ReplayComparison = lazy(() => import('../replay/ReplayComparison').then((m) => ({ default: m.ReplayComparison })));

export function CheckpointsPanel() {
  const [browsing, setBrowsing] = useState(false);
  const replaying = useApp((s) => s.replayBaseline !== null);
  const checkpoints = useApp((s) => s.checkpoints);
  const restarts = useApp((s) => s.restarts);
  const restoredFrom = useApp((s) => s.restoredFrom);
  const corrupt = useApp((s) => s.corruptCheckpoints);
  const enabled = useApp((s) => hasCheckpointing(s.doc));
  const reasons = new Map(corrupt.map((c) => [c.id, c.message]));
  const completed = checkpoints.filter((c) => c.status === 'completed' && !reasons.has(c.id)).length;
  return (
    <div className="live-panel">
      <h2 className="panel-title">Checkpoints</h2>
      {replaying && (
        <Suspense fallback={null}>
          <ReplayComparison />
        </Suspense>
      )}
      {enabled && !browsing && (
        <button type="button" className="cp-browse" onClick={() => setBrowsing(true)}>
          Browse checkpoints
        </button>
      )}
      {browsing && (
        <Suspense fallback={<p className="muted">Loading the checkpoint browser…</p>}>
          <CheckpointBrowser onClose={() => setBrowsing(false)} />
        </Suspense>
      )}
      {!enabled && checkpoints.length === 0 ? (
        <p className="muted">No checkpoints: this job takes none. To have some, enable checkpointing in the job inspector (click an empty spot of the canvas, then "Checkpointing enabled"), then run the job.</p>
      ) : checkpoints.length === 0 ? (
        <p className="muted">No checkpoint yet: they start once the job runs.</p>
      ) : (
        <>
          <p className="meta" data-testid="checkpoint-summary">
            {completed} completed · {checkpoints.length - completed} other · {restarts} restart{restarts === 1 ? '' : 's'}
          </p>
          {restoredFrom !== null && (
            <p className="meta" data-testid="restored-from">
              Restored from savepoint {restoredFrom}
            </p>
          )}
          {corrupt.map((c) => (
            <p key={c.id} className="cp-declined" data-testid="corrupt-checkpoint">
              {c.message.charAt(0).toUpperCase() + c.message.slice(1)} — skipped on restart.
            </p>
          ))}
          <table className="live-table" aria-label="Checkpoint history">
            <thead>
              <tr>
                <th>ID</th>
                <th>Kind</th>
                <th>Status</th>
                <th>Triggered</th>
                <th>Duration</th>
                <th>Size</th>
                <th title="Longest barrier alignment over the subtasks (time from a subtask's first barrier to its last); hover a cell for each subtask">Alignment</th>
              </tr>
            </thead>
            <tbody>
              {[...checkpoints].reverse().map((c) => (
                <tr key={c.id}>
                  <td>{c.id}</td>
                  <td>{c.kind}</td>
                  {reasons.has(c.id) ? (
                    <td className="cp-declined" title={reasons.get(c.id)}>
                      corrupt — skipped
                    </td>
                  ) : (
                    <td className={`cp-${c.status}`} title={c.reason ?? c.warning}>
                      {c.status}
                      {c.reason ? ` (${c.reason})` : ''}
                      {c.warning ? ` (warning: ${c.warning})` : ''}
                    </td>
                  )}
                  <td>{formatWallClock(c.triggeredAt)}</td>
                  <td>{c.durationMs === undefined ? '—' : formatDuration(c.durationMs)}</td>
                  <td>{c.size === undefined ? '—' : formatBytes(c.size)}</td>
                  <AlignmentCell alignmentMs={c.alignmentMs} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** The longest alignment of a checkpoint, with every subtask's in the tooltip. */
function AlignmentCell({ alignmentMs }: { alignmentMs: Readonly<Record<string, number>> | undefined }) {
  const entries = Object.entries(alignmentMs ?? {});
  if (entries.length === 0) return <td>—</td>;
  const longest = Math.max(...entries.map(([, ms]) => ms));
  const detail = entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([task, ms]) => `${task}: ${formatDuration(ms)}`)
    .join('\n');
  return <td title={detail}>{formatDuration(longest)}</td>;
}
