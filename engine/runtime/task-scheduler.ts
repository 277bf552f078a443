/**
 * Cooperative scheduling of the tasks that share one thread (the inline host, or one slot
 * worker): downstream tasks first, so data drains and memory stays bounded; then sources; then
 * partial batches are flushed; processing-time wakeups fire when due. Deterministic for a given
 * set of tasks and inputs.
 */
import type { ProgressBeacon } from './progress-beacon.js';
import type { Task } from './task.js';

/** What one round achieved. */
export type RoundResult = 'progress' | 'idle' | 'finished';

/** Steps a task may take in one burst before the scheduler moves on. */
export const BURST = 1024;

export class TaskScheduler {
  private readonly busyBefore: Float64Array;
  private lastFlush = -Infinity;
  /** Partial batches older than this are sent even while the thread stays busy (ms). */
  flushTimeoutMs = 5;
  private watched: ProgressBeacon | null = null;

  constructor(
    readonly tasks: readonly Task[],
    private readonly now: () => number,
    /** A fine clock for busy-time accounting (performance.now); none = no accounting. */
    private readonly fineClock: (() => number) | null = null,
  ) {
    this.busyBefore = new Float64Array(tasks.length);
  }

  /**
   * With a watchdog: told at every burst and timer firing which subtask and node run, and beaten
   * every few records of a large input batch (a slow function that progresses is not stuck).
   */
  get beacon(): ProgressBeacon | null {
    return this.watched;
  }

  set beacon(beacon: ProgressBeacon | null) {
    this.watched = beacon;
    const beat = beacon === null ? null : () => beacon.beat();
    for (const t of this.tasks) t.watchProgress(beat);
  }

  /** A burst of up to BURST steps of `t`; returns whether it did anything. */
  private burst(t: Task): boolean {
    if (!t.canRun()) return false;
    this.beacon?.enter(t.subtaskIndex, t.watchNode);
    const clock = this.fineClock;
    const t0 = clock === null ? 0 : clock();
    // Whole input batches at a time: one dispatch per batch, not per record; a beat after each
    // (a source emits up to 256 records per step).
    const beacon = this.watched;
    for (let n = 0; n < BURST && t.canRun(); ) {
      const done = t.stepBatch();
      if (done === 0) break;
      n += done;
      beacon?.beat();
    }
    if (clock !== null) t.busyMs += clock() - t0;
    return true;
  }

  /** One round: a burst of every runnable task, downstream first; then flush; then time. Throws OperatorError. */
  runRound(): RoundResult {
    const clock = this.fineClock;
    if (clock === null) return this.round();
    const busyBefore = this.busyBefore;
    for (let i = 0; i < this.tasks.length; i++) busyBefore[i] = this.tasks[i]!.busyMs;
    const t0 = clock();
    const r = this.round();
    if (r === 'progress') {
      // A task that cannot send while others run is back-pressured for that time (Flink's
      // backPressuredTimeMsPerSecond, with tasks sharing a thread).
      const elapsed = clock() - t0;
      for (let i = 0; i < this.tasks.length; i++) {
        const t = this.tasks[i]!;
        if (t.isBackPressured()) t.backPressuredMs += elapsed - (t.busyMs - busyBefore[i]!);
      }
    }
    return r;
  }

  private round(): RoundResult {
    this.fireDueTimers();
    let progress = false;
    const tasks = this.tasks;
    for (let k = tasks.length - 1; k >= 0; k--) {
      const t = tasks[k]!;
      if (!t.isSource && this.burst(t)) progress = true;
    }
    if (!progress) for (const t of tasks) if (t.isSource && this.burst(t)) progress = true;
    if (!progress) {
      for (const t of tasks) if (t.state === 'running' && t.flush()) progress = true;
      this.lastFlush = this.now();
    } else if (this.now() - this.lastFlush >= this.flushTimeoutMs) {
      // The output flusher: a busy thread still sends partial batches every few ms.
      for (const t of tasks) if (t.state === 'running') t.flush();
      this.lastFlush = this.now();
    }
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
    for (const t of this.tasks) {
      if (t.state !== 'running' || t.nextWakeup() > now) continue;
      this.beacon?.enter(t.subtaskIndex, t.watchNode);
      t.fireProcessingTime(now);
    }
  }
}
