/**
 * The checkpoint browser's alignment columns: whether a stored checkpoint is aligned or unaligned
 * (with the records it caught in flight), and how long its tasks took to align their barriers —
 * the longest, which task, and every task's for the tooltip (Flink's alignment duration per subtask).
 */
import type { CheckpointSummary } from '../../engine/index';
import { formatDuration } from '../format/time';

/** Alignment of a stored checkpoint: unaligned ones hold the records they caught in flight. */
export function alignmentText(c: Pick<CheckpointSummary, 'inFlightRecords' | 'error'>): string {
  if (c.error !== undefined) return '—';
  if (c.inFlightRecords === undefined) return 'aligned';
  return `unaligned · ${c.inFlightRecords} record${c.inFlightRecords === 1 ? '' : 's'} in flight`;
}

/**
 * The longest alignment time of a checkpoint and its task (`vertex#subtask`), with every task's in
 * `detail`; "—" for a checkpoint stored before alignment times were recorded (or an edited savepoint).
 */
export function alignmentTime(alignmentMs: CheckpointSummary['alignmentMs']): { text: string; detail: string } {
  const entries = Object.entries(alignmentMs ?? {}).sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
  if (entries.length === 0) return { text: '—', detail: 'This checkpoint recorded no alignment time' };
  const [task, longest] = entries.reduce((max, e) => (e[1] > max[1] ? e : max));
  return {
    text: longest === 0 ? formatDuration(0) : `${formatDuration(longest)} (${task})`,
    detail: `Barrier alignment per subtask, first barrier to last:\n${entries.map(([t, ms]) => `${t}: ${formatDuration(ms)}`).join('\n')}`,
  };
}
