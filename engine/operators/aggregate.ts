/**
 * `aggregate`: rolling aggregation per key, emitting one result per input record with the
 * input's timestamp — Flink's DataStream `sum` / `min` / `max` / `minBy` / `maxBy` (a
 * StreamGroupedReduceOperator over SumAggregator / ComparableAggregator), plus `count` and `avg`.
 *
 * - `sum` / `min` / `max`: the first record of the key, with `field` replaced by the running
 *   sum / min / max. Other fields stay those of the FIRST record (Flink's documented behaviour).
 *   The first record itself is emitted as is.
 * - `minBy` / `maxBy`: the record holding the current min / max of `field`; on a tie the earlier
 *   record stays (Flink's default `first = true`).
 * - `count`: the current record with `field` (default "count") set to the running count.
 * - `avg`: the current record with `field` set to the running average of `field`.
 *
 * Input records are never modified: results are copies (see `setPath`). State lives in keyed
 * state (table "aggregate", VOID namespace): the accumulated record for sum/min/max, the
 * extreme record for minBy/maxBy, the count, or `{sum, count}` for avg.
 */
import { JobErrorCode } from '../graph/error-codes.js';
import { ParamError } from '../graph/errors.js';
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import { BaseOperator } from './base-operator.js';
import { type FieldPath, compilePath, getPath, setPath } from './field-path.js';

const FUNCTIONS = ['sum', 'min', 'max', 'minBy', 'maxBy', 'count', 'avg'] as const;
export type AggregateFn = (typeof FUNCTIONS)[number];

interface AvgAccumulator {
  sum: number;
  count: number;
}

export class AggregateOperator extends BaseOperator {
  private fn!: AggregateFn;
  private field!: string;
  private path!: FieldPath;
  private state!: StateTable<unknown>;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    if (keyed === null) throw new Error(`aggregate node "${nodeId}": needs a keyed input (add a keyBy before it)`);
    const fn = params.fn;
    if (!FUNCTIONS.includes(fn)) throw new ParamError('params.fn', `aggregate node "${nodeId}", params.fn: must be one of ${FUNCTIONS.join(', ')}`);
    this.fn = fn;
    const field = params.field ?? (fn === 'count' ? 'count' : undefined);
    if (typeof field !== 'string') throw new ParamError('params.field', `aggregate node "${nodeId}", params.field: is required for ${fn}`, JobErrorCode.MissingParam);
    this.field = field;
    this.path = compilePath(field, `aggregate node "${nodeId}", params.field`);
    this.state = keyed.backend.table('aggregate');
  }

  processElement(value: unknown, timestamp: number): void {
    this.setKeyOf(value, 0);
    const state = this.state;
    const current = state.get(VOID_NAMESPACE);
    let result: unknown;
    switch (this.fn) {
      case 'sum': {
        const x = this.number(value);
        result = current === undefined ? value : setPath(current, this.path, (getPath(current, this.path) as number) + x);
        state.put(VOID_NAMESPACE, result);
        break;
      }
      case 'min':
      case 'max': {
        const x = this.comparable(value);
        if (current === undefined) result = value;
        else {
          const acc = this.sameType(getPath(current, this.path), x);
          const better = this.fn === 'min' ? x < acc : x > acc;
          result = better ? setPath(current, this.path, x) : current;
        }
        state.put(VOID_NAMESPACE, result);
        break;
      }
      case 'minBy':
      case 'maxBy': {
        const x = this.comparable(value);
        if (current === undefined) result = value;
        else {
          const acc = this.sameType(getPath(current, this.path), x);
          // Strictly better only: on a tie the earlier record stays (Flink's first = true).
          const better = this.fn === 'minBy' ? x < acc : x > acc;
          result = better ? value : current;
        }
        if (result !== current) state.put(VOID_NAMESPACE, result);
        break;
      }
      case 'count': {
        const n = ((current as number | undefined) ?? 0) + 1;
        state.put(VOID_NAMESPACE, n);
        result = setPath(value, this.path, n);
        break;
      }
      case 'avg': {
        const x = this.number(value);
        const acc = (current as AvgAccumulator | undefined) ?? { sum: 0, count: 0 };
        const next: AvgAccumulator = { sum: acc.sum + x, count: acc.count + 1 };
        state.put(VOID_NAMESPACE, next);
        result = setPath(value, this.path, next.sum / next.count);
        break;
      }
    }
    this.out.collect(result, timestamp);
  }

  private number(record: unknown): number {
    const x = getPath(record, this.path);
    if (typeof x !== 'number') throw new Error(`${this.where()}: ${this.fn} needs a number, got ${describe(x)} in ${preview(record)}`);
    return x;
  }

  private comparable(record: unknown): number | string {
    const x = getPath(record, this.path);
    if (typeof x !== 'number' && typeof x !== 'string') {
      throw new Error(`${this.where()}: ${this.fn} needs a number or a string, got ${describe(x)} in ${preview(record)}`);
    }
    return x;
  }

  /** Numbers and strings do not compare with each other: mixing them is an error, not an order. */
  private sameType(acc: unknown, x: number | string): number | string {
    if (typeof acc !== typeof x) throw new Error(`${this.where()}: ${this.fn} cannot compare a ${typeof acc} with a ${typeof x}`);
    return acc as number | string;
  }

  private where(): string {
    return `aggregate node "${this.ctx.nodeId}", field "${this.field}"`;
  }
}

function describe(x: unknown): string {
  return x === undefined ? 'nothing (the field is missing)' : x === null ? 'null' : `${typeof x} ${JSON.stringify(x)}`;
}

function preview(record: unknown): string {
  const text = JSON.stringify(record) ?? String(record);
  return text.length > 120 ? text.slice(0, 117) + '...' : text;
}
