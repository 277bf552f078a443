/**
 * asyncMap's state between two steps as plain data, for the stepping host (`saveTransient`,
 * `loadTransient`): the queue with each record's results, the done records in the order they
 * completed (the unordered queue emits them so), the requests with their deadlines, attempts and
 * retries, and the elements waiting outside the queue. A checkpoint keeps less: the inputs alone,
 * called again from the first attempt on a restore (async-map.ts).
 */
import type { AsyncQueue, RecordEntry } from './async-queue.js';
import type { Cause } from './tracer.js';

/** A record's request: its deadline and its retries. */
export interface Request {
  /** When the record times out: `timeoutMs` after its first call, retries included. */
  readonly deadline: number;
  attempts: number;
  /** When the next retry is due; Infinity while a call is in flight. */
  retryAt: number;
  /** While traced: the source element behind the record. */
  readonly cause: Cause | null;
}

/** An element that came while the queue was full: it enters the queue when a place frees up. */
export type WaitingElement =
  | { readonly kind: 'record'; readonly value: unknown; readonly timestamp: number; readonly cause: Cause | null }
  | { readonly kind: 'watermark'; readonly watermark: number; readonly cause: Cause | null };

export interface AsyncMapRuntime {
  readonly seq: number;
  /** Every entry not yet emitted, in input order; a record with its results once done. */
  readonly queue: ReadonlyArray<{ readonly seq: number; readonly cause: Cause | null } & ({ readonly v: unknown; readonly t: number; readonly results: unknown[] | null } | { readonly w: number })>;
  /** The done records' `seq`, in the order they completed. */
  readonly done: readonly number[];
  readonly requests: ReadonlyArray<{ readonly seq: number; readonly deadline: number; readonly attempts: number; readonly retryAt: number; readonly cause: Cause | null }>;
  readonly waiting: readonly WaitingElement[];
  readonly inputEnded: boolean;
  readonly endPending: boolean;
}

export function saveAsyncMapRuntime(
  queue: AsyncQueue,
  requests: ReadonlyMap<RecordEntry, Request>,
  rest: Pick<AsyncMapRuntime, 'seq' | 'waiting' | 'inputEnded' | 'endPending'>,
): AsyncMapRuntime {
  const entries = queue.values().map((e) => (e.kind === 'record' ? { seq: e.seq, cause: e.cause ?? null, v: e.value, t: e.timestamp, results: e.results } : { seq: e.seq, cause: e.cause ?? null, w: e.watermark }));
  const reqs = [...requests].map(([e, r]) => ({ seq: e.seq, deadline: r.deadline, attempts: r.attempts, retryAt: r.retryAt, cause: r.cause }));
  return { ...rest, waiting: [...rest.waiting], queue: entries, done: queue.doneInOrder().map((e) => e.seq), requests: reqs };
}

/** Fills the empty `queue` with the saved entries (done ones in completion order) and returns the requests (`traced`: entries keep their causes). */
export function loadAsyncMapRuntime(s: AsyncMapRuntime, queue: AsyncQueue, traced: boolean): Map<RecordEntry, Request> {
  const bySeq = new Map<number, RecordEntry>();
  const results = new Map<number, unknown[]>();
  for (const e of s.queue) {
    const cause = traced ? { cause: e.cause } : {};
    if ('w' in e) queue.add({ kind: 'watermark', watermark: e.w, seq: e.seq, ...cause });
    else {
      // Added in flight: the done ones complete below, in their order.
      const entry: RecordEntry = { kind: 'record', value: e.v, timestamp: e.t, seq: e.seq, results: null, ...cause };
      queue.add(entry);
      bySeq.set(e.seq, entry);
      if (e.results !== null) results.set(e.seq, e.results);
    }
  }
  for (const seq of s.done) {
    const entry = bySeq.get(seq)!;
    entry.results = results.get(seq)!;
    queue.completed(entry);
  }
  const requests = new Map<RecordEntry, Request>();
  for (const r of s.requests) requests.set(bySeq.get(r.seq)!, { deadline: r.deadline, attempts: r.attempts, retryAt: r.retryAt, cause: r.cause });
  return requests;
}
