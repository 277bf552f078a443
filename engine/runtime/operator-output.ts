/**
 * The Output an operator writes to inside a task: fans its main output and side outputs out
 * to chained operators (direct calls, no copies) and to network record writers. Watermarks and
 * idle status go to every target, side outputs included, as in Flink.
 */
import type { InputIndex, Output, RowKind, StreamOperator } from '../operators/operator.js';
import type { RecordWriter } from '../net/record-writer.js';
import { attribute } from './operator-error.js';
import { BEACON } from './progress-beacon.js';

const NODE_CELL = BEACON.node;

/** One place records of an output port go. */
export interface OutputTarget {
  /** `kind` absent means INSERT. */
  record(value: unknown, timestamp: number, kind?: RowKind): void;
  watermark(watermark: number): void;
  idle(idle: boolean): void;
}

/** A downstream operator in the same chain. */
export class ChainedTarget implements OutputTarget {
  constructor(
    private readonly operator: StreamOperator,
    private readonly nodeId: string,
    private readonly input: InputIndex,
  ) {}
  record(value: unknown, timestamp: number, kind?: RowKind): void {
    try {
      this.operator.processElement(value, timestamp, this.input, kind);
    } catch (e) {
      throw attribute(e, this.nodeId);
    }
  }
  watermark(watermark: number): void {
    try {
      this.operator.processWatermark(watermark);
    } catch (e) {
      throw attribute(e, this.nodeId);
    }
  }
  idle(idle: boolean): void {
    try {
      this.operator.processIdle(idle);
    } catch (e) {
      throw attribute(e, this.nodeId);
    }
  }
}

/**
 * A downstream operator in a chain of several user functions that hung before: it names itself in
 * the beacon's node cell while it runs and its caller again when it returns, so the watchdog can
 * tell which of them never returned. Two plain stores per call — measurable on trivial functions,
 * which is why only a chain that already hung gets it (see progress-beacon).
 */
export class MarkedChainedTarget implements OutputTarget {
  constructor(
    private readonly operator: StreamOperator,
    private readonly nodeId: string,
    private readonly input: InputIndex,
    private readonly cells: Int32Array,
    private readonly self: number,
    private readonly caller: number,
  ) {}
  record(value: unknown, timestamp: number, kind?: RowKind): void {
    const cells = this.cells;
    cells[NODE_CELL] = this.self;
    try {
      this.operator.processElement(value, timestamp, this.input, kind);
      cells[NODE_CELL] = this.caller;
    } catch (e) {
      throw attribute(e, this.nodeId);
    }
  }
  watermark(watermark: number): void {
    this.cells[NODE_CELL] = this.self;
    try {
      this.operator.processWatermark(watermark);
    } catch (e) {
      throw attribute(e, this.nodeId);
    }
    this.cells[NODE_CELL] = this.caller;
  }
  idle(idle: boolean): void {
    try {
      this.operator.processIdle(idle);
    } catch (e) {
      throw attribute(e, this.nodeId);
    }
  }
}

/** A network edge: records are partitioned into batches, events broadcast. */
export class NetworkTarget implements OutputTarget {
  constructor(private readonly writer: RecordWriter) {}
  record(value: unknown, timestamp: number, kind?: RowKind): void {
    this.writer.write(value, timestamp, kind);
  }
  watermark(watermark: number): void {
    this.writer.broadcastEvent({ kind: 'watermark', watermark });
  }
  idle(idle: boolean): void {
    this.writer.broadcastEvent({ kind: 'idle', idle });
  }
}

/** What an output remembers between records, as `saveRuntime` takes it. */
export interface OutputRuntime {
  readonly recordsOut: number;
  readonly lastWatermark: number;
  readonly newest: number;
  readonly markedIdle: boolean;
}

export class OperatorOutput implements Output {
  private readonly all: OutputTarget[];
  /** Records emitted on the main output. */
  recordsOut = 0;
  private lastWatermark = -Infinity;
  /** The largest timestamp emitted on the main output (−∞ before the first timestamped record). */
  private newest = -Infinity;
  private markedIdle = false;
  private main: OutputTarget[];
  private readonly sides: Map<string, OutputTarget[]>;

  constructor(main: OutputTarget[], sides: ReadonlyMap<string, OutputTarget[]>) {
    this.main = main;
    this.sides = new Map(sides);
    this.all = [...main];
    for (const targets of sides.values()) this.all.push(...targets);
  }

  /**
   * Attaches an extra target to port `port` (`out` or a side-output tag) at run time: it sees
   * every record emitted there from now on, but no watermarks. While none is attached the record
   * path is as before; the tap is one more entry in the port's list. Lists are replaced, never
   * changed in place, so a collect in progress keeps the list it started with.
   */
  addTap(port: string, target: OutputTarget): void {
    if (port === 'out') this.main = [...this.main, target];
    else this.sides.set(port, [...(this.sides.get(port) ?? []), target]);
  }

  /** Detaches a target `addTap` attached; other targets of the port are untouched. */
  removeTap(port: string, target: OutputTarget): void {
    if (port === 'out') {
      this.main = this.main.filter((t) => t !== target);
      return;
    }
    const rest = (this.sides.get(port) ?? []).filter((t) => t !== target);
    if (rest.length > 0) this.sides.set(port, rest);
    else this.sides.delete(port);
  }

  collect(value: unknown, timestamp: number, kind?: RowKind): void {
    this.recordsOut++;
    if (timestamp > this.newest) this.newest = timestamp;
    const m = this.main;
    for (let i = 0; i < m.length; i++) m[i]!.record(value, timestamp, kind);
  }

  collectSide(tag: string, value: unknown, timestamp: number): void {
    const targets = this.sides.get(tag);
    if (targets === undefined) return;
    for (let i = 0; i < targets.length; i++) targets[i]!.record(value, timestamp);
  }

  emitWatermark(watermark: number): void {
    // Only forward progress leaves an operator.
    if (watermark <= this.lastWatermark) return;
    this.lastWatermark = watermark;
    for (const t of this.all) t.watermark(watermark);
  }

  emitIdle(idle: boolean): void {
    this.markedIdle = idle;
    for (const t of this.all) t.idle(idle);
  }

  /** Counters and the last watermark and idle status, as plain data (for stepping back, `trace/`). */
  saveRuntime(): OutputRuntime {
    return { recordsOut: this.recordsOut, lastWatermark: this.lastWatermark, newest: this.newest, markedIdle: this.markedIdle };
  }

  loadRuntime(s: OutputRuntime): void {
    this.recordsOut = s.recordsOut;
    this.lastWatermark = s.lastWatermark;
    this.newest = s.newest;
    this.markedIdle = s.markedIdle;
  }

  /** The last watermark this operator emitted. */
  get outputWatermark(): number {
    return this.lastWatermark;
  }

  /** The newest record timestamp emitted on the main output, −∞ when none had one. */
  get newestTimestamp(): number {
    return this.newest;
  }

  /** Whether the last idle status this operator emitted was idle (Flink's WatermarkStatus.IDLE). */
  get outputIdle(): boolean {
    return this.markedIdle;
  }
}
