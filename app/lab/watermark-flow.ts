/**
 * Watermarks across the job while stepping: for every node, each subtask's watermark per input
 * channel and the combined one (the minimum over its channels, Flink's valve). The canvas shows
 * it on the nodes; a multi-channel node says which channel holds the minimum back.
 */
import type { TraceStep } from './trace-types';

export interface NodeWatermarks {
  /** Per subtask: the watermark of each input channel seen so far, and the combined one. */
  readonly subtasks: ReadonlyMap<number, { readonly channels: ReadonlyMap<number, number>; readonly combined: number }>;
}

export interface WatermarkFlow {
  readonly byNode: ReadonlyMap<string, NodeWatermarks>;
}

/** The watermarks after `steps[0..upTo]`. */
export function watermarkFlowAt(steps: readonly TraceStep[], upTo: number): WatermarkFlow {
  const byNode = new Map<string, Map<number, { channels: Map<number, number>; combined: number }>>();
  for (let i = 0; i <= upTo && i < steps.length; i++) {
    const s = steps[i]!;
    for (const e of s.events) {
      if (e.type !== 'watermark.in') continue;
      const node = typeof e['node'] === 'string' ? e['node'] : s.node;
      let subtasks = byNode.get(node);
      if (!subtasks) byNode.set(node, (subtasks = new Map()));
      let sub = subtasks.get(s.subtask);
      if (!sub) subtasks.set(s.subtask, (sub = { channels: new Map(), combined: -Infinity }));
      sub.channels.set(e['channel'] as number, e['watermark'] as number);
      sub.combined = e['combined'] as number;
    }
  }
  return { byNode: new Map([...byNode].map(([n, subtasks]) => [n, { subtasks }])) };
}

/** The node's watermark as a whole: the minimum over its subtasks (−∞ until each has one). */
export function nodeWatermark(w: NodeWatermarks): number {
  let min = Infinity;
  for (const s of w.subtasks.values()) min = Math.min(min, s.combined);
  return w.subtasks.size === 0 ? -Infinity : min;
}

/** The channel holding a subtask's combined watermark back, when it has more than one. */
export function holdingChannel(sub: { readonly channels: ReadonlyMap<number, number> }): number | null {
  if (sub.channels.size < 2) return null;
  let best: number | null = null;
  let min = Infinity;
  for (const [ch, w] of sub.channels) {
    if (w < min) {
      min = w;
      best = ch;
    }
  }
  return best;
}
