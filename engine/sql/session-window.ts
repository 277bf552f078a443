/**
 * The SESSION window TVF, `TABLE(SESSION(TABLE t [PARTITION BY k, …], DESCRIPTOR(ts), gap))`:
 * Flink's session windows per partition — a session is `[first ts, last ts + gap)`; rows closer
 * than the gap merge into one (as the window node's session assigner merges them). Aggregated like
 * the other window TVFs: a keyBy on the partition columns and a window node, results when the
 * watermark passes the session's end.
 */
import type { WindowTvf } from './ast.js';
import type { Column } from './job-builder.js';
import { PlanError } from './plan-error.js';

/** The window node's assigner for SESSION(…, gap). */
export function sessionAssigner(tvf: WindowTvf): Record<string, unknown> {
  if (tvf.intervals.length !== 1) throw new PlanError(tvf.pos, 'SESSION takes TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap');
  if (!(tvf.intervals[0]! > 0)) throw new PlanError(tvf.pos, 'SESSION needs a gap > 0');
  return { type: 'session', gapMs: tvf.intervals[0], time: 'event' };
}

/**
 * Sessions are per PARTITION BY key, and the GROUP BY keys (besides window_start, window_end) must
 * be those columns: grouping by other columns would aggregate parts of a session, which Eddy's
 * window node (sessions per key) does not do yet.
 */
export function checkSessionKeys(tvf: WindowTvf, keys: readonly Column[], groupingSets: boolean): void {
  const part = (tvf.partitionBy ?? []).map((p) => p.name);
  const grouped = keys.map((k) => k.name);
  if (groupingSets) throw new PlanError(tvf.pos, 'GROUPING SETS over a SESSION window are not supported yet');
  const same = part.length === grouped.length && part.every((p) => grouped.includes(p));
  if (!same) {
    throw new PlanError(tvf.pos, `a SESSION window must GROUP BY window_start, window_end and exactly its PARTITION BY columns (${part.length > 0 ? part.join(', ') : 'none'}); grouped by ${grouped.length > 0 ? grouped.join(', ') : 'none'} is not supported yet`);
  }
}
