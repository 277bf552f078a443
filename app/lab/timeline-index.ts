/**
 * One window node's timeline at any position of a trace: from the first step (`timelineAt`), or
 * kept by a `TimelineIndex` that applies only the steps moved on and restores a saved state to
 * move back.
 */
import type { TraceStep } from './trace-types';
import { TimelineBuilder } from './timeline-model';
import type { RestoredPane, TimelineModel } from './timeline-types';

/** The timeline of `node` after `steps[0..upTo]` (inclusive); `chainHead`: the head of its task (`chainHeadOf`). */
export function timelineAt(steps: readonly TraceStep[], node: string, upTo: number, allowedLatenessMs = 0, restored: readonly RestoredPane[] = [], chainHead = node): TimelineModel {
  const b = new TimelineBuilder(node, allowedLatenessMs, restored, chainHead);
  for (let i = 0; i <= upTo && i < steps.length; i++) b.apply(steps[i]!);
  return b.model();
}

/** How many steps apart `TimelineIndex` saves the timeline's state: a move back replays at most this many. */
export const TIMELINE_SNAPSHOT_EVERY = 256;

/**
 * One window node's timeline at any position of a trace, in time proportional to the distance
 * moved on, or at most `every` steps when moving back or jumping: it keeps the builder at the
 * last position asked for and a saved copy of its state every `every` steps. The trace may grow
 * (steps appended to the same array) between calls.
 */
export class TimelineIndex {
  private builder: TimelineBuilder;
  /** The last index of `steps` applied to `builder` (−1: none). */
  private applied = -1;
  /** `saved[k]`: the state after step (k + 1) · every − 1. */
  private readonly saved: TimelineBuilder[] = [];

  constructor(
    readonly steps: readonly TraceStep[],
    readonly node: string,
    readonly allowedLatenessMs = 0,
    readonly every = TIMELINE_SNAPSHOT_EVERY,
    readonly restored: readonly RestoredPane[] = [],
    readonly chainHead = node,
  ) {
    this.builder = new TimelineBuilder(node, allowedLatenessMs, restored, chainHead);
  }

  /** The timeline after `steps[0..upTo]` (inclusive; −1: before any). Read the model before the next call. */
  at(upTo: number): TimelineModel {
    const target = Math.min(upTo, this.steps.length - 1);
    // The nearest saved state at or before the target, when the builder is past the target or behind that state.
    const k = Math.min(this.saved.length, Math.floor((target + 1) / this.every)) - 1;
    const savedStep = k >= 0 ? (k + 1) * this.every - 1 : -1;
    if (this.applied > target || this.applied < savedStep) {
      this.builder = k >= 0 ? this.saved[k]!.copy() : new TimelineBuilder(this.node, this.allowedLatenessMs, this.restored, this.chainHead);
      this.applied = savedStep;
    }
    while (this.applied < target) {
      this.applied++;
      this.builder.apply(this.steps[this.applied]!);
      if ((this.applied + 1) % this.every === 0 && this.saved.length === (this.applied + 1) / this.every - 1) this.saved.push(this.builder.copy());
    }
    return this.builder.model();
  }
}
