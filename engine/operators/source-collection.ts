/**
 * `source.collection`: the records of the job file, in order, with `{"$watermark": n}` markers
 * turned into watermarks — how tests and lessons state an exact interleaving.
 */
import { BaseOperator } from './base-operator.js';
import { MAX_WATERMARK, NO_TIMESTAMP, type SourceOperator, SourceStatus } from './operator.js';
import { SourceThrottle } from './source-throttle.js';
import { type Tracer, traceSourceEmit, traceSourceEnd } from './tracer.js';
import { type TimestampReader, timestampFieldReader } from './watermarks.js';

/**
 * Offset state: the index of the next list entry. No watermark, as in Flink (the exported job's
 * markers pass a TimestampsAndWatermarksOperator, which keeps none): a restored source emits the
 * markers it replays from none. Checkpoints of older versions also hold `lastWatermark`, ignored.
 */
export interface CollectionSourceState {
  index: number;
}

/** What stepping back restores beyond the snapshot (see `saveTransient`). */
interface CollectionSourceTransient {
  readonly throttle: ReturnType<SourceThrottle['save']> | undefined;
  readonly lastWatermark: number;
}

/** The watermark of a marker entry, or undefined when `entry` is an ordinary record. */
export function watermarkMarker(entry: unknown): number | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
  if (!Object.hasOwn(entry, '$watermark')) return undefined;
  const keys = Object.keys(entry);
  if (keys.length !== 1) return undefined;
  const w = (entry as { $watermark: unknown }).$watermark;
  if (typeof w !== 'number' || Number.isNaN(w)) {
    throw new Error(`a "$watermark" marker must hold a number, got ${JSON.stringify(w)}`);
  }
  return w;
}

/**
 * Invariants: entries leave in list order, one record per `emitNext`; a marker leaves as a
 * watermark only when above the last one emitted; at the end the watermark +∞ leaves once and
 * every later call answers END. Runs at parallelism 1: other subtasks end at once. A restored
 * source continues at its saved index with no watermark emitted yet (after a restore at the end,
 * it re-sends +∞).
 */
export class CollectionSource extends BaseOperator implements SourceOperator {
  readonly isSource = true as const;
  private records: unknown[] = [];
  private index = 0;
  private lastWatermark = -Infinity;
  private finished = false;
  private timestampOf: TimestampReader | null = null;
  private throttle: SourceThrottle | null = null;
  private tracer: Tracer | null = null;

  protected override setup(): void {
    const p = this.ctx.params;
    this.tracer = this.ctx.tracer ?? null;
    if (!Array.isArray(p.records)) throw new Error('params.records must be a list of records');
    this.records = p.records;
    if (p.timestampField != null) {
      if (typeof p.timestampField !== 'string' || p.timestampField === '') {
        throw new Error('params.timestampField must be a field name (dot path)');
      }
      this.timestampOf = timestampFieldReader(p.timestampField);
    }
    if (p.ratePerSec != null) this.throttle = new SourceThrottle(p.ratePerSec, this.ctx.processingTime);
  }

  /** The rate limiter's permits and the last marker emitted: a restore starts them afresh, stepping back must not. */
  saveTransient(): CollectionSourceTransient {
    return { throttle: this.throttle?.save(), lastWatermark: this.lastWatermark };
  }

  loadTransient(state: unknown): void {
    const s = state as CollectionSourceTransient;
    if (s.throttle !== undefined) this.throttle?.load(s.throttle);
    this.lastWatermark = s.lastWatermark;
  }

  processElement(): void {
    throw new Error('source.collection has no input');
  }

  emitNext(): SourceStatus {
    if (this.finished) return SourceStatus.END;
    if (this.ctx.subtaskIndex !== 0) return this.end();
    const records = this.records;
    let marker: number | undefined;
    const tracer = this.tracer;
    while (this.index < records.length && (marker = watermarkMarker(records[this.index])) !== undefined) {
      if (tracer !== null) traceSourceEmit(tracer, this.ctx.nodeId, this.index, { watermark: marker });
      this.index++;
      if (marker > this.lastWatermark) {
        this.lastWatermark = marker;
        this.out.emitWatermark(marker);
      }
      // Traced, every element of the input is a step of its own, markers included.
      if (tracer !== null) return SourceStatus.MORE;
    }
    if (this.index >= records.length) return this.end();
    if (this.throttle && !this.throttle.tryAcquire()) return SourceStatus.WAIT;
    const record = records[this.index];
    let ts = NO_TIMESTAMP;
    if (this.timestampOf) {
      try {
        ts = this.timestampOf(record);
      } catch (e) {
        throw new Error(`records[${this.index}]: ${(e as Error).message}`);
      }
    }
    if (tracer !== null) traceSourceEmit(tracer, this.ctx.nodeId, this.index, { value: record });
    this.index++;
    // Downstream functions may mutate what they get; the job's own records must stay as they
    // are (they are the user's document, and a restore replays them).
    this.out.collect(record !== null && typeof record === 'object' ? structuredClone(record) : record, ts);
    return SourceStatus.MORE;
  }

  private end(): SourceStatus {
    this.finished = true;
    if (this.tracer !== null) traceSourceEnd(this.tracer, this.ctx.nodeId, this.records.length);
    if (this.lastWatermark < MAX_WATERMARK) {
      this.lastWatermark = MAX_WATERMARK;
      this.out.emitWatermark(MAX_WATERMARK);
    }
    return SourceStatus.END;
  }

  protected override snapshotOperatorState(): CollectionSourceState | undefined {
    if (this.ctx.subtaskIndex !== 0) return undefined;
    return { index: this.index };
  }

  protected override restoreOperatorState(state: unknown): void {
    const s = pickState(state);
    if (!s || this.ctx.subtaskIndex !== 0) return;
    this.index = Math.min(Math.max(0, Math.floor(s.index)), this.records.length);
    // The watermark starts over (an older checkpoint's `lastWatermark` is ignored): a restored
    // source must also announce the end again to its restored consumers.
    this.lastWatermark = -Infinity;
    this.finished = false;
  }
}

/** The one saved offset: a plain state, or the only defined entry of a per-subtask list. */
function pickState(state: unknown): CollectionSourceState | undefined {
  const list = Array.isArray(state) ? state : [state];
  for (const s of list) if (s && typeof (s as CollectionSourceState).index === 'number') return s as CollectionSourceState;
  return undefined;
}
