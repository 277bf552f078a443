/**
 * `join.sqlInterval`: Flink SQL's event-time interval join (StreamExecIntervalJoin running
 * RowTimeIntervalJoin / TimeIntervalJoin) — inner, left, right or full outer. A left row `l`
 * (input 0) and a right row `r` (input 1) of the same key join when
 * `l.ts + lowerMs ≤ r.ts ≤ l.ts + upperMs` and the optional `condition(l, r)` is TRUE; the result
 * is `{ left, right }`, with `null` for the side an outer row is padded on. Append-only (+I).
 *
 * Unlike the DataStream `join.interval`, Flink SQL's join drops no late row, and an outer row that
 * never matched is emitted null-padded when the interval closes: each side's rows are cached per
 * key by time with an "emitted" flag, and a cleanup timer (one per side and key, at
 * `ts + relativeSize + (leftRelativeSize + rightRelativeSize) / 2 + 1`) removes the rows the other
 * side's watermark can no longer reach (`time ≤ watermark − relativeSize − 1`), padding the
 * unmatched ones of an outer side. A row whose interval the watermark has passed already is not
 * cached: an outer one is padded at once when it matched nothing. Rows are also expired while a
 * row of the other side scans the cache, as Flink does. At the end of input every cached row
 * expires. The operator forwards the watermark held back by
 * `max(leftRelativeSize, rightRelativeSize)` (Flink's KeyedCoProcessOperatorWithWatermarkDelay),
 * so padded rows are never late downstream.
 */
import { ParamError } from '../graph/errors.js';
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import type { Timer } from '../time/timer-service.js';
import { BaseOperator } from './base-operator.js';
import { compileFunction } from './function-context.js';
import { type InputIndex, MAX_WATERMARK, NO_TIMESTAMP } from './operator.js';

export const SQL_JOIN_TYPES = ['inner', 'left', 'right', 'full'] as const;
export type SqlJoinType = (typeof SQL_JOIN_TYPES)[number];

/** A cached row and whether it has joined (emitted a result) yet. */
type Cached = [row: unknown, emitted: boolean];
/** The pending cleanup timer of each side's cache, per key. */
interface Timers {
  left?: number;
  right?: number;
}

export class SqlIntervalJoinOperator extends BaseOperator {
  private leftOuter = false;
  private rightOuter = false;
  /** Flink's leftRelativeSize (−lower bound of l.ts relative to r.ts) and rightRelativeSize. */
  private leftSize = 0;
  private rightSize = 0;
  private cleanUpInterval = 0;
  private condition: ((l: unknown, r: unknown) => unknown) | null = null;
  private left!: StateTable<Cached[]>;
  private right!: StateTable<Cached[]>;
  private timerState!: StateTable<Timers>;
  private leftExpiration = -Infinity;
  private rightExpiration = -Infinity;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    const where = `join.sqlInterval node "${nodeId}"`;
    if (keyed === null) throw new Error(`${where}: needs keyed inputs (params.leftKey and params.rightKey)`);
    for (const field of ['lowerMs', 'upperMs']) {
      if (typeof params[field] !== 'number' || !Number.isFinite(params[field])) throw new ParamError(`params.${field}`, `${where}, params.${field}: must be a number of milliseconds`);
    }
    if (params.lowerMs > params.upperMs) throw new ParamError('params.lowerMs', `${where}, params.lowerMs: must not be greater than params.upperMs`);
    const type = (params.type ?? 'inner') as SqlJoinType;
    if (!SQL_JOIN_TYPES.includes(type)) throw new ParamError('params.type', `${where}, params.type: must be one of ${SQL_JOIN_TYPES.join(', ')}`);
    this.leftOuter = type === 'left' || type === 'full';
    this.rightOuter = type === 'right' || type === 'full';
    // r.ts ∈ [l.ts + lower, l.ts + upper] ⇔ l.ts ∈ [r.ts − upper, r.ts − lower].
    this.leftSize = params.upperMs;
    this.rightSize = -params.lowerMs;
    this.cleanUpInterval = Math.trunc((this.leftSize + this.rightSize) / 2);
    this.condition = params.condition === undefined ? null : compileFunction(this.ctx, 'condition');
    this.left = keyed.backend.table('left');
    this.right = keyed.backend.table('right');
    this.timerState = keyed.backend.table('cleanup');
  }

  private matches(l: unknown, r: unknown): boolean {
    return this.condition === null || this.condition(l, r) === true;
  }

  processElement(value: unknown, timestamp: number, input: InputIndex): void {
    if (timestamp === NO_TIMESTAMP) {
      throw new Error(`join.sqlInterval node "${this.ctx.nodeId}": rows need their rowtime (a ${input === 0 ? 'left' : 'right'} row has none; both tables need a WATERMARK)`);
    }
    this.setKeyOf(value, input);
    const isLeft = input === 0;
    const time = this.ctx.keyed!.timers.currentWatermark();
    const ours = isLeft ? this.left : this.right;
    const others = isLeft ? this.right : this.left;
    // The other side's times this row joins: [lower, upper].
    const lower = isLeft ? timestamp - this.rightSize : timestamp - this.leftSize;
    const upper = isLeft ? timestamp + this.leftSize : timestamp + this.rightSize;
    const otherOuter = isLeft ? this.rightOuter : this.leftOuter;
    let emitted = false;
    const expiration = isLeft ? this.rightExpiration : this.leftExpiration;
    if (expiration < upper) {
      const exp = expirationTime(time, isLeft ? this.rightSize : this.leftSize);
      if (isLeft) this.rightExpiration = exp;
      else this.leftExpiration = exp;
      for (const ns of others.namespaces()) {
        const t = ns as number;
        const rows = others.get(t)!;
        if (t >= lower && t <= upper) {
          let updated = false;
          for (const c of rows) {
            const l = isLeft ? value : c[0];
            const r = isLeft ? c[0] : value;
            if (!this.matches(l, r)) continue;
            emitted = true;
            this.out.collect({ left: l, right: r }, timestamp);
            if (otherOuter && !c[1]) {
              c[1] = true;
              updated = true;
            }
          }
          if (updated) others.put(t, rows);
        }
        if (t <= exp) {
          if (otherOuter) for (const c of rows) if (!c[1]) this.pad(c[0], !isLeft, timestamp);
          others.remove(t);
        }
      }
    }
    // Cache the row while the other side's time has not passed its interval.
    if (time < upper) {
      const bucket = ours.get(timestamp);
      if (bucket === undefined) ours.put(timestamp, [[value, emitted]]);
      else {
        bucket.push([value, emitted]);
        ours.put(timestamp, bucket);
      }
      const timers = this.timerState.get(VOID_NAMESPACE) ?? {};
      // Flink keeps the cleanup timer of a side's cache in the OTHER side's timer state.
      const slot = isLeft ? 'right' : 'left';
      if (timers[slot] === undefined) this.registerCleanUp(timers, timestamp, isLeft);
    } else if (!emitted && (isLeft ? this.leftOuter : this.rightOuter)) {
      this.pad(value, isLeft, timestamp);
    }
  }

  /** Flink's registerCleanUpTimer: a left row's cache is cleaned at ts + leftSize + interval + 1. */
  private registerCleanUp(timers: Timers, rowTime: number, leftRow: boolean): void {
    const at = rowTime + (leftRow ? this.leftSize : this.rightSize) + this.cleanUpInterval + 1;
    this.ctx.keyed!.timers.registerEventTimeTimer(VOID_NAMESPACE, at);
    if (leftRow) timers.right = at;
    else timers.left = at;
    this.timerState.put(VOID_NAMESPACE, timers);
  }

  private pad(row: unknown, isLeft: boolean, timestamp: number): void {
    this.out.collect(isLeft ? { left: row, right: null } : { left: null, right: row }, timestamp);
  }

  override onEventTimer(timer: Timer): void {
    const at = timer.timestamp;
    const time = this.ctx.keyed!.timers.currentWatermark();
    const timers = this.timerState.get(VOID_NAMESPACE);
    if (timers === undefined) return;
    if (timers.left === at) {
      this.rightExpiration = expirationTime(time, this.rightSize);
      this.removeExpired(this.rightExpiration, this.right, timers, 'left', false, at);
    }
    if (timers.right === at) {
      this.leftExpiration = expirationTime(time, this.leftSize);
      this.removeExpired(this.leftExpiration, this.left, timers, 'right', true, at);
    }
  }

  private removeExpired(expiration: number, cache: StateTable<Cached[]>, timers: Timers, slot: 'left' | 'right', removeLeft: boolean, at: number): void {
    let earliest: number | null = null;
    const outer = removeLeft ? this.leftOuter : this.rightOuter;
    for (const ns of cache.namespaces()) {
      const t = ns as number;
      if (t <= expiration) {
        if (outer) for (const c of cache.get(t)!) if (!c[1]) this.pad(c[0], removeLeft, at);
        cache.remove(t);
      } else if (earliest === null || t < earliest) earliest = t;
    }
    delete timers[slot];
    if (earliest !== null) this.registerCleanUp(timers, earliest, removeLeft);
    else if (timers.left === undefined && timers.right === undefined) this.timerState.remove(VOID_NAMESPACE);
    else this.timerState.put(VOID_NAMESPACE, timers);
  }

  override processWatermark(watermark: number): void {
    if (watermark > this.currentWatermark) this.currentWatermark = watermark;
    this.ctx.keyed!.timers.advanceWatermark(watermark);
    const delay = Math.max(this.leftSize, this.rightSize);
    this.out.emitWatermark(watermark === MAX_WATERMARK ? watermark : watermark - delay);
  }
}

/** Flink's calExpirationTime: rows at or before it can no longer join (the end of input expires all). */
function expirationTime(operatorTime: number, relativeSize: number): number {
  return operatorTime === MAX_WATERMARK ? MAX_WATERMARK : operatorTime - relativeSize - 1;
}
