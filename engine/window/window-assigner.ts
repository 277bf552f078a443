/**
 * The window assigner contract (Flink's WindowAssigner / MergingWindowAssigner): which windows a
 * record belongs to, which trigger a window uses by default, and which clock it lives on.
 */
import type { MergeCallback, TimeWindow } from './time-window.js';
import type { Trigger } from './trigger.js';
import type { Window } from './window.js';

export interface WindowAssignerContext {
  currentProcessingTime(): number;
}

/**
 * Assigns windows to a record. Invariant: the same (value, timestamp, clock) always gives the same
 * windows; `isEventTime` decides lateness and which timer domain cleans windows up.
 */
export interface WindowAssigner {
  assignWindows(value: unknown, timestamp: number, ctx: WindowAssignerContext): readonly Window[];
  defaultTrigger(): Trigger;
  readonly isEventTime: boolean;
}

/** An assigner whose windows merge (sessions): overlapping or touching windows become one. */
export interface MergingWindowAssigner extends WindowAssigner {
  readonly merging: true;
  assignWindows(value: unknown, timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[];
  mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback): void;
}

export function isMergingAssigner(a: WindowAssigner): a is MergingWindowAssigner {
  return (a as MergingWindowAssigner).merging === true;
}

/** Which clock an assigner uses. */
export type TimeDomain = 'event' | 'processing';

/** Event-time assigners need record timestamps; say how to get them. */
export function requireTimestamp(timestamp: number): void {
  if (timestamp === -Infinity) {
    throw new Error(
      'record has no timestamp: event-time windows need timestamps — add a watermarks node (or a source timestampField), or use "time": "processing"',
    );
  }
}
