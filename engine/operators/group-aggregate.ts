/**
 * `groupAggregate`: Flink SQL's non-windowed GROUP BY (StreamExecGroupAggregate running
 * GroupAggFunction) — a changelog-aware aggregate per key. Each input row updates its key's
 * accumulators (INSERT / UPDATE_AFTER accumulate, UPDATE_BEFORE / DELETE retract) and the node
 * emits the change to the key's result row:
 * - the key's first row: `+I` of the result;
 * - a later row: `-U` of the previous result and `+U` of the new one — nothing when the
 *   aggregates did not change (Flink's equaliser, with no state TTL);
 * - a retraction that takes the key's row count to 0: `-D` of the previous result, and the key's
 *   state is cleared; a retraction for a key without state is ignored.
 * The result row holds the `keys` fields (from the input row) and one field per aggregate.
 * Outputs keep the input row's timestamp. Accumulators live in keyed state (table "groupAgg",
 * VOID namespace) as plain data, so checkpoints carry them and restore at any parallelism.
 *
 * Aggregates (NULL arguments are skipped, as in SQL): COUNT(*) (no field), COUNT, SUM, MIN, MAX,
 * AVG (integer AVG truncates, as Flink's AVG of INT/BIGINT), each optionally DISTINCT. SUM, AVG
 * and COUNT keep a running sum and count; MIN, MAX and DISTINCT keep each value with its
 * multiplicity (Flink's MinWithRetract/MaxWithRetract and distinct MapViews), so retractions work.
 */
import { JobErrorCode } from '../graph/error-codes.js';
import { ParamError } from '../graph/errors.js';
import { VOID_NAMESPACE, type StateTable } from '../state/keyed-state-backend.js';
import { BaseOperator } from './base-operator.js';
import { type FieldPath, compilePath, getPath } from './field-path.js';
import { type InputIndex, RowKind } from './operator.js';

export const GROUP_AGGREGATE_FNS = ['count', 'sum', 'min', 'max', 'avg'] as const;
export type GroupAggregateFn = (typeof GROUP_AGGREGATE_FNS)[number];

/** One aggregate of the node's params. */
export interface GroupAggregateSpec {
  readonly name: string;
  readonly fn: GroupAggregateFn;
  /** The argument; absent only for COUNT(*). */
  readonly field?: string;
  readonly distinct?: boolean;
  /** AVG of an integer type: the result is truncated toward zero. */
  readonly integer?: boolean;
}

/** Values with their multiplicity, by the value's JSON text. */
type Multiset = Record<string, [unknown, number]>;
/** A key's accumulators: the row count (accumulated − retracted) and one slot per aggregate. */
interface Accumulators {
  n: number;
  a: Array<number | [number, number] | Multiset>;
}

interface Compiled {
  readonly spec: GroupAggregateSpec;
  readonly path: FieldPath | null;
  /** Which accumulator the aggregate keeps. */
  readonly acc: 'rows' | 'count' | 'sum' | 'multiset';
}

export class GroupAggregateOperator extends BaseOperator {
  private keys!: Array<{ name: string; path: FieldPath }>;
  private aggs!: Compiled[];
  private state!: StateTable<Accumulators>;

  protected override setup(): void {
    const { nodeId, params, keyed } = this.ctx;
    if (keyed === null) throw new Error(`groupAggregate node "${nodeId}": needs a keyed input (add a keyBy before it)`);
    const keys = (params.keys ?? []) as string[];
    this.keys = keys.map((k, i) => ({ name: k, path: compilePath(k, `groupAggregate node "${nodeId}", params.keys[${i}]`) }));
    const specs = params.aggregates as GroupAggregateSpec[];
    this.aggs = specs.map((spec, i) => {
      if (!GROUP_AGGREGATE_FNS.includes(spec.fn)) throw new ParamError(`params.aggregates[${i}].fn`, `groupAggregate node "${nodeId}", params.aggregates[${i}].fn: must be one of ${GROUP_AGGREGATE_FNS.join(', ')}`);
      if (spec.field === undefined && spec.fn !== 'count') throw new ParamError(`params.aggregates[${i}].field`, `groupAggregate node "${nodeId}", params.aggregates[${i}].field: ${spec.fn} needs a field`, JobErrorCode.MissingParam);
      const path = spec.field === undefined ? null : compilePath(spec.field, `groupAggregate node "${nodeId}", params.aggregates[${i}].field`);
      const acc = path === null ? 'rows' : spec.distinct || spec.fn === 'min' || spec.fn === 'max' ? 'multiset' : spec.fn === 'count' ? 'count' : 'sum';
      return { spec, path, acc };
    });
    this.state = keyed.backend.table('groupAgg');
  }

  processElement(value: unknown, timestamp: number, _input: InputIndex, kind?: RowKind): void {
    this.setKeyOf(value, 0);
    const retract = kind === RowKind.UPDATE_BEFORE || kind === RowKind.DELETE;
    let acc = this.state.get(VOID_NAMESPACE);
    const first = acc === undefined;
    if (acc === undefined) {
      // No accumulators for a retraction: the key's row is unknown (or its state was cleaned up).
      if (retract) return;
      acc = { n: 0, a: this.aggs.map((g) => (g.acc === 'multiset' ? {} : g.acc === 'sum' ? [0, 0] : 0)) };
    }
    const before = first ? null : this.results(acc);
    this.apply(acc, value, retract ? -1 : 1);
    if (acc.n !== 0) {
      this.state.put(VOID_NAMESPACE, acc);
      const after = this.results(acc);
      if (before === null) this.out.collect(this.row(value, after), timestamp);
      else if (!sameValues(before, after)) {
        this.out.collect(this.row(value, before), timestamp, RowKind.UPDATE_BEFORE);
        this.out.collect(this.row(value, after), timestamp, RowKind.UPDATE_AFTER);
      }
    } else {
      if (before !== null) this.out.collect(this.row(value, before), timestamp, RowKind.DELETE);
      this.state.remove(VOID_NAMESPACE);
    }
  }

  /** Accumulates (`sign` 1) or retracts (−1) the row's arguments. */
  private apply(acc: Accumulators, value: unknown, sign: 1 | -1): void {
    acc.n += sign;
    const aggs = this.aggs;
    for (let i = 0; i < aggs.length; i++) {
      const g = aggs[i]!;
      if (g.acc === 'rows') continue;
      const v = getPath(value, g.path!);
      if (v === null || v === undefined) continue;
      if (g.acc === 'count') acc.a[i] = (acc.a[i] as number) + sign;
      else if (g.acc === 'sum') {
        const s = acc.a[i] as [number, number];
        s[0] += sign * this.number(v, i);
        s[1] += sign;
      } else {
        const m = acc.a[i] as Multiset;
        const k = JSON.stringify(v);
        const entry = m[k];
        if (entry === undefined) {
          if (sign > 0) m[k] = [v, 1];
        } else if ((entry[1] += sign) === 0) delete m[k];
      }
    }
  }

  /** The aggregates' current values, in order. */
  private results(acc: Accumulators): unknown[] {
    return this.aggs.map((g, i) => {
      const { fn, integer } = g.spec;
      const slot = acc.a[i]!;
      if (g.acc === 'rows') return acc.n;
      if (g.acc === 'count') return slot;
      if (g.acc === 'sum') {
        const [sum, count] = slot as [number, number];
        if (count === 0) return fn === 'count' ? 0 : null;
        return fn === 'avg' ? average(sum, count, integer === true) : sum;
      }
      const values = Object.values(slot as Multiset).map((e) => e[0]);
      if (fn === 'count') return values.length;
      if (values.length === 0) return null;
      if (fn === 'min' || fn === 'max') {
        let best = values[0] as any;
        for (const v of values as any[]) if (fn === 'min' ? v < best : v > best) best = v;
        return best;
      }
      let sum = 0;
      for (const v of values) sum += this.number(v, i);
      return fn === 'avg' ? average(sum, values.length, integer === true) : sum;
    });
  }

  private row(value: unknown, results: unknown[]): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const k of this.keys) row[k.name] = getPath(value, k.path) ?? null;
    this.aggs.forEach((g, i) => {
      row[g.spec.name] = results[i];
    });
    return row;
  }

  private number(v: unknown, i: number): number {
    if (typeof v !== 'number') {
      const g = this.aggs[i]!.spec;
      throw new Error(`groupAggregate node "${this.ctx.nodeId}", params.aggregates[${i}].field: ${g.fn} needs numbers in "${g.field}", got ${JSON.stringify(v)}`);
    }
    return v;
  }
}

function average(sum: number, count: number, integer: boolean): number {
  return integer ? Math.trunc(sum / count) : sum / count;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
