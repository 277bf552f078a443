/**
 * Records-out rates per node from the subtask samples slots push. Samples carry cumulative
 * counters, so the rate of a subtask is the change since its previous sample over the time
 * between them (measured where the samples arrive); a node's rate is the sum over its subtasks.
 */
import type { SubtaskMetrics } from '../../engine/index';

export interface NodeThroughput {
  /** Records out per second, over the last sampling interval. */
  readonly perSecond: number;
  /** Records out so far. */
  readonly total: number;
}

export class ThroughputMeter {
  private readonly last = new Map<string, { count: number; at: number; rate: number; node: string }>();

  /**
   * Takes one batch of samples received at `now` (ms) and returns the throughput of every node
   * seen so far. Entries of `previous` whose figures did not change are returned as they were,
   * so views selecting one node's figure only redraw when it changes.
   */
  update(samples: readonly SubtaskMetrics[], now: number, previous: Readonly<Record<string, NodeThroughput>> = {}): Record<string, NodeThroughput> {
    for (const s of samples) {
      for (const op of s.operators) {
        const key = `${op.nodeId}#${s.subtask}`;
        const prev = this.last.get(key);
        const elapsed = prev ? now - prev.at : 0;
        const rate = prev && elapsed > 0 ? ((op.recordsOut - prev.count) * 1000) / elapsed : (prev?.rate ?? 0);
        this.last.set(key, { count: op.recordsOut, at: now, rate: Math.max(0, rate), node: op.nodeId });
      }
    }
    const sums = new Map<string, { perSecond: number; total: number }>();
    for (const entry of this.last.values()) {
      const sum = sums.get(entry.node) ?? { perSecond: 0, total: 0 };
      sum.perSecond += entry.rate;
      sum.total += entry.count;
      sums.set(entry.node, sum);
    }
    const out: Record<string, NodeThroughput> = {};
    for (const [node, sum] of sums) {
      const old = previous[node];
      out[node] = old && old.perSecond === sum.perSecond && old.total === sum.total ? old : sum;
    }
    return out;
  }
}

/** "1.2k/s", "35/s", "2.4M/s": a rate that fits on a node. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k/s`;
  return `${Math.round(perSecond)}/s`;
}
