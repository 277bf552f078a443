/**
 * The operator contract: what the runtime, the harness and every operator agree on.
 *
 * Records travel as (value, timestamp) pairs passed as two arguments, never wrapped in an
 * object, so the chained path allocates nothing per record. Time is in milliseconds as a JS
 * number; `-Infinity` plays Flink's Long.MIN_VALUE and `+Infinity` its Long.MAX_VALUE.
 */
import type { KeyedStateBackend } from '../state/keyed-state-backend.js';
import type { StateDescriptor } from '../state/user-state.js';
import type { OperatorStateSnapshot } from '../state/operator-state.js';
import type { InternalTimerService } from '../time/timer-service.js';
import type { ProcessingTimeService } from '../time/processing-time.js';
import type { Tracer } from './tracer.js';
import type { AsyncCallDriver, AsyncCallOutcome, AsyncCallRequest } from './async-calls.js';
import type { JobFetch } from '../host/job-fetch.js';

/** A record without an event timestamp carries this (Flink's "no timestamp" marker). */
export const NO_TIMESTAMP = -Infinity;
/** The watermark before anything is known. */
export const MIN_WATERMARK = -Infinity;
/** The watermark at the end of a bounded input: every event-time timer fires. */
export const MAX_WATERMARK = Infinity;

/**
 * Flink's RowKind: what a record means in a changelog stream. It travels beside the record (an
 * argument after the timestamp, a byte per record in batches), never inside the user's value.
 * Absent means INSERT: DataStream jobs and append-only queries never pass one. The byte values
 * are Flink's `RowKind.toByteValue()`.
 */
export const RowKind = {
  INSERT: 0,
  UPDATE_BEFORE: 1,
  UPDATE_AFTER: 2,
  DELETE: 3,
} as const;
export type RowKind = (typeof RowKind)[keyof typeof RowKind];

/** Flink's short strings of the row kinds, indexed by their byte value. */
export const ROW_KIND_SHORT = ['+I', '-U', '+U', '-D'] as const;
export type RowKindShort = (typeof ROW_KIND_SHORT)[number];

/** The row kind of a short string (`+I`, `-U`, `+U`, `-D`), or undefined. */
export function rowKindOf(short: string): RowKind | undefined {
  const i = (ROW_KIND_SHORT as readonly string[]).indexOf(short);
  return i < 0 ? undefined : (i as RowKind);
}

/** Which logical input of a two-input operator a record came from (0 = `in`/`in1`, 1 = `in2`). */
export type InputIndex = 0 | 1;

/** Where an operator sends what it produces. Calls are synchronous and in stream order. */
export interface Output {
  /** Emit a record on the main output (`out`); `kind` absent means INSERT (see RowKind). */
  collect(value: unknown, timestamp: number, kind?: RowKind): void;
  /** Emit a record on the side output named `tag` (an edge's `fromPort`). Unwired tags are dropped. */
  collectSide(tag: string, value: unknown, timestamp: number): void;
  /** Emit a watermark; callers emit only strictly increasing values. */
  emitWatermark(watermark: number): void;
  /** Announce that this stream went idle (true) or active again (false) — Flink's WatermarkStatus. */
  emitIdle(idle: boolean): void;
}

/** Keyed machinery handed to an operator whose input(s) are keyed. */
export interface KeyedContext {
  /**
   * True when the stream is not keyed and one constant key stands in (Flink's windowAll keys by
   * a NullByteKeySelector): state and timers work, but results carry no key.
   */
  readonly constantKey: boolean;
  readonly backend: KeyedStateBackend;
  readonly timers: InternalTimerService;
  /** Extracts the key of a record arriving on `input`. Throws the user's error if the selector throws. */
  keyOf(value: unknown, input: InputIndex): unknown;
}

/**
 * Where an operator posts work that completed outside the task loop (a Promise settled): the
 * task runs the operator's `processMail` in its next step, and a waiting host wakes up. Calls
 * are cheap and may repeat; the task calls `processMail` once for any number of them.
 */
export interface Mailbox {
  notify(): void;
}

/** Everything an operator may use from its environment. Injected; never a global. */
export interface OperatorContext {
  readonly nodeId: string;
  readonly kind: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** The node's params after validation (defaults applied). */
  readonly params: Record<string, any>;
  /** Present when the operator's input is keyed (edge from a `keyBy`, or a join keying itself). */
  readonly keyed: KeyedContext | null;
  readonly processingTime: ProcessingTimeService;
  /**
   * Compiles a user code string (a function expression, or an object expression for `process`)
   * into a value. `field` names the param, for error messages.
   */
  compile(code: string, field: string): any;
  /** Host services for sources and sinks that touch files or the outside world. */
  readonly io: OperatorIO;
  /**
   * The output ports (`out`, side-output tags) that have an edge in the job. A data tap does not
   * count: watching a stream never changes what the job does.
   */
  readonly wiredPorts: { has(port: string): boolean };
  /** Present only while the job is traced (`trace/`): operators report what they do through it. */
  readonly tracer?: Tracer;
  /** The task's mailbox, for operators whose work completes asynchronously (asyncMap). */
  readonly mailbox?: Mailbox;
  /** Only on a host that makes async calls itself (the stepping host): asyncMap issues its calls through it. */
  readonly asyncCalls?: AsyncCallDriver;
}

/** Host-provided I/O: files in the CLI, uploads/downloads in the browser, memory in tests. */
export interface OperatorIO {
  /** Whole text of an input file (source.file). `nodeId` lets the host map `--input NODE=FILE`. */
  readText(nodeId: string, path: string | undefined): string;
  /**
   * Standard input as a stream (the CLI's `source.file` with path "-"): the whole lines from
   * stream line `fromLine` (0-based) on, as many as are ready — waiting for at least one unless
   * the input ended. Absent: the host has no such stream, and `readText` reads the path.
   * With `streamsFiles`, a file path too (`path`: the source's `params.path`), read in chunks;
   * `fromByte`, when the source knows it (from its checkpoint), is where line `fromLine` starts in
   * the file, so a restore seeks there instead of counting lines from the start.
   */
  readLines?(nodeId: string, fromLine: number, path?: string, fromByte?: number): Promise<StreamedLines>;
  /**
   * Throws, with the reason, when a file source's input file cannot be read (no such file, a
   * folder). A host that streams files asks at deploy, so a missing file fails the job at once
   * rather than at the first read — and again after every restart.
   */
  checkInput?(nodeId: string, path: string | undefined): void;
  /** `readLines` also streams file sources' files (not only "-"): no source reads a whole file with `readText`. */
  readonly streamsFiles?: boolean;
  /** Appends text to an output file (sink.file). */
  appendText(nodeId: string, path: string | undefined, text: string): void;
  /** A record reached a collect sink. */
  collect(nodeId: string, subtaskIndex: number, value: unknown, kind?: RowKind): void;
  /** `ctx.fetch` of async functions, relative URLs against the job's base (see host/job-fetch). */
  readonly fetch?: JobFetch;
  /** The base URL when the platform's fetch reaches it (the browser): worker slots then fetch by themselves. */
  readonly fetchBase?: string;
}

/** An answer of `OperatorIO.readLines`. */
export interface StreamedLines {
  /** Whole lines, each ending with "\n" (at the end of the input, the last may lack it); "" when none. */
  readonly text: string;
  /** The input ended: no lines follow `text`. */
  readonly end: boolean;
  /**
   * The stream line that is this process's first line of input: 0, or the line a restored
   * source asked for first (a savepoint's offset belongs to an earlier pipe, so the new input
   * goes on from it). A line's number in this input is `line - origin + 1`.
   */
  readonly origin: number;
  /** A streamed file's: the byte offset in the file where `text` starts (standard input has none). */
  readonly byte?: number;
}

/** A record that reached a collect sink, as hosts pass results around: sink id, subtask, value, row kind (absent: INSERT). */
export type SinkResult = [sink: string, subtask: number, value: unknown, kind?: RowKind];

/** What an operator's snapshot holds. Plain JSON-compatible data. */
export interface OperatorSnapshot {
  /** Keyed state and timers, grouped by key group so they can be redistributed. */
  keyed?: Record<number, unknown>;
  /** Non-keyed operator state (source offsets, generator state, buffers). */
  operator?: unknown;
  /** Only in checkpoints of older versions (their input watermark): ignored on restore, whose event time starts over as in Flink. */
  watermark?: number;
  /** Keyed states its user function declared, by name: kind and TTL (Flink's state meta info). */
  states?: Record<string, StateDescriptor>;
  /** Only on a chain head's snapshot in an unaligned checkpoint: the task's records in flight. */
  channels?: ChannelState;
  /** Managed operator state of a user function (broadcast, list, union list), redistributed on restore as Flink does. */
  operatorState?: OperatorStateSnapshot;
}

/**
 * The in-flight data of one subtask in an unaligned checkpoint: records that were in its input
 * channels (replayed into the chain's head on restore, per input) and in its output buffers
 * (sent again on restore, per chain member and physical edge). Restorable only at the same
 * parallelism.
 */
export interface ChannelState {
  readonly inputs?: ReadonlyArray<{ readonly input: InputIndex; readonly values: unknown[]; readonly timestamps: number[]; readonly kinds?: number[] }>;
  readonly outputs?: ReadonlyArray<{ readonly node: string; readonly edge: number; readonly values: unknown[]; readonly timestamps: number[]; readonly kinds?: number[] }>;
}

/**
 * A stream operator. The runtime calls `open` once, then any interleaving of the process
 * methods, then `endInput` for each input, `finish`, and `close`. Watermarks reaching
 * `processWatermark` are already combined over channels and inputs (min, only forward).
 */
export interface StreamOperator {
  open(ctx: OperatorContext, output: Output): void;
  /** A record arrived; `kind` is its row kind, absent for INSERT (operators that don't care ignore it). */
  processElement(value: unknown, timestamp: number, input: InputIndex, kind?: RowKind): void;
  /** The combined input watermark advanced. Fire event-time timers ≤ it, then forward it. */
  processWatermark(watermark: number): void;
  /** All inputs went idle (true) or one became active (false). Default: forward. */
  processIdle(idle: boolean): void;
  /** The processing-time clock reached `time` (a wakeup the operator scheduled, or a tick). */
  onProcessingTime(time: number): void;
  /** No more records will arrive on `input`. */
  endInput(input: InputIndex): void;
  /** All inputs ended: emit what is pending. */
  finish(): void;
  snapshotState(): OperatorSnapshot;
  restoreState(snapshot: OperatorSnapshot): void;
  close(): void;
  /**
   * Only for operators that keep state outside their snapshot which matters in the middle of a
   * run — a periodic schedule, a rate limiter's permits — and which a restore rightly starts
   * afresh. The stepping host (`trace/`) saves it too, to go back to exactly where a step left
   * the operator. Plain data; called between steps, after `restoreState` when loading.
   */
  saveTransient?(): unknown;
  /**
   * The operator's input watermark, which a checkpoint does not hold (a restore starts it over, as
   * Flink does) but the stepping host saves and loads to go back to where a step left it.
   */
  saveInputWatermark?(): number;
  loadInputWatermark?(watermark: number): void;
  /**
   * Only for operators that hand output to the outside world asynchronously (a socket still
   * connecting or sending): true while some of it is not yet delivered. A task whose chain has
   * finished waits, polling on processing time, until no member is flushing before it reports
   * the end. Throws when delivery failed.
   */
  flushing?(): boolean;
  loadTransient?(state: unknown): void;
  /**
   * Only for operators that wait for asynchronous work (asyncMap), which always head their task:
   * false while the task must not hand them input (records, watermarks, barriers, the end) —
   * back-pressure instead of an unbounded buffer. asyncMap says false only while an element waits
   * for a place in its full queue (Flink's blocked `processElement`), not merely when it is full.
   */
  acceptsInput?(): boolean;
  /** Runs what completed since the operator notified its mailbox: emits results, retries, fails. */
  processMail?(): void;
  /** Work still in flight or results not yet emitted: the end of input waits for them. */
  hasPendingWork?(): boolean;
  /** Calls in flight that only their completion can move on (no retry or timeout due first without them). */
  awaitsCalls?(): boolean;
  /**
   * The outcome of a call made through `OperatorContext.asyncCalls`, handed back by that driver:
   * taken as a settled promise's (the mailbox is notified; the task runs the mail at once).
   */
  settleCall?(request: AsyncCallRequest, outcome: AsyncCallOutcome): void;
}

/** What a source's `emitNext` reports. */
export const SourceStatus = {
  /** Emitted something; call again. */
  MORE: 0,
  /** Nothing to emit now (rate limit); it scheduled a processing-time wakeup. */
  WAIT: 1,
  /** Ended: it has emitted its last record and the final watermark. */
  END: 2,
} as const;
export type SourceStatus = (typeof SourceStatus)[keyof typeof SourceStatus];

/** A source operator: the head of its task, pulled by the runtime one record at a time. */
export interface SourceOperator extends StreamOperator {
  readonly isSource: true;
  /** Emits at most one record (plus any watermark or marker that precedes it). */
  emitNext(): SourceStatus;
}

export function isSource(op: StreamOperator): op is SourceOperator {
  return (op as SourceOperator).isSource === true;
}
