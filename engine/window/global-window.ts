/**
 * The one window of a global window assigner (Flink's GlobalWindow): it spans all time, so its
 * max timestamp is +∞ and an event-time timer at it fires only at the end of input.
 */

/** The single global window. Invariant: there is exactly one instance, `GLOBAL_WINDOW`. */
export class GlobalWindow {
  /** Namespace of the global window's state and timers; never a valid time-window namespace. */
  readonly ns = 'global';

  maxTimestamp(): number {
    return Infinity;
  }

  toString(): string {
    return 'GlobalWindow';
  }
}

export const GLOBAL_WINDOW = new GlobalWindow();
