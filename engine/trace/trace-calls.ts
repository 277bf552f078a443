/**
 * asyncMap on the stepping host. A step must be a function of the steps before it, and a call's
 * completion is not — it comes when the I/O ends. So the stepper makes every call through a
 * driver of its own (`ctx.asyncCalls`), and:
 *
 * - each call's completion is a step of its own (`async.complete`), taken when no other task can
 *   run and before the virtual clock moves: calls complete in the order they were made (issue
 *   order, whatever the mode; `unordered` then emits in that order too) and take no virtual time;
 * - the stepper waits for the answer on the wall clock, at most until the record's deadline
 *   (`timeoutMs` after its first call, in virtual time): a call that has not answered by then has
 *   no answer — no step — and the record times out when the virtual clock reaches its deadline;
 * - every call and its outcome go into a log shared by every stepper of one trace
 *   (`AsyncCallLog`): a stepper replaying steps after a step back takes the recorded outcome and
 *   calls nothing, so going back and forth never issues the I/O again, and sees the same answers.
 */
import type { AsyncCallDriver, AsyncCallOutcome, AsyncCallRequest } from '../operators/async-calls.js';

/** A call that did not answer before its record's deadline. */
const NO_ANSWER = 'no answer';

interface LoggedCall {
  readonly request: AsyncCallRequest;
  /** The record as it was called for, as text (the function may change it afterwards). */
  readonly record: string;
  /** Its outcome once known; kept as it came, each delivery gets a copy. */
  outcome?: AsyncCallOutcome | typeof NO_ANSWER;
  /** Settles when the call's promise does. */
  settled?: Promise<void>;
  /** The wait for it (its answer, or its deadline on the wall clock), once a stepper waits. */
  waited?: Promise<void>;
}

/**
 * Every async call of one trace, by id (0, 1, … in the order the steps made them), with its
 * outcome: what a stepper replaying the steps takes instead of calling.
 */
export class AsyncCallLog {
  private readonly calls: LoggedCall[] = [];

  /** Calls made so far. */
  get size(): number {
    return this.calls.length;
  }

  /** Forgets the calls from id `from` on: the steps that made them were discarded (an intervention changed them). */
  truncate(from: number): void {
    if (from < this.calls.length) this.calls.length = from;
  }

  /** Call `id` as a step makes it: made now the first time; on a replay, checked against the record and not made again. */
  issue(id: number, request: AsyncCallRequest, invoke: () => unknown): void {
    const known = this.calls[id];
    if (known !== undefined) {
      const r = known.request;
      if (r.node !== request.node || r.subtask !== request.subtask || r.seq !== request.seq || r.attempt !== request.attempt || known.record !== textOf(request.value)) {
        throw new Error(`the trace did not replay async call ${id} as recorded (node "${r.node}" subtask ${r.subtask}, attempt ${r.attempt}); the job is not deterministic`);
      }
      return;
    }
    if (id !== this.calls.length) throw new Error(`async call ${id} follows ${this.calls.length} recorded calls: a stepper restored from a snapshot needs its trace's AsyncCallLog (TraceOptions.calls)`);
    const call: LoggedCall = { request, record: textOf(request.value) };
    this.calls.push(call);
    let returned: unknown;
    try {
      returned = invoke();
    } catch (e) {
      // A function that throws before returning a promise fails the call like a rejection.
      call.outcome = { ok: false, value: e };
      return;
    }
    call.settled = Promise.resolve(returned).then(
      (value) => {
        call.outcome ??= { ok: true, value };
      },
      (error: unknown) => {
        call.outcome ??= { ok: false, value: error };
      },
    );
  }

  /** Call `id`'s outcome if known: its answer (a copy), NO_ANSWER, or undefined while it is in flight. */
  outcomeOf(id: number): AsyncCallOutcome | typeof NO_ANSWER | undefined {
    const o = this.calls[id]?.outcome;
    return o === undefined || o === NO_ANSWER ? o : { ok: o.ok, value: copy(o.value) };
  }

  /** Resolves once call `id` answered, or `budgetMs` of wall-clock time passed first (then it has no answer). */
  wait(id: number, budgetMs: number): Promise<void> {
    const call = this.calls[id]!;
    call.waited ??= new Promise<void>((resolve) => {
      // setTimeout's longest delay is 2³¹ − 1 ms; a longer budget waits that long.
      const timer = setTimeout(
        () => {
          call.outcome ??= NO_ANSWER;
          resolve();
        },
        Math.min(Math.max(0, budgetMs), 2 ** 31 - 1),
      );
      void call.settled?.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return call.waited;
  }
}

/** A call in flight on one stepper: its id in the log and what the operator said of it. */
interface PendingCall {
  readonly id: number;
  readonly request: AsyncCallRequest;
}

/** What `TraceCalls` keeps between steps (in a StepperSnapshot). */
export interface TraceCallsState {
  readonly next: number;
  readonly pending: readonly PendingCall[];
}

/** The next completion: a call whose outcome is known, or the wait for the first call in flight. */
export type NextCompletion = { readonly request: AsyncCallRequest; readonly outcome: AsyncCallOutcome } | { readonly wait: Promise<void> };

/** The stepper's driver of async calls (see above): calls in flight in issue order, made and answered through the log. */
export class TraceCalls implements AsyncCallDriver {
  /** The id of the next call: calls made so far in the trace. */
  next = 0;
  /** While true (a stepper being loaded from a snapshot, whose operators re-queue their records), calls are not made. */
  suspended = false;
  private pending: PendingCall[] = [];

  constructor(readonly log: AsyncCallLog) {}

  issue(request: AsyncCallRequest, invoke: () => unknown): void {
    if (this.suspended) return;
    const id = this.next++;
    this.log.issue(id, request, invoke);
    this.pending.push({ id, request });
  }

  /**
   * The first call in flight, with its outcome — or the wait for it (at most until its record's
   * deadline, `now` being the virtual time) — or null when none is in flight. Calls without an
   * answer leave the list here: their records time out on the virtual clock.
   */
  nextCompletion(now: number): NextCompletion | null {
    for (;;) {
      const head = this.pending[0];
      if (head === undefined) return null;
      const outcome = this.log.outcomeOf(head.id);
      if (outcome === undefined) return { wait: this.log.wait(head.id, head.request.deadline - now) };
      this.pending.shift();
      if (outcome !== NO_ANSWER) return { request: head.request, outcome };
    }
  }

  save(): TraceCallsState {
    return structuredClone({ next: this.next, pending: this.pending });
  }

  load(state: TraceCallsState): void {
    const s = structuredClone(state);
    this.next = s.next;
    this.pending = [...s.pending];
  }
}

/** A record as text, to tell whether a replayed call is for the record the first run called for. */
function textOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A copy for each delivery: operators downstream may change a record, and a replay must get it as it first came. */
function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    // Not cloneable (a function in it): handed over as it is.
    return value;
  }
}
