/**
 * `join.interval`: Flink's IntervalJoinOperator with both bounds inclusive. A left record `l`
 * (input 0) and a right record `r` (input 1) of the same key join when
 * `l.ts + lowerMs ≤ r.ts ≤ l.ts + upperMs`; `code(l, r, ctx, out)` is Flink's
 * ProcessJoinFunction.processElement: its result (unless `undefined`) and whatever it passes to
 * `out.collect` are emitted with timestamp `max(l.ts, r.ts)`. `ctx` is Flink's
 * ProcessJoinFunction.Context: `leftTimestamp`, `rightTimestamp`, `timestamp` (the pair's,
 * `max` of both) and `output(tag, value)` — a side output with the pair's timestamp, as Flink's
 * ContextImpl emits it (`out.output` is the same, under the `process` node's name).
 *
 * Each side is buffered in keyed state by timestamp (tables "left" / "right", namespace = the
 * record's timestamp, value = the records with that timestamp). A record with a timestamp below
 * the current watermark is late: it goes to the side output `leftLateOutput` / `rightLateOutput`
 * with its own timestamp (Flink's sideOutputLeftLateData / sideOutputRightLateData), or without
 * one it is dropped. Every buffered record schedules a cleanup timer, at
 * the times Flink uses: a left record at `ts + upperMs` (or `ts` when upperMs ≤ 0), a right
 * record at `ts − lowerMs` (or `ts` when lowerMs ≥ 0); when the watermark reaches it, that
 * timestamp's bucket is removed.
 */
import type { StateTable } from '../state/keyed-state-backend.js';
import type { Timer } from '../time/timer-service.js';
import { BaseOperator } from './base-operator.js';
import { FunctionOut, checkSideOutputTag, compileFunction } from './function-context.js';
import { type InputIndex, MIN_WATERMARK, NO_TIMESTAMP, type Output } from './operator.js';
import { type Tracer, traceTimestamp } from './tracer.js';

const LEFT = 'left';
const RIGHT = 'right';

/**
 * The `ctx` of a `join.interval` function (Flink's ProcessJoinFunction.Context). One per operator,
 * re-pointed at each pair before the call: do not keep it.
 */
export class ProcessJoinContext {
  /** The left record's event time. */
  leftTimestamp = NO_TIMESTAMP;
  /** The right record's event time. */
  rightTimestamp = NO_TIMESTAMP;
  /** The pair's timestamp, `max(leftTimestamp, rightTimestamp)`: the results' timestamp. */
  timestamp = NO_TIMESTAMP;
  /** Emits on side output `tag` with the pair's timestamp. */
  readonly output: (tag: string, value: unknown) => void;

  constructor(out: Output) {
    this.output = (tag, value) => {
      checkSideOutputTag(tag, 'ctx.output(tag, value)', 'return the value or use out.collect(value)');
      out.collectSide(tag, value, this.timestamp);
    };
  }

  enter(leftTimestamp: number, rightTimestamp: number): void {
    this.leftTimestamp = leftTimestamp;
    this.rightTimestamp = rightTimestamp;
    this.timestamp = Math.max(leftTimestamp, rightTimestamp);
  }
}

export class IntervalJoinOperator extends BaseOperator {
  private lower = 0;
  private upper = 0;
  private fn!: (left: any, right: any, ctx: ProcessJoinContext, out: FunctionOut) => unknown;
  private jctx!: ProcessJoinContext;
  private fout!: FunctionOut;
  private left!: StateTable<unknown[]>;
  private right!: StateTable<unknown[]>;
  /** Side-output tags for late records per input (null: dropped). */
  private lateTags: [string | null, string | null] = [null, null];
  private tracer: Tracer | null = null;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `join.interval node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: needs keyed inputs (params.leftKey and params.rightKey)`);
    for (const field of ['lowerMs', 'upperMs']) {
      if (typeof params[field] !== 'number' || !Number.isFinite(params[field])) throw new Error(`${where}, params.${field}: must be a number of milliseconds`);
    }
    if (params.lowerMs > params.upperMs) throw new Error(`${where}, params.lowerMs: must not be greater than params.upperMs`);
    this.lower = params.lowerMs;
    this.upper = params.upperMs;
    this.fn = compileFunction(this.ctx);
    this.jctx = new ProcessJoinContext(this.out);
    this.fout = new FunctionOut(this.out);
    this.left = keyed.backend.table(LEFT);
    this.right = keyed.backend.table(RIGHT);
    const tag = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    this.lateTags = [tag(params.leftLateOutput), tag(params.rightLateOutput)];
    this.tracer = this.ctx.tracer ?? null;
  }

  processElement(value: unknown, timestamp: number, input: InputIndex): void {
    if (timestamp === NO_TIMESTAMP) {
      throw new Error(`join.interval node "${this.ctx.nodeId}": records need event timestamps (a ${input === 0 ? 'left' : 'right'} record has none; add a watermarks node or a source timestampField)`);
    }
    const timers = this.ctx.keyed!.timers;
    const watermark = timers.currentWatermark();
    if (watermark !== MIN_WATERMARK && timestamp < watermark) {
      this.late(value, timestamp, input);
      return;
    }
    this.setKeyOf(value, input);

    const isLeft = input === 0;
    const ours = isLeft ? this.left : this.right;
    const others = isLeft ? this.right : this.left;
    // Bounds of the other side's timestamps, relative to this record's.
    const relLower = isLeft ? this.lower : -this.upper;
    const relUpper = isLeft ? this.upper : -this.lower;

    const bucket = ours.get(timestamp);
    if (bucket === undefined) ours.put(timestamp, [value]);
    else bucket.push(value);

    const from = timestamp + relLower;
    const to = timestamp + relUpper;
    for (const ns of others.namespaces()) {
      const t = ns as number;
      if (t < from || t > to) continue;
      for (const other of others.get(t)!) {
        if (isLeft) this.join(value, other, timestamp, t);
        else this.join(other, value, t, timestamp);
      }
    }

    const cleanupTime = relUpper > 0 ? timestamp + relUpper : timestamp;
    timers.registerEventTimeTimer(isLeft ? LEFT : RIGHT, cleanupTime);
  }

  /** Flink's IntervalJoinOperator.sideOutput: a late record leaves on its side's tag, if any. */
  private late(value: unknown, timestamp: number, input: InputIndex): void {
    const tag = this.lateTags[input === 0 ? 0 : 1];
    if (this.tracer !== null) {
      const keyed = this.ctx.keyed!;
      const key = keyed.keyOf(value, input);
      this.tracer.event({ type: tag !== null ? 'late.side-output' : 'late.dropped', node: this.ctx.nodeId, key, value, ts: traceTimestamp(timestamp), cause: this.tracer.cause });
    }
    if (tag !== null) this.out.collectSide(tag, value, timestamp);
  }

  private join(left: unknown, right: unknown, leftTs: number, rightTs: number): void {
    const { jctx, fout } = this;
    jctx.enter(leftTs, rightTs);
    fout.setTimestamps(jctx.timestamp, jctx.timestamp);
    const joined = this.fn(left, right, jctx, fout);
    if (joined !== undefined) this.out.collect(joined, jctx.timestamp);
  }

  override onEventTimer(timer: Timer): void {
    const t = timer.timestamp;
    if (timer.namespace === LEFT) this.left.remove(this.upper <= 0 ? t : t - this.upper);
    else if (timer.namespace === RIGHT) this.right.remove(this.lower <= 0 ? t + this.lower : t);
  }
}
