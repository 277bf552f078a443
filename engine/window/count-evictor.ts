/** Flink's CountEvictor (evicting before the function). */
import type { Evictor, TimestampedElements } from './evictor.js';

/** Keeps only the last `maxCount` elements, dropping the oldest arrivals. */
export class CountEvictor implements Evictor {
  constructor(readonly maxCount: number) {}

  evictBefore(elements: TimestampedElements): void {
    const excess = elements.values.length - this.maxCount;
    if (excess <= 0) return;
    elements.values.splice(0, excess);
    elements.timestamps.splice(0, excess);
  }
}
