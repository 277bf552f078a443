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
import type { CheckpointMetadata } from './storage.js';

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

/** What the driver needs of a coordinator: the trigger's part, and savepoints where it takes them. */
export type DrivenCoordinator = TriggeredCoordinator & Partial<Pick<CheckpointCoordinator, 'requestSavepoint'>>;

/** Sends the barriers of checkpoint `id` into the job's sources (unaligned when asked). */
export type SendBarriers = (id: number, unaligned: boolean) => void;

/** How often a timer-driven host asks the trigger (ms; less when the interval is shorter). */
export const TRIGGER_POLL_MS = 50;

/**
 * Checkpoint triggering for both hosts, in one place: periodic checkpoints when due (see
 * `PeriodicTrigger`, with the job's interval, timeout and barrier mode) and savepoints when asked
 * (the coordinator starts them after a checkpoint in progress; always aligned, as Flink's are).
 * The host only sends the barriers. The inline host ticks it every scheduling round on its own
 * clock (virtual or wall); the worker host's controller, whose thread is idle between messages,
 * from a timer (`startTimer`).
 */
export class CheckpointDriver {
  private readonly trigger: PeriodicTrigger;
  private readonly unaligned: boolean;

  constructor(
    private readonly coordinator: DrivenCoordinator,
    checkpointing: { readonly intervalMs: number; readonly unaligned?: boolean },
    timeoutMs: number | undefined,
    private readonly send: SendBarriers,
  ) {
    this.trigger = new PeriodicTrigger(coordinator, checkpointing.intervalMs, timeoutMs);
    this.unaligned = checkpointing.unaligned === true;
  }

  get intervalMs(): number {
    return this.trigger.intervalMs;
  }

  /** Declines a checkpoint that timed out, and starts a periodic one when it is due (host time `now`). */
  tick(now: number): void {
    const id = this.trigger.poll(now);
    if (id !== null) this.send(id, this.unaligned);
  }

  /**
   * Takes a savepoint: resolves when it is stored; rejects when it is declined or the job ends
   * first. `onStarted` learns its id when its barriers go out.
   */
  savepoint(onStarted?: (id: number) => void): Promise<CheckpointMetadata> {
    const request = this.coordinator.requestSavepoint?.bind(this.coordinator);
    if (request === undefined) return Promise.reject(new Error('this job takes no savepoints'));
    return request((id) => {
      onStarted?.(id);
      this.send(id, false);
    });
  }

  /** Ticks on `clock` often enough to keep the interval, until the returned function is called. */
  startTimer(clock: () => number): () => void {
    const timer = setInterval(() => this.tick(clock()), Math.min(this.intervalMs, TRIGGER_POLL_MS));
    return () => clearInterval(timer);
  }
}
