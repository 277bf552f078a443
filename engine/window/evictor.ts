/**
 * The evictor contract (Flink's Evictor): removes elements from a window's contents before the
 * window function sees them. Evicted elements are gone from state.
 */
import type { Window } from './window.js';

/**
 * A window's elements with their timestamps, as two parallel arrays (no wrapper per element).
 * `timestamps[i]` is null when element i had no timestamp. Invariant: equal lengths.
 */
export interface TimestampedElements {
  values: unknown[];
  timestamps: Array<number | null>;
}

export interface EvictorContext {
  currentWatermark(): number;
  currentProcessingTime(): number;
}

/** Removes elements in place (from both arrays, keeping them aligned) before the function runs. */
export interface Evictor {
  evictBefore(elements: TimestampedElements, window: Window, ctx: EvictorContext): void;
}

/** Removes the elements at the indices where `drop` is true, in place, keeping order. */
export function removeWhere(elements: TimestampedElements, drop: (index: number) => boolean): void {
  const { values, timestamps } = elements;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    if (drop(i)) continue;
    values[w] = values[i];
    timestamps[w] = timestamps[i]!;
    w++;
  }
  values.length = w;
  timestamps.length = w;
}
