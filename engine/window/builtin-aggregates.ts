/**
 * The built-in window aggregations (`function: {type: "aggregate", fn, field}`): sum, min, max,
 * avg of a numeric field, count of elements, and minBy/maxBy (the whole element holding the
 * extreme field value; the first one wins on ties, as in Flink).
 */
import type { WindowAggregate } from './window-function.js';

export type BuiltinAggregateName = 'sum' | 'min' | 'max' | 'minBy' | 'maxBy' | 'count' | 'avg';

export const BUILTIN_AGGREGATES: readonly BuiltinAggregateName[] = ['sum', 'min', 'max', 'minBy', 'maxBy', 'count', 'avg'];

/** An aggregate plus how its accumulator becomes the emitted `value`. */
export interface BuiltinAggregate extends WindowAggregate {
  result(acc: any): unknown;
}

/** Reads a dot path (`a.b.c`). */
export function fieldGetter(path: string): (value: unknown) => unknown {
  const parts = path.split('.');
  return (value) => {
    let cur: any = value;
    for (const p of parts) cur = cur == null ? undefined : cur[p];
    return cur;
  };
}

/** Builds `fn` over `field` (ignored by count). Throws a plain message for unknown names. */
export function builtinAggregate(fn: BuiltinAggregateName, field: string | undefined): BuiltinAggregate {
  if (fn === 'count') {
    return { create: () => 1, add: (acc: number) => acc + 1, merge: (a: number, b: number) => a + b, result: (acc) => acc };
  }
  if (field === undefined || field === '') throw new Error(`aggregate "${fn}" needs a field`);
  const get = fieldGetter(field);
  const num = (value: unknown): number => {
    const v = get(value);
    if (typeof v !== 'number') throw new Error(`aggregate "${fn}": field "${field}" is not a number (got ${describe(v)})`);
    return v;
  };
  const comparable = (value: unknown): number | string => {
    const v = get(value);
    if (typeof v !== 'number' && typeof v !== 'string') {
      throw new Error(`aggregate "${fn}": field "${field}" is not a number or string (got ${describe(v)})`);
    }
    return v;
  };
  switch (fn) {
    case 'sum':
      return { create: num, add: (acc: number, v) => acc + num(v), merge: (a: number, b: number) => a + b, result: (acc) => acc };
    case 'min': {
      const pick = (a: number | string, b: number | string) => (b < a ? b : a);
      return { create: comparable, add: (acc, v) => pick(acc, comparable(v)), merge: pick, result: (acc) => acc };
    }
    case 'max': {
      const pick = (a: number | string, b: number | string) => (b > a ? b : a);
      return { create: comparable, add: (acc, v) => pick(acc, comparable(v)), merge: pick, result: (acc) => acc };
    }
    case 'minBy': {
      // Only a strictly smaller value replaces the kept element: the first wins on ties.
      const pick = (a: unknown, b: unknown) => (comparable(b) < comparable(a) ? b : a);
      return { create: (v) => (comparable(v), v), add: pick, merge: pick, result: (acc) => acc };
    }
    case 'maxBy': {
      const pick = (a: unknown, b: unknown) => (comparable(b) > comparable(a) ? b : a);
      return { create: (v) => (comparable(v), v), add: pick, merge: pick, result: (acc) => acc };
    }
    case 'avg':
      return {
        create: (v) => [num(v), 1],
        add: (acc: [number, number], v) => {
          acc[0] += num(v);
          acc[1] += 1;
          return acc;
        },
        merge: (a: [number, number], b: [number, number]) => [a[0] + b[0], a[1] + b[1]],
        result: (acc: [number, number]) => acc[0] / acc[1],
      };
    default:
      throw new Error(`unknown aggregate "${String(fn)}" (expected one of ${BUILTIN_AGGREGATES.join(', ')})`);
  }
}

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
