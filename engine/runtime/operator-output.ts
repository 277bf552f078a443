/**
 * The Output an operator writes to inside a task: fans its main output and side outputs out
 * to chained operators (direct calls, no copies) and to network record writers. Watermarks and
 * idle status go to every target, side outputs included, as in Flink.
 */
import type { InputIndex, Output, StreamOperator } from '../operators/operator.js';
import type { RecordWriter } from '../net/record-writer.js';
import { attribute } from './operator-error.js';

/** One place records of an output port go. */
export interface OutputTarget {
  record(value: unknown, timestamp: number): void;
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
  record(value: unknown, timestamp: number): void {
    try {
      this.operator.processElement(value, timestamp, this.input);
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

/** A network edge: records are partitioned into batches, events broadcast. */
export class NetworkTarget implements OutputTarget {
  constructor(private readonly writer: RecordWriter) {}
  record(value: unknown, timestamp: number): void {
    this.writer.write(value, timestamp);
  }
  watermark(watermark: number): void {
    this.writer.broadcastEvent({ kind: 'watermark', watermark });
  }
  idle(idle: boolean): void {
    this.writer.broadcastEvent({ kind: 'idle', idle });
  }
}

export class OperatorOutput implements Output {
  private readonly all: OutputTarget[];
  /** Records emitted on the main output. */
  recordsOut = 0;
  private lastWatermark = -Infinity;

  constructor(
    private readonly main: OutputTarget[],
    private readonly sides: ReadonlyMap<string, OutputTarget[]>,
  ) {
    this.all = [...main];
    for (const targets of sides.values()) this.all.push(...targets);
  }

  collect(value: unknown, timestamp: number): void {
    this.recordsOut++;
    const m = this.main;
    for (let i = 0; i < m.length; i++) m[i]!.record(value, timestamp);
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
    for (const t of this.all) t.idle(idle);
  }

  /** The last watermark this operator emitted. */
  get outputWatermark(): number {
    return this.lastWatermark;
  }
}
