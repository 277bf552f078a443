/** Flink's TimeEvictor (evicting before the function). */
import { type Evictor, type EvictorContext, type TimestampedElements, removeWhere } from './evictor.js';
import type { Window } from './window.js';

/**
 * Keeps the elements within `windowSize` of the newest one: with `max` the largest element
 * timestamp, drops every element whose timestamp ≤ `max − windowSize`. Does nothing when the
 * first element has no timestamp (Flink checks only the first).
 */
export class TimeEvictor implements Evictor {
  constructor(readonly windowSize: number) {}

  evictBefore(elements: TimestampedElements, _window: Window, _ctx: EvictorContext): void {
    const ts = elements.timestamps;
    if (ts.length === 0 || ts[0] === null) return;
    let max = -Infinity;
    for (const t of ts) if (t !== null && t > max) max = t;
    const cutoff = max - this.windowSize;
    // An element without a timestamp counts as the earliest time (Flink's Long.MIN_VALUE).
    removeWhere(elements, (i) => (ts[i] ?? -Infinity) <= cutoff);
  }
}
