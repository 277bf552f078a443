/**
 * The state-size metric: an estimate of the bytes an operator's keyed state and timers take in a
 * checkpoint. Like Flink's heap backend, Eddy has no exact figure short of writing a snapshot,
 * so a bounded sample of rows is encoded the way the state codec encodes them and scaled by the
 * number of rows. Nothing runs on the record path: the estimate is computed when metrics are
 * sampled, at most once per `refreshMs` per operator, and cached in between (so it may trail a
 * fast-growing state by up to that long); empty state reads 0 at once. Per-key-group framing and
 * operator (non-keyed) state are left out.
 */
import type { KeyedContext } from '../operators/operator.js';
import type { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { encodeState, STATE_HEADER_BYTES } from './state-codec.js';

/** Rows (and timers) encoded per estimate. */
export const STATE_SIZE_SAMPLE = 32;
/** The longest an estimate is reused. */
export const STATE_SIZE_REFRESH_MS = 1000;

/** Encoded bytes of one snapshot row (`[keyId, namespace, value]` or `[keyId, namespace, time]`) inside a snapshot. */
function rowBytes(row: unknown): number {
  try {
    return encodeState(row).length - STATE_HEADER_BYTES;
  } catch {
    // A value a checkpoint cannot hold (a BigInt, a cycle) fails the checkpoint itself; the metric shows what it can.
    return 0;
  }
}

/** Average encoded size of `sample`, times `count`. */
function scaled(sample: readonly unknown[], count: number): number {
  if (count === 0 || sample.length === 0) return 0;
  let bytes = 0;
  for (const row of sample) bytes += rowBytes(row);
  return Math.round((bytes / sample.length) * count);
}

/** Estimated checkpoint bytes of keyed state and timers; caches per backend for `refreshMs`. */
export class StateSizeEstimator {
  private readonly cache = new WeakMap<KeyedStateBackend, { at: number; bytes: number }>();

  constructor(
    private readonly refreshMs = STATE_SIZE_REFRESH_MS,
    private readonly sampleSize = STATE_SIZE_SAMPLE,
  ) {}

  /** The estimate for an operator's keyed context at `now` (ms); 0 for an operator without keyed state. */
  estimate(keyed: KeyedContext | null | undefined, now: number): number {
    if (keyed === null || keyed === undefined) return 0;
    // Empty state is known exactly and at once: a finished window operator shows 0, not its last estimate.
    if (keyed.backend.isEmpty() && keyed.timers.numEventTimeTimers() + keyed.timers.numProcessingTimeTimers() === 0) {
      this.cache.delete(keyed.backend);
      return 0;
    }
    const cached = this.cache.get(keyed.backend);
    if (cached !== undefined && now - cached.at < this.refreshMs) return cached.bytes;
    const { rows, sample } = keyed.backend.sampleRows(this.sampleSize);
    const timers = keyed.timers.sampleTimers(this.sampleSize);
    const bytes =
      scaled(sample, rows) +
      scaled(
        timers.sample.map((t) => [t.keyId, t.namespace, t.timestamp]),
        timers.timers,
      );
    this.cache.set(keyed.backend, { at: now, bytes });
    return bytes;
  }
}
