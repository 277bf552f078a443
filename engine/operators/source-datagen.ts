/**
 * `source.datagen`: a deterministic stream of `{key, value, ts}` records. Record i depends only on
 * (seed, i), so parallel subtasks split the index space and any restore replays the same data.
 */
import { fmix32 } from '../state/key-groups.js';
import { BaseOperator } from './base-operator.js';
import { MAX_WATERMARK, type SourceOperator, SourceStatus } from './operator.js';
import { SourceThrottle } from './source-throttle.js';
import { type Tracer, traceSourceEmit, traceSourceEnd } from './tracer.js';

/** One generated record. */
export interface DatagenRecord {
  key: string;
  value: number;
  ts: number;
}

/** The params that shape the content (count, rate and parallelism only decide which and when). */
export interface DatagenShape {
  seed: number;
  keys: number;
  startTs: number;
  stepMs: number;
  maxOutOfOrdernessMs?: number;
}

const TWO_32 = 4294967296;

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * A well-mixed 32-bit hash of (seed, i) for a given purpose (`salt`): murmur3 over the 32-bit
 * halves of seed and i. Exact for any integer seed and index up to 2^53.
 */
export function datagenHash(seed: number, i: number, salt: number): number {
  let h = salt | 0;
  h = mix(h, seed >>> 0);
  h = mix(h, Math.floor(seed / TWO_32) >>> 0);
  h = mix(h, i >>> 0);
  h = mix(h, Math.floor(i / TWO_32) >>> 0);
  h ^= 16;
  return fmix32(h);
}

const KEY_SALT = 0x6b6579;
const VALUE_SALT = 0x76616c;
const JITTER_SALT = 0x747321;

/**
 * `key-<k>` for every k met so far, built once: a record's key is then a string that exists
 * already (with its hash computed), not a new concatenation per record.
 */
const KEY_NAMES: string[] = [];

function keyName(k: number): string {
  return KEY_NAMES[k] ?? (KEY_NAMES[k] = 'key-' + k);
}

/** Record number `i` of the stream described by `shape`. Pure: same inputs, same record. */
export function datagenRecord(shape: DatagenShape, i: number): DatagenRecord {
  const jitterRange = shape.maxOutOfOrdernessMs ? shape.maxOutOfOrdernessMs + 1 : 0;
  const jitter = jitterRange > 0 ? datagenHash(shape.seed, i, JITTER_SALT) % jitterRange : 0;
  return {
    key: keyName(datagenHash(shape.seed, i, KEY_SALT) % shape.keys),
    value: datagenHash(shape.seed, i, VALUE_SALT) % 100,
    ts: shape.startTs + i * shape.stepMs - jitter,
  };
}

/**
 * Indices some earlier run already emitted: i is done when `i < nexts[i mod parallelism]`.
 * Left behind by a restore at another parallelism, until this subtask has passed them.
 */
export interface DatagenDoneLayer {
  parallelism: number;
  nexts: number[];
}

/** Offset state of one subtask: it emits indices ≡ its index (mod parallelism), from `next` on. */
export interface DatagenState {
  parallelism: number;
  next: number;
  done?: DatagenDoneLayer[];
}

/**
 * Invariants: subtask s of p emits, in increasing order, the indices i ≡ s (mod p) below `count`
 * (all of them when `count` is absent), one per `emitNext`, each with timestamp = its `ts`; the
 * union over subtasks is exactly the single-subtask stream. A bounded run ends with +∞ and END.
 *
 * Restore: a subtask's own state resumes it. A list of every old subtask's state (a restore at
 * another parallelism) is also accepted: the new subtask starts at the lowest index not yet
 * emitted anywhere and skips the ones an old subtask had already emitted — no loss, no duplicate.
 */
export class DatagenSource extends BaseOperator implements SourceOperator {
  readonly isSource = true as const;
  private shape!: DatagenShape;
  private count = Infinity;
  private next = 0;
  private done: DatagenDoneLayer[] = [];
  private finished = false;
  private throttle: SourceThrottle | null = null;
  private tracer: Tracer | null = null;

  protected override setup(): void {
    const p = this.ctx.params;
    this.tracer = this.ctx.tracer ?? null;
    const num = (name: string, ok: (v: number) => boolean, what: string): number => {
      const v = p[name];
      if (typeof v !== 'number' || !ok(v)) throw new Error(`params.${name} must be ${what}, got ${JSON.stringify(v)}`);
      return v;
    };
    const int = (v: number) => Number.isSafeInteger(v);
    this.shape = {
      seed: num('seed', int, 'an integer'),
      keys: num('keys', (v) => int(v) && v > 0, 'a positive integer'),
      startTs: num('startTs', Number.isFinite, 'a number'),
      stepMs: num('stepMs', Number.isFinite, 'a number'),
      maxOutOfOrdernessMs: p.maxOutOfOrdernessMs == null ? 0 : num('maxOutOfOrdernessMs', (v) => int(v) && v >= 0, 'a non-negative integer'),
    };
    if (p.count != null) this.count = num('count', (v) => int(v) && v >= 0, 'a non-negative integer');
    // The rate is the whole source's: each of the p subtasks takes its share (as Flink's DataGeneratorSource).
    if (p.ratePerSec != null) this.throttle = new SourceThrottle(p.ratePerSec / this.ctx.parallelism, this.ctx.processingTime);
    this.next = this.ctx.subtaskIndex;
  }

  /** The rate limiter's permits: a restore starts them afresh, stepping back must not. */
  saveTransient(): unknown {
    return this.throttle?.save();
  }

  loadTransient(state: unknown): void {
    if (state !== undefined) this.throttle?.load(state as ReturnType<SourceThrottle['save']>);
  }

  processElement(): void {
    throw new Error('source.datagen has no input');
  }

  emitNext(): SourceStatus {
    if (this.finished) return SourceStatus.END;
    if (this.done.length > 0) this.skipDone();
    if (this.next >= this.count) {
      this.finished = true;
      if (this.tracer !== null) traceSourceEnd(this.tracer, this.ctx.nodeId, this.count);
      this.out.emitWatermark(MAX_WATERMARK);
      return SourceStatus.END;
    }
    if (this.throttle && !this.throttle.tryAcquire()) return SourceStatus.WAIT;
    const record = datagenRecord(this.shape, this.next);
    if (this.tracer !== null) traceSourceEmit(this.tracer, this.ctx.nodeId, this.next, { value: record });
    this.next += this.ctx.parallelism;
    this.out.collect(record, record.ts);
    return SourceStatus.MORE;
  }

  /** Moves past indices an earlier run emitted, and forgets layers left behind. */
  private skipDone(): void {
    const p = this.ctx.parallelism;
    // A layer at our own parallelism covers our residue class up to one index: jump there at once.
    for (const l of this.done) {
      if (l.parallelism !== p) continue;
      const upTo = l.nexts[this.next % p]!;
      if (upTo > this.next) this.next = upTo;
    }
    while (this.next < this.count && this.done.some((l) => this.next < l.nexts[this.next % l.parallelism]!)) this.next += p;
    this.done = this.done.filter((l) => l.nexts.some((n) => n > this.next));
  }

  protected override snapshotOperatorState(): DatagenState {
    const state: DatagenState = { parallelism: this.ctx.parallelism, next: this.next };
    if (this.done.length > 0) state.done = this.done.map((l) => ({ parallelism: l.parallelism, nexts: [...l.nexts] }));
    return state;
  }

  protected override restoreOperatorState(state: unknown): void {
    this.finished = false;
    const p = this.ctx.parallelism;
    const s = this.ctx.subtaskIndex;
    if (!Array.isArray(state)) {
      const own = state as DatagenState;
      if (own.parallelism !== p || own.next % p !== s % p) {
        throw new Error(
          `source.datagen cannot resume subtask ${s} of ${p} from the state of one subtask of ${own.parallelism}; ` +
            'a restore at another parallelism must hand every old subtask state as a list',
        );
      }
      this.next = own.next;
      this.done = own.done ?? [];
      return;
    }
    const olds = (state as DatagenState[]).filter((x) => x != null);
    if (olds.length === 0) return;
    const oldP = olds[0]!.parallelism;
    const nexts = new Array<number>(oldP).fill(0);
    for (let r = 0; r < oldP; r++) nexts[r] = r; // a subtask without state emitted nothing
    for (const o of olds) nexts[o.next % oldP] = o.next;
    const layers = new Map<string, DatagenDoneLayer>();
    for (const o of olds) for (const l of o.done ?? []) layers.set(JSON.stringify(l), l);
    layers.set(JSON.stringify({ parallelism: oldP, nexts }), { parallelism: oldP, nexts });
    this.done = [...layers.values()];
    // Below min(nexts) every index is done, so start at the first index of ours at or above it.
    const low = Math.min(...nexts);
    this.next = low + ((((s - low) % p) + p) % p);
  }
}
