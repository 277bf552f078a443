/**
 * One deployment of a worker-hosted job (`Attempt`): its slots, the promises of its start and end,
 * settling it (which terminates its slots), and `slotGone` for calls to a slot that has died.
 */
import type { CheckpointDriver } from '../checkpoint/periodic-trigger.js';
import type { JobFailure } from '../graph/errors.js';
import type { SlotHandle } from './slot-spawner.js';

/** One deployment of the job: its slots, until it finishes or fails. */
export interface Attempt {
  readonly slots: SlotHandle[];
  readonly done: Promise<void>;
  /** Resolves once every slot has started (checkpoints can be triggered). */
  readonly started: Promise<void>;
  markStarted(): void;
  settle(error?: JobFailure): void;
  settled: boolean;
  /** Set once the slots hold their tasks: taps started from then on go straight to them. */
  deployed: boolean;
  /** Triggers this attempt's checkpoints and savepoints (with the plan's checkpointing). */
  checkpoints: CheckpointDriver | null;
}

/**
 * A call to a slot that rejects: the slot's worker died (or the attempt ended) under the call. Not
 * reported here: the death itself reaches the job through the slot's `onCrash`, which fails the
 * attempt and lets the restart strategy act, and a call to an ended attempt has nothing to do.
 */
export function slotGone(): void {}

function ignoreRejection(): void {}

/** A new attempt: settling it terminates its slots and ends `done`. */
export function createAttempt(): Attempt {
  const slots: SlotHandle[] = [];
  let resolveDone!: () => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => ((resolveDone = res), (rejectDone = rej)));
  // Awaited by run(); this only keeps a rejection before then from counting as unhandled.
  done.catch(ignoreRejection);
  let markStarted!: () => void;
  const started = new Promise<void>((res) => (markStarted = res));
  const attempt: Attempt = {
    slots,
    done,
    started,
    markStarted,
    settled: false,
    deployed: false,
    checkpoints: null,
    settle: (error) => {
      if (attempt.settled) return;
      attempt.settled = true;
      for (const s of slots) s.terminate();
      if (error) rejectDone(error);
      else resolveDone();
    },
  };
  return attempt;
}
