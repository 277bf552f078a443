/** Key groups made visible: each subtask's range of key groups, and the runs that move at another parallelism. */
import { keyGroupMoves, keyGroupRanges } from '../../engine/index';

/** Key groups × subtasks: each subtask's range now, and the runs that move at the new parallelism. */
export function KeyGroupsView({ maxParallelism, parallelism, newParallelism }: { maxParallelism: number; parallelism: number; newParallelism: number | null }) {
  const ranges = keyGroupRanges(maxParallelism, parallelism);
  const moves = newParallelism === null ? [] : keyGroupMoves(maxParallelism, parallelism, newParallelism);
  return (
    <div className="cp-keygroups" role="group" aria-label="Key groups by subtask">
      <p className="meta">
        Key groups by subtask: {ranges.map((r) => `subtask ${r.subtask}: ${r.start}–${r.end}`).join(' · ')}
        {newParallelism !== null &&
          (moves.length === 0
            ? ` · at ${newParallelism} nothing moves`
            : ` · at ${newParallelism}: ${moves.map((m) => `${m.start}–${m.end} move ${m.from} → ${m.to}`).join(' · ')}`)}
      </p>
    </div>
  );
}

