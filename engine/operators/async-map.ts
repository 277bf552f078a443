/**
 * `asyncMap`: Flink's Async I/O (AsyncWaitOperator) running `async (record, ctx) => result`.
 *
 * - Up to `capacity` records (and the watermarks between them) wait in the queue. A record or
 *   watermark that comes while it is full waits outside it, not yet called (Flink's
 *   `addToWorkQueue` blocking in `processElement`), and while one waits `acceptsInput` is false:
 *   the task reads nothing more (back-pressure). A full queue alone does not stop the input, so
 *   a checkpoint barrier or the end of input right behind the record that filled it reaches the
 *   operator at once, as in Flink: the snapshot holds the full queue. The end of input behind a
 *   waiting element takes effect once that element is queued (Flink calls `endInput` only then).
 * - The operator never waits: a settled promise only notes its outcome and notifies the task's
 *   mailbox; the task then calls `processMail`, which completes, retries or fails the record and
 *   emits what the queue lets leave (`async-queue.ts`: ordered, or unordered between watermarks).
 * - Each record has one timeout, `timeoutMs` after it was queued (its first call), retries
 *   included: retries do not renew it (Flink 2.3's `RetryableResultHandlerDelegator`, one timer
 *   per record, `startTs` taken once). When it fires, a retry waiting for its delay is cancelled
 *   and `timeout(record, ctx)` gives the record's results, or without one the job fails naming the
 *   node and the record. That outcome is final, never retried, whatever the predicates say
 *   (`processRetry` retries only while `!isTimeout()`); so is the outcome of a call handled after
 *   the deadline, and a retry due at or after the deadline never runs.
 * - While no retry waits for its delay, the first outcome of any of the record's calls counts
 *   (Flink's `retryAwaiting`; calls overlap only at the end of input, below).
 * - When the input ends, retries stop (Flink's `AsyncWaitOperator.endInput`,
 *   `finishInFlightDelayedRetry`): a record that waits for a retry, or has been retried, is called
 *   once more at once, and the first of its calls to settle is final; a first call still in flight
 *   is final too. The outcome no longer counts against the retry predicates.
 * - Results keep the input record's timestamp. A result that is an array is many records;
 *   undefined or null is none.
 * - A snapshot holds every queued element (records in flight, records done but not yet emitted,
 *   watermarks), then any waiting outside the queue, in order; a restore hands them to the
 *   operator again, so each record is called again from its first attempt (Flink keeps the
 *   inputs, not the results or the attempts), and those beyond the capacity wait as above.
 * - On the stepping host (`ctx.asyncCalls`), calls go through its driver, which hands each
 *   outcome back as a step of its own (`settleCall`); while traced the operator says what it does:
 *   `async.call`, `async.complete`, `async.timeout` (docs/trace.md), each with the record's cause.
 */
import { ParamError } from '../graph/errors.js';
import { BaseOperator } from './base-operator.js';
import { attribute } from '../runtime/operator-error.js';
import { type AsyncQueue, type QueueEntry, type RecordEntry, createAsyncQueue } from './async-queue.js';
import { type AsyncRetryStrategy, createRetryStrategy } from './async-retry.js';
import type { AsyncMapParams } from '../graph/schema-params.js';
import type { JobFetch } from '../host/job-fetch.js';
import type { AsyncCallOutcome, AsyncCallRequest } from './async-calls.js';
import type { Cause } from './tracer.js';
import { type AsyncMapRuntime, type Request, type WaitingElement, loadAsyncMapRuntime, saveAsyncMapRuntime } from './async-map-runtime.js';

/** What the user's function gets as `ctx`. */
export interface AsyncFunctionContext {
  /** 1 for the first call of a record, then 2, 3… for retries. */
  readonly attempt: number;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** The platform's fetch, relative URLs against the job's base (docs/job-format.md, asyncMap). */
  readonly fetch: JobFetch;
}

/** A call's outcome, noted by the promise and handled in the task loop. */
interface Settled {
  readonly entry: RecordEntry;
  readonly request: Request;
  readonly ok: boolean;
  readonly value: unknown;
  /** The attempt of the call that gave it. */
  readonly attempt: number;
}

/** How records and watermarks are kept in a snapshot. */
type StoredElement = { readonly v: unknown; readonly t: number } | { readonly w: number };


export class AsyncMapOperator extends BaseOperator {
  private fn!: (record: unknown, ctx: AsyncFunctionContext) => unknown;
  private onTimeout: ((record: unknown, ctx: AsyncFunctionContext) => unknown) | null = null;
  private queue!: AsyncQueue;
  private capacity = 1;
  private timeoutMs = 0;
  private retry: AsyncRetryStrategy | null = null;
  private requests = new Map<RecordEntry, Request>();
  private settled: Settled[] = [];
  private seq = 0;
  private fetch!: JobFetch;
  /** The input ended: no more retries (Flink's `retryDisabledOnFinish`). */
  private inputEnded = false;
  /** Elements handed over while the queue was full, in order (one from the input; a restore may leave more). */
  private waiting: WaitingElement[] = [];
  /** The input ended behind a waiting element: `endInput` takes effect once the waiting are queued. */
  private endPending = false;

  protected override setup(): void {
    const ctx = this.ctx;
    const p = ctx.params as AsyncMapParams;
    if (ctx.mailbox === undefined) throw new Error(`asyncMap node "${ctx.nodeId}": this host gives operators no mailbox, so async results cannot come back`);
    this.fn = ctx.compile(p.code, 'code');
    if (typeof this.fn !== 'function') throw new ParamError('params.code', 'params.code: expected a function, e.g. async (r, ctx) => r');
    if (p.timeout !== undefined) {
      this.onTimeout = ctx.compile(p.timeout, 'timeout');
      if (typeof this.onTimeout !== 'function') throw new ParamError('params.timeout', 'params.timeout: expected a function, e.g. (r, ctx) => ({ ...r, timedOut: true })');
    }
    this.queue = createAsyncQueue(p.mode);
    this.capacity = p.capacity;
    this.timeoutMs = p.timeoutMs;
    this.retry = createRetryStrategy(p.retry);
    this.fetch = ctx.io.fetch ?? (() => Promise.reject(new Error('this host offers no fetch')));
  }

  /** False while an element waits for a place in the queue (the task reads no more input). */
  acceptsInput(): boolean {
    return this.waiting.length === 0;
  }

  hasPendingWork(): boolean {
    return this.queue.size > 0 || this.waiting.length > 0;
  }

  awaitsCalls(): boolean {
    for (const r of this.requests.values()) if (r.retryAt === Infinity) return true;
    return false;
  }

  processElement(value: unknown, timestamp: number): void {
    const cause = this.ctx.tracer?.cause ?? null;
    if (this.isFull()) this.waiting.push({ kind: 'record', value, timestamp, cause });
    else this.enqueueRecord(value, timestamp, cause);
  }

  override processWatermark(watermark: number): void {
    const cause = this.ctx.tracer?.cause ?? null;
    if (this.isFull()) this.waiting.push({ kind: 'watermark', watermark, cause });
    else {
      this.enqueueWatermark(watermark, cause);
      this.emitReady();
    }
  }

  private isFull(): boolean {
    return this.waiting.length > 0 || this.queue.size >= this.capacity;
  }

  private enqueueRecord(value: unknown, timestamp: number, cause: Cause | null): void {
    const entry: RecordEntry = { kind: 'record', value, timestamp, seq: this.seq++, results: null, ...(this.ctx.tracer ? { cause } : {}) };
    this.queue.add(entry);
    const deadline = this.ctx.processingTime.now() + this.timeoutMs;
    const request: Request = { deadline, attempts: 1, retryAt: Infinity, cause };
    this.requests.set(entry, request);
    this.ctx.processingTime.scheduleWakeup(deadline);
    this.invoke(entry, request);
  }

  private enqueueWatermark(watermark: number, cause: Cause | null): void {
    if (watermark > this.currentWatermark) this.currentWatermark = watermark;
    this.queue.add({ kind: 'watermark', watermark, seq: this.seq++, ...(this.ctx.tracer ? { cause } : {}) });
  }

  processMail(): void {
    this.handleSettled();
    this.emitReady();
  }

  override onProcessingTime(time: number): void {
    // An answer that arrived before the timer fired counts: settle it before judging deadlines.
    this.handleSettled();
    for (const [entry, request] of this.requests) {
      if (request.deadline <= time) this.timeOut(entry, request);
      else if (request.retryAt <= time) {
        request.attempts++;
        request.retryAt = Infinity;
        this.invoke(entry, request);
      }
    }
    this.emitReady();
  }

  /** Completes, retries or fails the records whose calls settled. */
  private handleSettled(): void {
    if (this.settled.length === 0) return;
    const settled = this.settled;
    this.settled = [];
    for (const s of settled) {
      const { entry, request } = s;
      // Done already, or a retry waits for its delay: an outcome then is ignored (Flink's
      // `retryAwaiting`). Otherwise the first outcome to come counts, whichever call gave it.
      if (this.requests.get(entry) !== request || request.retryAt !== Infinity) {
        this.traceCompletion(entry.value, s, 'ignored');
        continue;
      }
      this.decide(entry, request, s);
    }
  }

  /**
   * Flink's `processRetry`: an outcome the retry predicates accept, with attempts to spare, before
   * the deadline (`isTimeout()` is `now - start > timeout`) and the input not ended, waits for a
   * retry; any other completes the record or fails the job.
   */
  private decide(entry: RecordEntry, request: Request, s: Settled): void {
    const retry = this.inputEnded || this.ctx.processingTime.now() > request.deadline ? null : this.retry;
    const results = s.ok ? toResults(s.value) : null;
    const again = results !== null ? results.length === 0 && retry?.onEmptyResult === true && retry.canRetry(request.attempts) : retry?.onException === true && retry.canRetry(request.attempts);
    if (again) {
      this.scheduleRetry(request);
      this.traceCompletion(entry.value, s, 'retry', request.retryAt);
    } else if (results !== null) {
      this.traceCompletion(entry.value, s, 'completed');
      this.complete(entry, results);
    } else {
      this.traceCompletion(entry.value, s, 'failed');
      const attempts = request.attempts > 1 ? ` (after ${request.attempts} attempts)` : '';
      throw attribute(withPrefix(s.value, `the async call failed${attempts}: `), this.ctx.nodeId, entry.value);
    }
  }

  /** While traced: a call's outcome and what it led to (`async.complete`, docs/trace.md). */
  private traceCompletion(value: unknown, s: Pick<Settled, 'ok' | 'value' | 'attempt'>, outcome: 'completed' | 'retry' | 'failed' | 'ignored', retryAt?: number): void {
    const tracer = this.ctx.tracer;
    if (tracer === undefined) return;
    const answer = s.ok ? { result: toResults(s.value) } : { error: s.value instanceof Error ? s.value.message : String(s.value) };
    tracer.event({ type: 'async.complete', node: this.ctx.nodeId, value, attempt: s.attempt, ...answer, outcome, ...(retryAt !== undefined ? { retryAt } : {}), cause: tracer.cause });
  }

  /**
   * Flink's `finishInFlightDelayedRetry`: every record with a retry scheduled, or already retried,
   * gets one more call now, whatever its backoff and attempts left; what settles first is final.
   * Records whose first call is in flight just wait for it. The deadlines still hold.
   */
  override endInput(): void {
    // Behind an element waiting for the queue, the end comes once that element is queued.
    if (this.waiting.length > 0) this.endPending = true;
    else this.endOfInput();
  }

  private endOfInput(): void {
    this.inputEnded = true;
    if (this.retry === null) return;
    for (const [entry, request] of this.requests) {
      if (request.attempts === 1 && request.retryAt === Infinity) continue;
      request.attempts++;
      request.retryAt = Infinity;
      this.invoke(entry, request);
    }
  }

  override finish(): void {
    // The task ends the input only after the queue drained (it waits on `hasPendingWork`).
    const left = this.queue.size + this.waiting.length;
    if (left > 0) throw new Error(`asyncMap node "${this.ctx.nodeId}": finished with ${left} elements still queued`);
  }

  override close(): void {
    // Promises that settle later find no request and are ignored.
    this.requests.clear();
    this.settled = [];
  }

  /** An outcome from the host's driver (`ctx.asyncCalls`): as if the call's promise had settled. */
  settleCall(request: AsyncCallRequest, outcome: AsyncCallOutcome): void {
    for (const [entry, r] of this.requests) {
      if (entry.seq !== request.seq) continue;
      this.note({ entry, request: r, ok: outcome.ok, value: outcome.value, attempt: request.attempt });
      return;
    }
    // The record is done (another of its calls answered first) or timed out: nothing to do.
    this.traceCompletion(request.value, { ok: outcome.ok, value: outcome.value, attempt: request.attempt }, 'ignored');
  }

  saveTransient(): AsyncMapRuntime {
    return saveAsyncMapRuntime(this.queue, this.requests, { seq: this.seq, waiting: this.waiting, inputEnded: this.inputEnded, endPending: this.endPending });
  }

  loadTransient(state: unknown): void {
    const s = state as AsyncMapRuntime;
    this.queue = createAsyncQueue((this.ctx.params as AsyncMapParams).mode);
    this.requests = loadAsyncMapRuntime(s, this.queue, this.ctx.tracer !== undefined);
    this.settled = [];
    this.seq = s.seq;
    this.waiting = [...s.waiting];
    this.inputEnded = s.inputEnded;
    this.endPending = s.endPending;
  }

  protected override snapshotOperatorState(): unknown {
    if (this.queue.size === 0 && this.waiting.length === 0) return undefined;
    const queue: StoredElement[] = [...this.queue.values(), ...this.waiting].map((e) => (e.kind === 'record' ? { v: e.value, t: e.timestamp } : { w: e.watermark }));
    return { queue };
  }

  protected override restoreOperatorState(state: unknown): void {
    // After a rescale every subtask sees the old subtasks' states; each takes its share.
    const parts = Array.isArray(state) ? state.filter((_, i) => i % this.ctx.parallelism === this.ctx.subtaskIndex) : [state];
    for (const part of parts) {
      const queue = (part as { queue?: StoredElement[] } | undefined)?.queue ?? [];
      for (const e of queue) {
        if (!('w' in e)) this.processElement(e.v, e.t);
        else this.processWatermarkRestored(e.w);
      }
    }
    // A watermark at the head can leave at once: the task's next step does it.
    if (this.queue.size > 0) this.ctx.mailbox!.notify();
  }

  private processWatermarkRestored(watermark: number): void {
    const cause = this.ctx.tracer?.cause ?? null;
    if (this.isFull()) this.waiting.push({ kind: 'watermark', watermark, cause });
    else this.enqueueWatermark(watermark, cause);
  }

  private invoke(entry: RecordEntry, request: Request): void {
    const ctx: AsyncFunctionContext = this.functionContext(request);
    const attempt = request.attempts;
    this.ctx.tracer?.event({ type: 'async.call', node: this.ctx.nodeId, value: entry.value, attempt, cause: request.cause });
    const driver = this.ctx.asyncCalls;
    if (driver !== undefined) {
      const call = { node: this.ctx.nodeId, subtask: this.ctx.subtaskIndex, seq: entry.seq, value: entry.value, attempt, deadline: request.deadline, cause: request.cause };
      driver.issue(call, () => this.fn(entry.value, ctx));
      return;
    }
    let promise: unknown;
    try {
      promise = this.fn(entry.value, ctx);
    } catch (e) {
      // A function that throws before returning a promise fails the call like a rejection.
      this.note({ entry, request, ok: false, value: e, attempt });
      return;
    }
    Promise.resolve(promise).then(
      (value) => this.note({ entry, request, ok: true, value, attempt }),
      (error) => this.note({ entry, request, ok: false, value: error, attempt }),
    );
  }

  private functionContext(request: Request): AsyncFunctionContext {
    return { attempt: request.attempts, subtaskIndex: this.ctx.subtaskIndex, parallelism: this.ctx.parallelism, fetch: this.fetch };
  }

  private note(s: Settled): void {
    if (this.requests.get(s.entry) !== s.request) return;
    this.settled.push(s);
    this.ctx.mailbox!.notify();
  }

  private scheduleRetry(request: Request): void {
    request.retryAt = this.ctx.processingTime.now() + this.retry!.backoffMs(request.attempts);
    // A retry due at or after the deadline never happens: the timeout comes first (in Flink its
    // timer was registered first) and cancels it.
    if (request.retryAt < request.deadline) this.ctx.processingTime.scheduleWakeup(request.retryAt);
  }

  /**
   * Flink's `timerTriggered`: cancels a retry waiting for its delay; the timeout function's
   * results, or a timeout error, are final (past the deadline `processRetry` does not retry).
   */
  private timeOut(entry: RecordEntry, request: Request): void {
    // Cancels a pending retry; a call still in flight no longer counts.
    this.requests.delete(entry);
    const tracer = this.ctx.tracer;
    const event = tracer?.event({ type: 'async.timeout', node: this.ctx.nodeId, value: entry.value, attempts: request.attempts, deadline: request.deadline, cause: request.cause });
    if (this.onTimeout === null) {
      const retried = request.attempts > 1 ? ` and ${request.attempts} attempts` : '';
      throw attribute(
        new Error(`the async call timed out after ${this.timeoutMs} ms${retried} (params.timeoutMs; give params.timeout a function to handle timeouts instead of failing)`),
        this.ctx.nodeId,
        entry.value,
      );
    }
    const ctx: AsyncFunctionContext = this.functionContext(request);
    let results: unknown[];
    try {
      results = toResults(this.onTimeout(entry.value, ctx));
    } catch (e) {
      throw attribute(withPrefix(e, 'params.timeout failed: '), this.ctx.nodeId, entry.value);
    }
    if (event !== undefined) tracer!.amend(event, { result: results });
    this.complete(entry, results);
  }

  private complete(entry: RecordEntry, results: unknown[]): void {
    this.requests.delete(entry);
    entry.results = results;
    this.queue.completed(entry);
  }

  /** Emits what may leave; then elements waiting outside take the places freed, in order. */
  private emitReady(): void {
    this.queue.emitReady(this.emitEntry);
    while (this.waiting.length > 0 && this.queue.size < this.capacity) {
      const e = this.waiting.shift()!;
      if (e.kind === 'record') this.enqueueRecord(e.value, e.timestamp, e.cause);
      else {
        this.enqueueWatermark(e.watermark, e.cause);
        this.queue.emitReady(this.emitEntry);
      }
    }
    if (this.endPending && this.waiting.length === 0) {
      this.endPending = false;
      this.endOfInput();
    }
  }

  private readonly emitEntry = (e: QueueEntry): void => {
    // While traced, what leaves is caused by its own source element, whichever completion let it go.
    const tracer = this.ctx.tracer;
    const outer = tracer?.cause ?? null;
    if (tracer !== undefined && e.cause !== undefined) tracer.cause = e.cause;
    if (e.kind === 'watermark') this.out.emitWatermark(e.watermark);
    else {
      const results = e.results!;
      for (let i = 0; i < results.length; i++) this.out.collect(results[i], e.timestamp);
    }
    if (tracer !== undefined) tracer.cause = outer;
  };
}

function toResults(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function withPrefix(error: unknown, prefix: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const e = new Error(prefix + message);
  if (error instanceof Error && error.stack) e.stack = error.stack;
  return e;
}
