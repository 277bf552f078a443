/**
 * How an async operator's calls reach the outside world, when a host wants a say in it. On the
 * normal path there is no driver: asyncMap calls its function and its mailbox hears when the
 * promise settles, whenever that is. The stepping host (`trace/trace-calls.ts`) hands one in, so
 * that a call's completion is a step of its own, in an order a replay can repeat, and a replay
 * takes the outcome the first run saw instead of calling again.
 */
import type { Cause } from './tracer.js';

/** One call of an async function, as the operator describes it to the driver. */
export interface AsyncCallRequest {
  readonly node: string;
  readonly subtask: number;
  /** The record's input order in its operator (`RecordEntry.seq`): the outcome is delivered for it. */
  readonly seq: number;
  /** The record the call is for (the completion's event shows it, even when the record is done by then). */
  readonly value: unknown;
  /** 1 for the record's first call, then 2, 3… */
  readonly attempt: number;
  /** The processing time the record times out at: a host that waits for the answer waits at most until then. */
  readonly deadline: number;
  /** While traced: the source element behind the record (the cause of what its completion does). */
  readonly cause: Cause | null;
}

/** The outcome of a call: its answer, or what it threw or rejected with. */
export interface AsyncCallOutcome {
  readonly ok: boolean;
  readonly value: unknown;
}

export interface AsyncCallDriver {
  /**
   * Makes the call — `invoke` runs the user's function and returns what it returned (a promise,
   * or a value), or throws — or, replaying steps taken before, takes the outcome recorded then
   * without calling. The driver hands the outcome back later, through the operator's
   * `settleCall(seq, attempt, outcome)` in a step of the task.
   */
  issue(request: AsyncCallRequest, invoke: () => unknown): void;
}
