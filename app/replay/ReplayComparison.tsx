/**
 * "What if": the results of a replay from checkpoint N beside what the original run produced
 * after N, compared as multisets of (sink, record) — collect sinks gather from parallel subtasks,
 * so counts, not order, are the job's result. Records that differ are listed with both counts.
 * Compared in a Web Worker (`workerOutputComparer`): the page stays responsive on a large output.
 */
import { useEffect, useState } from 'react';
import type { OutputComparison } from '../client/exactly-once-check';
import { workerOutputComparer } from '../client/output-comparer';
import { useApp } from '../store/app-store';

const LIMIT = 200;

export function ReplayComparison() {
  const baseline = useApp((s) => s.replayBaseline);
  const status = useApp((s) => s.runStatus);
  const results = useApp((s) => s.results);
  const version = useApp((s) => s.resultsVersion);
  const [comparison, setComparison] = useState<OutputComparison | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the result buffer grows in place; its version says when
  useEffect(() => {
    setComparison(null);
    if (baseline === null || status !== 'finished') return;
    let current = true;
    void workerOutputComparer()
      .compare(results.records(), baseline.original, LIMIT)
      .then((c) => current && setComparison(c));
    return () => {
      current = false;
    };
  }, [baseline, status, results, version]);
  if (baseline === null) return null;
  if (comparison === null && status === 'finished') return <p className="meta">Replay from checkpoint {baseline.checkpointId}: comparing its results with the original run's…</p>;
  if (comparison === null) return <p className="meta">Replaying from checkpoint {baseline.checkpointId}: its results are compared with the original run's once it finishes.</p>;
  return (
    <div className="cp-replay" role="region" aria-label="Replay compared with the original run">
      <p className="meta" data-testid="replay-verdict">
        Replay from checkpoint {baseline.checkpointId}: {comparison.actualCount} record{comparison.actualCount === 1 ? '' : 's'}; the original run produced{' '}
        {comparison.expectedCount} after it —{' '}
        {comparison.equal ? 'the same records' : `${comparison.differing} record${comparison.differing === 1 ? '' : 's'} differ${comparison.differing > comparison.differences.length ? ` (the first ${comparison.differences.length} listed)` : ''}`}
      </p>
      {!comparison.equal && (
        <table className="live-table cp-diff" aria-label="Records that differ">
          <thead>
            <tr>
              <th>Sink</th>
              <th>Record</th>
              <th>Original run</th>
              <th>Replay</th>
            </tr>
          </thead>
          <tbody>
            {comparison.differences.map((d) => (
              <tr key={`${d.sink}|${JSON.stringify(d.value)}`} className={d.expected === 0 ? 'cp-added' : d.actual === 0 ? 'cp-removed' : 'cp-changed'}>
                <td>{d.sink}</td>
                <td className="cp-mono">{JSON.stringify(d.value)}</td>
                <td>{d.expected}×</td>
                <td>{d.actual}×</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
