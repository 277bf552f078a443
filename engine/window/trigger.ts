/**
 * The trigger contract (Flink's Trigger): decides when a window fires and when its contents are
 * purged. A trigger keeps no state of its own — counts and pending fire times live in keyed state
 * reached through its context, scoped to (current key, window), so snapshots capture them.
 */
import type { Window } from './window.js';

/** What a trigger asks of the window operator. Bit 1 = fire, bit 2 = purge. */
export const TriggerResult = {
  CONTINUE: 0,
  FIRE: 1,
  PURGE: 2,
  FIRE_AND_PURGE: 3,
} as const;
export type TriggerResult = (typeof TriggerResult)[keyof typeof TriggerResult];

export function isFire(r: TriggerResult): boolean {
  return (r & TriggerResult.FIRE) !== 0;
}

export function isPurge(r: TriggerResult): boolean {
  return (r & TriggerResult.PURGE) !== 0;
}

/** Per-window reducing state (Flink's ReducingState): `add` folds a value into what is there. */
export interface ReducingWindowState<T> {
  get(): T | undefined;
  add(value: T): void;
  clear(): void;
}

/** A trigger's view of its environment, scoped to the current key and window. */
export interface TriggerContext {
  currentWatermark(): number;
  currentProcessingTime(): number;
  registerEventTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  /** Reducing state named `name` for the current window; the same name must always use the same `reduce`. */
  reducingState<T>(name: string, reduce: (a: T, b: T) => T): ReducingWindowState<T>;
}

/** During `onMerge`: the context's window is the merge result. */
export interface OnMergeContext extends TriggerContext {
  /** Folds the state `name` of every merged window into the merge result's, removing theirs. */
  mergeReducingState<T>(name: string, reduce: (a: T, b: T) => T): void;
}

/**
 * Decides, per window, on each element and each timer, whether to fire and/or purge.
 * Invariant: all state goes through the context; `clear` removes every timer and state entry the
 * trigger created for the window.
 */
export interface Trigger {
  onElement(value: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult;
  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult;
  onProcessingTime(time: number, window: Window, ctx: TriggerContext): TriggerResult;
  /** Whether the trigger supports merging windows (sessions); `onMerge` is only called when true. */
  readonly canMerge: boolean;
  onMerge(window: Window, ctx: OnMergeContext): void;
  clear(window: Window, ctx: TriggerContext): void;
}
