/** Flink's CountEvictor (evicting before the function). */
import type { Evictor, EvictorContext, TimestampedElements } from './evictor.js';
import type { Window } from './window.js';

/** Keeps only the last `maxCount` elements, dropping the oldest arrivals. */
export class CountEvictor implements Evictor {
  constructor(readonly maxCount: number) {}

  evictBefore(elements: TimestampedElements, _window: Window, _ctx: EvictorContext): void {
    const excess = elements.values.length - this.maxCount;
    if (excess <= 0) return;
    elements.values.splice(0, excess);
    elements.timestamps.splice(0, excess);
  }
}
