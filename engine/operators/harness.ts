/**
 * A test and teaching harness for one operator (Flink's OneInputStreamOperatorTestHarness):
 * feed records, watermarks and processing time; read what it emitted; snapshot and restore.
 * It builds the same context the runtime builds, with a manual clock and in-memory I/O.
 */
import { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { keyGroupRangeFor } from '../state/key-groups.js';
import { ManualProcessingTime } from '../time/processing-time.js';
import { InternalTimerService } from '../time/timer-service.js';
import { compileUserCode } from '../udf/compile.js';
import { compilePath, getPath } from './field-path.js';
import { memoryFetch } from '../host/job-fetch.js';
import type { Tracer } from './tracer.js';
import {
  type InputIndex,
  type KeyedContext,
  NO_TIMESTAMP,
  ROW_KIND_SHORT,
  type RowKind,
  type RowKindShort,
  type OperatorContext,
  type OperatorIO,
  type OperatorSnapshot,
  type Output,
  type SourceOperator,
  SourceStatus,
  type StreamOperator,
} from './operator.js';

export type Emitted =
  | { kind: 'record'; value: unknown; timestamp: number; rowKind?: RowKind }
  | { kind: 'side'; tag: string; value: unknown; timestamp: number }
  | { kind: 'watermark'; watermark: number }
  | { kind: 'idle'; idle: boolean };

export interface HarnessOptions {
  nodeId?: string;
  kind?: string;
  /** The node's params, as validation would pass them (defaults applied). */
  params?: Record<string, any>;
  /** Key selectors per input; giving them makes the operator keyed. A string is a field path. */
  keys?: Array<string | ((value: any) => unknown)> | undefined;
  /** A non-keyed stream with a constant stand-in key (windowAll). Overrides `keys`. */
  constantKey?: boolean;
  parallelism?: number;
  subtaskIndex?: number;
  maxParallelism?: number;
  /** Initial processing time. */
  startTime?: number | undefined;
  /** Input files by path or node id (source.file). */
  files?: Record<string, string>;
  /** Trace the operator: its events go to this tracer (see `trace/`). */
  tracer?: Tracer;
  /** The output ports that have an edge (`OperatorContext.wiredPorts`); absent = every port. */
  wiredPorts?: string[];
  /** Standard input as a stream (`OperatorIO.readLines`), for a file source with path "-". */
  readLines?: OperatorIO['readLines'];
}

/** Reads a dot path (`a.b.c`) from a record. */
export function fieldPath(path: string): (value: any) => unknown {
  const parts = compilePath(path);
  return (v) => getPath(v, parts);
}

export class OperatorHarness {
  readonly output: Emitted[] = [];
  readonly clock: ManualProcessingTime;
  /** Records that reached a collect sink, in order. */
  readonly collected: unknown[] = [];
  /** What reached the host through `io.collect`, as changelog rows `[op, value]`. */
  readonly collectedChangelog: Array<[RowKindShort, unknown]> = [];
  /** Text appended to files, by path (or node id when no path). */
  readonly written: Record<string, string> = {};
  readonly context: OperatorContext;
  /** The operator notified its mailbox since `processMail` last ran (async work completed). */
  mailPending = false;

  constructor(
    readonly operator: StreamOperator,
    readonly options: HarnessOptions = {},
  ) {
    this.clock = new ManualProcessingTime(options.startTime ?? 0);
    const maxParallelism = options.maxParallelism ?? 128;
    const parallelism = options.parallelism ?? 1;
    const subtaskIndex = options.subtaskIndex ?? 0;
    let keyed: KeyedContext | null = null;
    const keys = options.constantKey ? [() => 0, () => 0] : options.keys;
    if (keys && keys.length > 0) {
      const selectors = keys.map((k) => (typeof k === 'string' ? fieldPath(k) : k));
      const backend = new KeyedStateBackend(maxParallelism, keyGroupRangeFor(subtaskIndex, parallelism, maxParallelism));
      keyed = {
        constantKey: options.constantKey === true,
        backend,
        timers: new InternalTimerService(backend, this.clock),
        keyOf: (value, input) => selectors[input]!(value),
      };
    }
    const files = options.files ?? {};
    this.context = {
      nodeId: options.nodeId ?? 'op',
      kind: options.kind ?? 'test',
      subtaskIndex,
      parallelism,
      maxParallelism,
      params: options.params ?? {},
      keyed,
      processingTime: this.clock,
      compile: (code) => compileUserCode(code),
      wiredPorts: options.wiredPorts ? new Set(options.wiredPorts) : { has: () => true },
      mailbox: {
        notify: () => {
          this.mailPending = true;
        },
      },
      ...(options.tracer ? { tracer: options.tracer } : {}),
      io: {
        fetch: memoryFetch(files),
        ...(options.readLines ? { readLines: options.readLines } : {}),
        readText: (nodeId, path) => {
          const text = (path !== undefined ? files[path] : undefined) ?? files[nodeId];
          if (text === undefined) throw new Error(`no such file: ${path ?? nodeId}`);
          return text;
        },
        appendText: (nodeId, path, text) => {
          const k = path ?? nodeId;
          this.written[k] = (this.written[k] ?? '') + text;
        },
        collect: (_nodeId, _subtask, value, kind) => {
          this.collected.push(value);
          this.collectedChangelog.push([ROW_KIND_SHORT[kind ?? 0], value]);
        },
      },
    };
    const sink = this.output;
    const output: Output = {
      collect: (value, timestamp, rowKind) => sink.push(rowKind === undefined || rowKind === 0 ? { kind: 'record', value, timestamp } : { kind: 'record', value, timestamp, rowKind }),
      collectSide: (tag, value, timestamp) => sink.push({ kind: 'side', tag, value, timestamp }),
      emitWatermark: (watermark) => sink.push({ kind: 'watermark', watermark }),
      emitIdle: (idle) => sink.push({ kind: 'idle', idle }),
    };
    operator.open(this.context, output);
  }

  processElement(value: unknown, timestamp: number = NO_TIMESTAMP, input: InputIndex = 0, rowKind?: RowKind): this {
    this.operator.processElement(value, timestamp, input, rowKind);
    return this;
  }

  /** Feeds a changelog row: `op` is its row kind as Flink prints it (`+I`, `-U`, `+U`, `-D`). */
  processRow(op: RowKindShort, value: unknown, timestamp: number = NO_TIMESTAMP, input: InputIndex = 0): this {
    this.operator.processElement(value, timestamp, input, ROW_KIND_SHORT.indexOf(op) as RowKind);
    return this;
  }

  /** Feeds records as [value, timestamp] pairs. */
  processElements(items: Array<[unknown, number]>, input: InputIndex = 0): this {
    for (const [v, t] of items) this.operator.processElement(v, t, input);
    return this;
  }

  processWatermark(watermark: number): this {
    this.operator.processWatermark(watermark);
    return this;
  }

  processIdle(idle: boolean): this {
    this.operator.processIdle(idle);
    return this;
  }

  /** Moves processing time to `time` and lets the operator fire what is due. */
  setProcessingTime(time: number): this {
    this.clock.setTime(time);
    this.operator.onProcessingTime(this.clock.now());
    return this;
  }

  /** Runs the operator's mail, as the task does in its next step after a notification. */
  processMail(): this {
    this.mailPending = false;
    this.operator.processMail?.();
    return this;
  }

  /** Ends every input (count = number of inputs) and finishes the operator. */
  endInput(inputs = 1): this {
    for (let i = 0; i < inputs; i++) this.operator.endInput(i as InputIndex);
    this.operator.finish();
    return this;
  }

  /** Pulls a source until it ends or waits; returns the last status. */
  runSource(maxSteps = 1_000_000): SourceStatus {
    const source = this.operator as SourceOperator;
    let status: SourceStatus = SourceStatus.MORE;
    for (let i = 0; i < maxSteps && status === SourceStatus.MORE; i++) status = source.emitNext();
    return status;
  }

  /** A deep copy of the operator's snapshot. */
  snapshot(): OperatorSnapshot {
    return structuredClone(this.operator.snapshotState());
  }

  restore(snapshot: OperatorSnapshot): this {
    this.operator.restoreState(structuredClone(snapshot));
    return this;
  }

  /** Main-output values. */
  records(): unknown[] {
    return this.output.filter((e) => e.kind === 'record').map((e) => (e as { value: unknown }).value);
  }

  /** Main-output records as changelog rows `[op, value]`, op as Flink prints it (`+I` when none was given). */
  changelog(): Array<[RowKindShort, unknown]> {
    return this.output.flatMap((e) => (e.kind === 'record' ? [[ROW_KIND_SHORT[e.rowKind ?? 0], e.value] as [RowKindShort, unknown]] : []));
  }

  /** Main-output [value, timestamp] pairs. */
  recordsWithTimestamps(): Array<[unknown, number]> {
    return this.output.flatMap((e) => (e.kind === 'record' ? [[e.value, e.timestamp] as [unknown, number]] : []));
  }

  /** Values emitted on side output `tag`. */
  side(tag: string): unknown[] {
    return this.output.flatMap((e) => (e.kind === 'side' && e.tag === tag ? [e.value] : []));
  }

  watermarks(): number[] {
    return this.output.flatMap((e) => (e.kind === 'watermark' ? [e.watermark] : []));
  }

  /** Forgets what was emitted so far. */
  clearOutput(): this {
    this.output.length = 0;
    return this;
  }
}
