/**
 * Cooperative scheduling of the tasks that share one thread (the inline host, or one slot
 * worker): downstream tasks first, so data drains and memory stays bounded; then sources; then
 * partial batches are flushed; processing-time wakeups fire when due. Deterministic for a given
 * set of tasks and inputs.
 */
import type { Task } from './task.js';

/** What one round achieved. */
export type RoundResult = 'progress' | 'idle' | 'finished';

/** Steps a task may take in one burst before the scheduler moves on. */
export const BURST = 1024;

export class TaskScheduler {
  constructor(
    readonly tasks: readonly Task[],
    private readonly now: () => number,
    /** A fine clock for busy-time accounting (performance.now); none = no accounting. */
    private readonly fineClock: (() => number) | null = null,
  ) {}

  /** A burst of up to BURST steps of `t`; returns whether it did anything. */
  private burst(t: Task): boolean {
    if (!t.canRun()) return false;
    const clock = this.fineClock;
    const t0 = clock === null ? 0 : clock();
    for (let n = 0; n < BURST && t.canRun(); n++) t.step();
    if (clock !== null) t.busyMs += clock() - t0;
    return true;
  }

  /** One round: a burst of every runnable task, downstream first; then flush; then time. Throws OperatorError. */
  runRound(): RoundResult {
    this.fireDueTimers();
    let progress = false;
    const tasks = this.tasks;
    for (let k = tasks.length - 1; k >= 0; k--) {
      const t = tasks[k]!;
      if (!t.isSource && this.burst(t)) progress = true;
    }
    if (!progress) for (const t of tasks) if (t.isSource && this.burst(t)) progress = true;
    if (!progress) for (const t of tasks) if (t.state === 'running' && t.flush()) progress = true;
    if (progress) return 'progress';
    return this.allFinished() ? 'finished' : 'idle';
  }

  /**
   * One unit of work: one record or event in one task (downstream first), else a flush.
   * Returns false when nothing could be done right now (the caller may move time on).
   */
  stepOnce(): boolean {
    this.fireDueTimers();
    for (let k = this.tasks.length - 1; k >= 0; k--) {
      const t = this.tasks[k]!;
      if (!t.isSource && t.canRun()) return t.step();
    }
    for (const t of this.tasks) if (t.isSource && t.canRun()) return t.step();
    for (const t of this.tasks) if (t.state === 'running' && t.flush()) return true;
    return false;
  }

  allFinished(): boolean {
    for (const t of this.tasks) if (t.state !== 'finished') return false;
    return true;
  }

  /** The earliest processing-time wakeup any running task asked for, or Infinity. */
  nextWakeup(): number {
    let min = Infinity;
    for (const t of this.tasks) if (t.state === 'running') min = Math.min(min, t.nextWakeup());
    return min;
  }

  fireDueTimers(): void {
    const now = this.now();
    for (const t of this.tasks) if (t.state === 'running' && t.nextWakeup() <= now) t.fireProcessingTime(now);
  }
}
