/**
 * GROUPING SETS, ROLLUP and CUBE as Flink plans them: an Expand before the aggregation emits each
 * row once per grouping set, the columns outside that set replaced by NULL and the set's index in
 * `$e`, which joins the grouping key — so each set is grouped and aggregated on its own, and a
 * column not in a row's set reads NULL in its result.
 */
import type { Expr, Select } from './ast.js';
import { PlanError } from './codegen.js';
import type { Column } from './job-builder.js';
import type { SqlType } from './types.js';

/** The field holding a row's grouping-set index after the expand. */
export const EXPAND_ID = '$e';

export interface Grouping {
  /** Every grouping column, plain or in a set, in order of first appearance. */
  keys: Column[];
  /** The sets, as column names (each includes the plain columns); null without GROUPING SETS. */
  sets: string[][] | null;
}

/**
 * The grouping of `s`: plain GROUP BY columns, and the cross product of its GROUPING SETS items.
 * `skip` names columns handled elsewhere (window_start, window_end, window_time), which may be
 * plain items only.
 */
export function groupingOf(s: Select, resolve: (e: Extract<Expr, { kind: 'column' }>) => SqlType, skip: readonly string[] = []): Grouping {
  const keys: Column[] = [];
  const column = (g: Expr): string => {
    if (g.kind !== 'column') throw new PlanError(g.pos, 'GROUP BY an expression is not supported yet; group by columns');
    if (!keys.some((k) => k.name === g.name)) keys.push({ name: g.name, type: resolve(g) });
    return g.name;
  };
  const plain = (s.groupBy ?? []).flatMap((g) => (g.kind === 'column' && skip.includes(g.name) ? [] : [column(g)]));
  if (s.groupingSets.length === 0) return { keys, sets: null };
  let sets: string[][] = [plain];
  for (const item of s.groupingSets) {
    const named = item.sets.map((set) =>
      set.map((g) => {
        if (g.kind === 'column' && skip.includes(g.name)) throw new PlanError(g.pos, `${g.name} must be in the GROUP BY itself, not inside GROUPING SETS, ROLLUP or CUBE (as in Flink)`);
        return column(g);
      }),
    );
    sets = sets.flatMap((base) => named.map((set) => [...new Set([...base, ...set])]));
  }
  return { keys, sets };
}

/** A flatMap emitting each row once per set, with the other grouping columns NULL and `$e` = the set's index. */
export function expandCode(keys: readonly Column[], sets: readonly string[][]): string {
  const rows = sets.map((set, i) => {
    const nulls = keys.filter((k) => !set.includes(k.name)).map((k) => `${JSON.stringify(k.name)}: null`);
    return `{ ...r, ${[...nulls, `${JSON.stringify(EXPAND_ID)}: ${i}`].join(', ')} }`;
  });
  return `(r) => [${rows.join(', ')}]`;
}
