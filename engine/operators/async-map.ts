/**
 * `asyncMap`: Flink's Async I/O (AsyncWaitOperator) running `async (record, ctx) => result`.
 *
 * - Up to `capacity` records (and the watermarks between them) wait in the queue; while it is
 *   full `acceptsInput` is false and the task stops pulling input (back-pressure).
 * - The operator never waits: a settled promise only notes its outcome and notifies the task's
 *   mailbox; the task then calls `processMail`, which completes, retries or fails the record and
 *   emits what the queue lets leave (`async-queue.ts`: ordered, or unordered between watermarks).
 * - Each record has `timeoutMs` from its first call, retries included; then `timeout(record,
 *   ctx)` gives its results, or without one the job fails naming the node and the record.
 * - When the input ends, retries stop (Flink's `AsyncWaitOperator.endInput`,
 *   `finishInFlightDelayedRetry`): a record that waits for a retry, or has been retried, is called
 *   once more at once, and the first of its calls to settle is final; a first call still in flight
 *   is final too. The outcome no longer counts against the retry predicates.
 * - Results keep the input record's timestamp. A result that is an array is many records;
 *   undefined or null is none.
 * - A snapshot holds every queued element (records in flight, records done but not yet emitted,
 *   watermarks), in order; a restore calls the function again for each record (Flink keeps the
 *   inputs, not the results).
 */
import { ParamError } from '../graph/errors.js';
import { BaseOperator } from './base-operator.js';
import { attribute } from '../runtime/operator-error.js';
import { type AsyncQueue, type QueueEntry, type RecordEntry, createAsyncQueue } from './async-queue.js';
import { type AsyncRetryStrategy, createRetryStrategy } from './async-retry.js';
import type { AsyncMapParams } from '../graph/schema.js';
import type { JobFetch } from '../host/job-fetch.js';

/** What the user's function gets as `ctx`. */
export interface AsyncFunctionContext {
  /** 1 for the first call of a record, then 2, 3… for retries. */
  readonly attempt: number;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** The platform's fetch, relative URLs against the job's base (docs/job-format.md, asyncMap). */
  readonly fetch: JobFetch;
}

/** A record's request: its deadline and its retries. */
interface Request {
  readonly deadline: number;
  attempts: number;
  /** When the next retry is due; Infinity while a call is in flight. */
  retryAt: number;
  /** Bumped per call, so the outcome of a call that no longer counts is ignored. */
  call: number;
}

/** A call's outcome, noted by the promise and handled in the task loop. */
interface Settled {
  readonly entry: RecordEntry;
  readonly request: Request;
  readonly call: number;
  readonly ok: boolean;
  readonly value: unknown;
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
  private readonly requests = new Map<RecordEntry, Request>();
  private settled: Settled[] = [];
  private seq = 0;
  private fetch!: JobFetch;
  /** The input ended: no more retries (Flink's `retryDisabledOnFinish`). */
  private inputEnded = false;

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

  acceptsInput(): boolean {
    return this.queue.size < this.capacity;
  }

  hasPendingWork(): boolean {
    return this.queue.size > 0;
  }

  awaitsCalls(): boolean {
    for (const r of this.requests.values()) if (r.retryAt === Infinity) return true;
    return false;
  }

  processElement(value: unknown, timestamp: number): void {
    const entry: RecordEntry = { kind: 'record', value, timestamp, seq: this.seq++, results: null };
    this.queue.add(entry);
    const deadline = this.ctx.processingTime.now() + this.timeoutMs;
    const request: Request = { deadline, attempts: 1, retryAt: Infinity, call: 0 };
    this.requests.set(entry, request);
    this.ctx.processingTime.scheduleWakeup(deadline);
    this.invoke(entry, request);
  }

  override processWatermark(watermark: number): void {
    if (watermark > this.currentWatermark) this.currentWatermark = watermark;
    this.queue.add({ kind: 'watermark', watermark, seq: this.seq++ });
    this.emitReady();
  }

  processMail(): void {
    this.handleSettled();
    this.emitReady();
  }

  override onProcessingTime(time: number): void {
    // An answer that arrived before the timer fired counts: settle it before judging deadlines.
    this.handleSettled();
    for (const [entry, request] of this.requests) {
      if (request.deadline <= time) this.timeOut(entry);
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
      // Timed out, or a newer call counts. Once the input ended, the first call to settle wins
      // (the final attempt may overlap a retry in flight).
      if (this.requests.get(entry) !== request || (!this.inputEnded && request.call !== s.call)) continue;
      const retry = this.inputEnded ? null : this.retry;
      if (s.ok) {
        const results = toResults(s.value);
        if (results.length === 0 && retry?.onEmptyResult && retry.canRetry(request.attempts)) this.scheduleRetry(request);
        else this.complete(entry, results);
      } else if (retry?.onException && retry.canRetry(request.attempts)) this.scheduleRetry(request);
      else {
        const attempts = request.attempts > 1 ? ` (after ${request.attempts} attempts)` : '';
        throw attribute(withPrefix(s.value, `the async call failed${attempts}: `), this.ctx.nodeId, entry.value);
      }
    }
  }

  /**
   * Flink's `finishInFlightDelayedRetry`: every record with a retry scheduled, or already retried,
   * gets one more call now, whatever its backoff and attempts left; what settles first is final.
   * Records whose first call is in flight just wait for it. The deadlines still hold.
   */
  override endInput(): void {
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
    if (this.queue.size > 0) throw new Error(`asyncMap node "${this.ctx.nodeId}": finished with ${this.queue.size} elements still queued`);
  }

  override close(): void {
    // Promises that settle later find no request and are ignored.
    this.requests.clear();
    this.settled = [];
  }

  protected override snapshotOperatorState(): unknown {
    if (this.queue.size === 0) return undefined;
    const queue: StoredElement[] = this.queue.values().map((e) => (e.kind === 'record' ? { v: e.value, t: e.timestamp } : { w: e.watermark }));
    return { queue };
  }

  protected override restoreOperatorState(state: unknown): void {
    // After a rescale every subtask sees the old subtasks' states; each takes its share.
    const parts = Array.isArray(state) ? state.filter((_, i) => i % this.ctx.parallelism === this.ctx.subtaskIndex) : [state];
    for (const part of parts) {
      const queue = (part as { queue?: StoredElement[] } | undefined)?.queue ?? [];
      for (const e of queue) {
        if ('w' in e) this.queue.add({ kind: 'watermark', watermark: e.w, seq: this.seq++ });
        else this.processElement(e.v, e.t);
      }
    }
    // A watermark at the head can leave at once: the task's next step does it.
    if (this.queue.size > 0) this.ctx.mailbox!.notify();
  }

  private invoke(entry: RecordEntry, request: Request): void {
    const call = ++request.call;
    const ctx: AsyncFunctionContext = this.functionContext(request);
    let promise: unknown;
    try {
      promise = this.fn(entry.value, ctx);
    } catch (e) {
      // A function that throws before returning a promise fails the call like a rejection.
      this.note({ entry, request, call, ok: false, value: e });
      return;
    }
    Promise.resolve(promise).then(
      (value) => this.note({ entry, request, call, ok: true, value }),
      (error) => this.note({ entry, request, call, ok: false, value: error }),
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
    // A retry due after the deadline never happens: the timeout comes first.
    if (request.retryAt < request.deadline) this.ctx.processingTime.scheduleWakeup(request.retryAt);
  }

  private timeOut(entry: RecordEntry): void {
    const request = this.requests.get(entry)!;
    // Cancels a pending retry; a call still in flight no longer counts.
    this.requests.delete(entry);
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
    entry.results = results;
    this.queue.completed(entry);
  }

  private complete(entry: RecordEntry, results: unknown[]): void {
    this.requests.delete(entry);
    entry.results = results;
    this.queue.completed(entry);
  }

  private emitReady(): void {
    this.queue.emitReady(this.emitEntry);
  }

  private readonly emitEntry = (e: QueueEntry): void => {
    if (e.kind === 'watermark') {
      this.out.emitWatermark(e.watermark);
      return;
    }
    const results = e.results!;
    for (let i = 0; i < results.length; i++) this.out.collect(results[i], e.timestamp);
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
