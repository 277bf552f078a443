/**
 * When a periodic checkpoint is due, for both hosts (Flink's CheckpointCoordinator schedules them
 * the same way): `intervalMs` after the job started, then `intervalMs` after the previous trigger,
 * never while a checkpoint or savepoint is in progress; one in progress longer than `timeoutMs`
 * is declined (Flink's `execution.checkpointing.timeout`). Flink delays the first checkpoint by a
 * random fraction of the interval; Eddy waits the whole interval, so runs are reproducible.
 *
 * The host asks with its own clock — wall time on the worker host, the virtual clock on the inline
 * host — so a virtual run's checkpoints fall at the same virtual times every run.
 */
import type { CheckpointCoordinator } from './coordinator.js';

/** What the trigger needs of a coordinator. */
export type TriggeredCoordinator = Pick<CheckpointCoordinator, 'begin' | 'decline' | 'inProgress'>;

export class PeriodicTrigger {
  private lastTrigger = -Infinity;
  /** The checkpoint in progress the trigger has seen, and since when (host time). */
  private watched: number | null = null;
  private watchedSince = 0;

  constructor(
    private readonly coordinator: TriggeredCoordinator,
    readonly intervalMs: number,
    readonly timeoutMs = 60_000,
  ) {}

  /**
   * Called often (every scheduling round, or on a timer) with the host's clock: declines a
   * checkpoint in progress that timed out, and returns the id of a checkpoint to trigger now
   * (the caller sends its barriers), or null.
   */
  poll(now: number): number | null {
    if (this.lastTrigger === -Infinity) this.lastTrigger = now;
    const pending = this.coordinator.inProgress;
    if (pending !== null) {
      // A savepoint asked for by the user is watched from when the trigger first sees it.
      if (pending !== this.watched) {
        this.watched = pending;
        this.watchedSince = now;
      } else if (now - this.watchedSince > this.timeoutMs) {
        this.coordinator.decline(pending, `timed out after ${this.timeoutMs} ms`);
      }
      return null;
    }
    if (now - this.lastTrigger < this.intervalMs) return null;
    const id = this.coordinator.begin();
    if (id === null) return null;
    this.lastTrigger = now;
    this.watched = id;
    this.watchedSince = now;
    return id;
  }
}
