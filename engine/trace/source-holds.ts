/**
 * The source subtasks the lab's user holds (`interventions.ts`): paused (it takes no steps and
 * stays active, holding the watermark back) or marked idle (no steps, no watermark held back),
 * until released or for N seconds of virtual time. Part of a stepper's state between steps: saved
 * in its snapshot, and carried over a failover (holds are on source subtasks, not on an attempt).
 */
import type { Task } from '../runtime/task.js';

/** How the user holds a source subtask: paused (stays active, holds the watermark back) or marked idle. */
export type Hold = 'paused' | 'idle';

/** When a hold set for N seconds ends by itself: the virtual time, and the step that set it. */
export interface HoldEnd {
  readonly until: number;
  readonly step: number;
  readonly seconds: number;
}

/** The holds as plain data, by task key (`vertex#subtask`). */
export interface SourceHoldsState {
  readonly held: Array<[string, Hold]>;
  readonly heldUntil?: Array<[string, HoldEnd]>;
}

export class SourceHolds {
  private readonly held = new Map<string, Hold>();
  /** Holds set for N seconds: they end at a virtual time (a step of their own). */
  private readonly ends = new Map<string, HoldEnd>();

  /** How the task with key `key` is held, or undefined. */
  get(key: string): Hold | undefined {
    return this.held.get(key);
  }

  /** True when task `t` may take steps. */
  free(t: Task): boolean {
    return this.held.size === 0 || !this.held.has(t.name);
  }

  /** Pauses `task` or marks it idle; for `seconds` of virtual time from `now` when given (`step`: the intervention's). */
  hold(task: Task, hold: Hold, now: number, step: number, seconds: number | undefined): void {
    const before = this.held.get(task.name);
    this.held.set(task.name, hold);
    if ((hold === 'idle') !== (before === 'idle')) task.markOutputIdle(hold === 'idle');
    if (seconds === undefined) this.ends.delete(task.name);
    else this.ends.set(task.name, { until: now + seconds * 1000, step, seconds });
  }

  /** Releases `task`: active again if it was idle, and it emits. */
  release(task: Task): void {
    if (this.held.get(task.name) === 'idle') task.markOutputIdle(false);
    this.held.delete(task.name);
    this.ends.delete(task.name);
  }

  /** A record injected into an idle source ends its idleness, as Flink's WatermarksWithIdleness: the hold stays, as a pause. */
  wake(task: Task): void {
    if (this.held.get(task.name) !== 'idle') return;
    this.held.set(task.name, 'paused');
    task.markOutputIdle(false);
  }

  /** The first hold set for N seconds whose end virtual time `now` reached: its task key and end. */
  due(now: number): readonly [string, HoldEnd] | undefined {
    for (const entry of this.ends) if (entry[1].until <= now) return entry;
    return undefined;
  }

  /** The earliest end of a hold set for N seconds (Infinity: none). */
  nextEnd(): number {
    let next = Infinity;
    for (const end of this.ends.values()) next = Math.min(next, end.until);
    return next;
  }

  /** Every hold: task key, how, and the virtual time it ends by itself (if set for N seconds). */
  list(): ReadonlyArray<readonly [string, Hold, number?]> {
    return [...this.held].map(([key, hold]) => {
      const end = this.ends.get(key);
      return end === undefined ? ([key, hold] as const) : ([key, hold, end.until] as const);
    });
  }

  save(): SourceHoldsState {
    return { held: [...this.held], heldUntil: [...this.ends] };
  }

  load(state: SourceHoldsState): void {
    for (const [k, h] of state.held) this.held.set(k, h);
    for (const [k, e] of state.heldUntil ?? []) this.ends.set(k, e);
  }

  /** The same holds on `other`, whose `tasks` restarted after a failover (idle ones marked idle again). */
  copyTo(other: SourceHolds, tasks: readonly Task[]): void {
    for (const [key, hold] of this.held) {
      other.held.set(key, hold);
      if (hold === 'idle') tasks.find((t) => t.name === key)?.markOutputIdle(true);
    }
    for (const [key, end] of this.ends) other.ends.set(key, end);
  }
}
