/**
 * The hooks the engine calls while a job is traced (spec/trace.md): the stepping host in
 * `trace/` hands a Tracer to every task and operator; on the normal path there is none, and
 * each hook site is a single null check outside the per-record loop (or wiring chosen once at
 * construction), so tracing costs nothing when it is off.
 */

/** The source element whose arrival made something happen: a source node and the 0-based offset in its input. */
export interface Cause {
  readonly node: string;
  readonly offset: number;
}

/** One thing a step did. `type` is one of spec/trace.md's event types; fields as listed there. */
export interface TraceEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface Tracer {
  /**
   * The cause of the element being worked on: set when a source emits an element and when a
   * task takes an element from a channel (elements carry their cause through channels).
   * Operators read it for their events; null when no source element is behind the work
   * (a processing-time wakeup).
   */
  cause: Cause | null;
  /**
   * Records an event of the current step and returns its position there. The tracer copies what
   * it keeps: the engine goes on using the values.
   */
  event(e: TraceEvent): number;
  /** Adds fields to the event at `position` of the current step (known only after what it caused, like a watermark's combined value). */
  amend(position: number, fields: Record<string, unknown>): void;
}

/** A timestamp as events show it: null for a record without one. */
export function traceTimestamp(ts: number): number | null {
  return ts === -Infinity ? null : ts;
}

/** A user function's timer fires (`process`, `connect`): caused by what advanced the watermark, or by the clock (null). */
export function traceTimer(tracer: Tracer, node: string, timeDomain: 'event' | 'processing', timestamp: number, key: unknown): void {
  tracer.event({ type: 'timer.fire', node, timeDomain, timestamp, key, cause: tracer.cause });
}

/** A source emits element `offset` of its input (a record, or a watermark marker): it is the cause of what follows. */
export function traceSourceEmit(tracer: Tracer, node: string, offset: number, element: { value: unknown; port?: string } | { watermark: number }): void {
  tracer.cause = { node, offset };
  tracer.event({ type: 'source.emit', node, offset, ...element });
}

/**
 * A source reached the end of its input, `length` elements long: the end-of-input watermark
 * and everything it fires are caused by "element `length`", one past the last (spec/trace.md).
 */
export function traceSourceEnd(tracer: Tracer, node: string, length: number): void {
  tracer.cause = { node, offset: length };
  tracer.event({ type: 'source.end', node, offset: length });
}
