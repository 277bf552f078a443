/**
 * Subqueries in WHERE as Flink plans them (FlinkSubQueryRemoveRule, then StreamExecJoin with a
 * SEMI / ANTI join type): `x IN (SELECT y …)` and `EXISTS (SELECT … WHERE inner.c = outer.c …)`
 * are SEMI joins, `x NOT IN (…)` and `NOT EXISTS (…)` ANTI joins of the query's rows with the
 * subquery's. Each becomes a `join.semiAnti` node: its left input the outer rows (after the rest of
 * the WHERE, which Flink pushes below the join), its right input the subquery's rows.
 *
 * - `x IN (SELECT y …)`: the key is x = y (a NULL x matches nothing).
 * - `x NOT IN (SELECT y …)`: SQL's three-valued NOT IN, as Flink's null-aware anti join: a row is
 *   dropped when some y has `x = y` TRUE or NULL — so a NULL x, or a NULL among the y's, drops it
 *   (unless the subquery is empty). Its condition is not an equality, so the join has no key.
 * - `[NOT] EXISTS (SELECT …)`: the subquery's WHERE splits into its own conditions (a filter on
 *   its rows) and the correlated ones naming the outer query's columns: `inner = outer`
 *   equalities are the key, the rest the join's condition.
 * A column resolves in the subquery first, then in the outer query (SQL's scoping).
 */
import type { Expr, Pos, Select, TableRef } from './ast.js';
import { exprCode, field, PlanError, subqueryText } from './codegen.js';
import { hasAggregate } from './group-aggregate.js';
import { type Column, fn, type JobBuilder, type Planned } from './job-builder.js';
import { isNumeric, isTimestamp, type SqlType, typeText } from './types.js';

type SubqueryExpr = Extract<Expr, { kind: 'subquery' }>;
type ColumnExpr = Extract<Expr, { kind: 'column' }>;

/** A subquery predicate of WHERE, with the NOT around it folded in. */
export interface SemiAnti {
  e: SubqueryExpr;
  anti: boolean;
}

/** WHERE's top-level conjuncts split into its subquery predicates and the rest (null: nothing else). */
export function splitSubqueries(where: Expr | null): { rest: Expr | null; subqueries: SemiAnti[] } {
  const subqueries: SemiAnti[] = [];
  const rest: Expr[] = [];
  for (const c of conjuncts(where)) {
    if (c.kind === 'subquery') subqueries.push({ e: c, anti: c.not });
    else if (c.kind === 'unary' && c.op === 'NOT' && c.arg.kind === 'subquery') subqueries.push({ e: c.arg, anti: !c.arg.not });
    else rest.push(c);
  }
  const joined = rest.reduce<Expr | null>((a, b) => (a === null ? b : { kind: 'binary', pos: a.pos, op: 'AND', left: a, right: b }), null);
  return { rest: joined, subqueries };
}

/** The outer query's rows: one table or view, by the name (or alias) its columns are qualified with. */
export interface SemiOuter {
  name: string;
  columns: Column[];
  last: string;
}

/** What the compiler lends: a table's scan (rows with internal values) and a whole query's plan. */
export interface SemiTools {
  scan: (table: string, pos: Pos) => { columns: Column[]; last: string };
  plan: (q: Select) => Planned;
}

/** Plans one SEMI / ANTI join of `outer` with the subquery of `sub`; the id of the join node. */
export function semiAntiJoin(sub: SemiAnti, outer: SemiOuter, job: JobBuilder, tools: SemiTools): string {
  const { e, anti } = sub;
  const q = e.query;
  const what = e.arg === null ? `${anti ? 'NOT ' : ''}${subqueryText(e)}` : subqueryText({ ...e, not: anti });
  const outerScope = (row: string) => (c: ColumnExpr) => {
    const col = outer.columns.find((x) => x.name === c.name && (c.qualifier === undefined || c.qualifier === outer.name));
    if (!col) throw new PlanError(c.pos, `unknown column ${c.qualifier ? `${c.qualifier}.` : ''}${c.name}; ${outer.name} has ${outer.columns.map((x) => x.name).join(', ')}`);
    return { code: field(row, col.name), type: col.type };
  };
  const simple = 'table' in q.from && !q.from.query && !q.from.join && !q.from.asOf && !q.groupBy && q.groupingSets.length === 0 && !q.having && !q.distinct && !q.items.some((i) => i.expr !== 'star' && (hasAggregate(i.expr) || i.expr.kind === 'over'));

  let right: string;
  const keys: Array<{ l: string; r: string; type: [SqlType, SqlType]; pos: Pos }> = [];
  const parts: string[] = [];
  let inValue: { code: string; type: SqlType } | null = null;
  if (simple) {
    const ref = q.from as TableRef;
    const inner = tools.scan(ref.table, ref.pos);
    const innerName = ref.alias ?? ref.table;
    /** Which side a column of the subquery's WHERE names: the subquery's table first, then the outer one. */
    const sideOf = (c: ColumnExpr): 'inner' | 'outer' => {
      if (c.qualifier !== undefined && c.qualifier !== innerName && c.qualifier !== outer.name) throw new PlanError(c.pos, `unknown table ${c.qualifier} in ${c.qualifier}.${c.name}; the subquery reads ${innerName}, the query ${outer.name}`);
      if ((c.qualifier === undefined || c.qualifier === innerName) && inner.columns.some((x) => x.name === c.name)) return 'inner';
      if ((c.qualifier === undefined || c.qualifier === outer.name) && outer.columns.some((x) => x.name === c.name)) return 'outer';
      throw new PlanError(c.pos, `unknown column ${c.qualifier ? `${c.qualifier}.` : ''}${c.name}; the subquery's ${innerName} has ${inner.columns.map((x) => x.name).join(', ')}, the query's ${outer.name} has ${outer.columns.map((x) => x.name).join(', ')}`);
    };
    const innerScope = (row: string) => (c: ColumnExpr) => {
      const col = inner.columns.find((x) => x.name === c.name);
      if (!col || sideOf(c) !== 'inner') throw new PlanError(c.pos, `unknown column ${c.name}; the subquery's ${innerName} has ${inner.columns.map((x) => x.name).join(', ')}`);
      return { code: field(row, col.name), type: col.type };
    };
    const pairScope = (c: ColumnExpr) => (sideOf(c) === 'inner' ? innerScope('r')(c) : outerScope('l')(c));
    const local: string[] = [];
    for (const c of conjuncts(q.where)) {
      const sides = new Set(columnsOf(c).map(sideOf));
      if (c.kind === 'subquery' || (c.kind === 'unary' && c.arg.kind === 'subquery')) throw new PlanError(c.pos, `a subquery inside ${what} is not supported yet`);
      if (!sides.has('outer')) {
        const w = exprCode(c, innerScope('r'), null);
        if (w.type.name !== 'BOOLEAN') throw new PlanError(c.pos, `WHERE needs a condition, but this is ${typeText(w.type)}`);
        local.push(`${w.code} === true`);
        continue;
      }
      if (c.kind === 'binary' && c.op === '=') {
        const l = new Set(columnsOf(c.left).map(sideOf));
        const r = new Set(columnsOf(c.right).map(sideOf));
        const one = (s: Set<string>, side: string) => s.size === 1 && s.has(side);
        const pair = one(l, 'outer') && one(r, 'inner') ? [c.left, c.right] : one(l, 'inner') && one(r, 'outer') ? [c.right, c.left] : null;
        if (pair) {
          const lo = exprCode(pair[0]!, outerScope('l'), null);
          const ri = exprCode(pair[1]!, innerScope('r'), null);
          keys.push({ l: lo.code, r: ri.code, type: [lo.type, ri.type], pos: c.pos });
          continue;
        }
      }
      const cond = exprCode(c, pairScope, null);
      if (cond.type.name !== 'BOOLEAN') throw new PlanError(c.pos, `the subquery's WHERE needs a condition, but this is ${typeText(cond.type)}`);
      parts.push(`${cond.code} === true`);
    }
    right = inner.last;
    if (local.length > 0) right = job.add('subquery_where', 'filter', { code: fn(`(r) => ${local.join(' && ')}`) }, right, `WHERE of ${what}`);
    if (e.arg !== null) {
      if (q.items.length !== 1 || q.items[0]!.expr === 'star') throw new PlanError(q.pos, `the subquery of ${what} must select exactly one column`);
      inValue = exprCode(q.items[0]!.expr as Expr, innerScope('r'), null);
    }
  } else {
    if (mentions(q, outer.name)) throw new PlanError(q.pos, `a correlated subquery (naming ${outer.name}) with GROUP BY, DISTINCT, a join or a subquery of its own is not supported yet in ${what}; correlate a subquery that reads one table`);
    let planned: Planned;
    try {
      planned = tools.plan(q);
    } catch (err) {
      const unknown = err instanceof PlanError && /^unknown column (\w+)/.exec(err.message)?.[1];
      if (unknown && outer.columns.some((c) => c.name === unknown)) throw new PlanError(err.pos, `a correlated subquery (naming ${outer.name}'s ${unknown}) with GROUP BY, DISTINCT, a join or a subquery of its own is not supported yet in ${what}; correlate a subquery that reads one table`);
      throw err;
    }
    right = planned.last;
    if (e.arg !== null) {
      if (planned.columns.length !== 1) throw new PlanError(q.pos, `the subquery of ${what} must select exactly one column, not ${planned.columns.length} (${planned.columns.map((c) => c.name).join(', ')})`);
      const c = planned.columns[0]!;
      // A query's rows hold timestamps as Flink prints them: back to epoch ms to compare.
      inValue = { code: isTimestamp(c.type) ? `$ts(${field('r', c.name)}, ${JSON.stringify(c.name)})` : field('r', c.name), type: c.type };
    }
  }
  job.pinned = undefined;
  if (e.arg !== null) {
    const x = exprCode(e.arg, outerScope('l'), null);
    if (!comparable(x.type, inValue!.type)) throw new PlanError(e.pos, `cannot compare ${typeText(x.type)} with the subquery's ${typeText(inValue!.type)} in ${what}`);
    // NOT IN is null-aware: a row goes when x = y is TRUE or NULL for some y (Flink's `=(x, y) OR IS NULL(=(x, y))`).
    if (anti) parts.push(`((x, y) => $n(x) || $n(y) || $eq(x, y) === true)(${x.code}, ${inValue!.code})`);
    else keys.push({ l: x.code, r: inValue!.code, type: [x.type, inValue!.type], pos: e.pos });
  }
  for (const k of keys) if (!comparable(k.type[0], k.type[1])) throw new PlanError(k.pos, `cannot compare ${typeText(k.type[0])} with ${typeText(k.type[1])} in ${what}`);
  // A NULL key matches nothing (SQL's = is never TRUE on NULL).
  const condition = [...keys.map((k) => `!$n(${k.l})`), ...parts];
  const keyCode = (side: 'l' | 'r') => (keys.length === 0 ? '() => 0' : fn(`(${side}) => JSON.stringify([${keys.map((k) => k[side]).join(', ')}])`));
  const params = { type: anti ? 'anti' : 'semi', leftKey: keyCode('l'), rightKey: keyCode('r'), ...(condition.length > 0 ? { condition: fn(`(l, r) => ${condition.join(' && ')}`) } : {}) };
  const id = job.add(anti ? 'anti_join' : 'semi_join', 'join.semiAnti', params, null, `${anti ? 'ANTI' : 'SEMI'} JOIN: ${what}`);
  job.edges.push({ from: outer.last, to: id, toPort: 'in1' }, { from: right, to: id, toPort: 'in2' });
  return id;
}

/** `e`'s conjuncts (split at AND). */
export function conjuncts(e: Expr | null): Expr[] {
  if (e === null) return [];
  if (e.kind === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

/** The column references of `e`, not looking into subqueries. */
export function columnsOf(e: Expr): ColumnExpr[] {
  const out: ColumnExpr[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.kind === 'column' && typeof o.name === 'string' && 'pos' in o) {
      out.push(o as ColumnExpr);
      return;
    }
    if (o.kind === 'select') return;
    for (const k of Object.keys(o)) walk(o[k]);
  };
  walk(e);
  return out;
}

/** Whether any column of `q` (at any depth) is qualified by `name`. */
function mentions(q: Select, name: string): boolean {
  let found = false;
  const walk = (v: unknown): void => {
    if (found || v === null || typeof v !== 'object') return;
    if (v instanceof Map) return [...v.values()].forEach(walk);
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.kind === 'column' && o.qualifier === name) found = true;
    for (const k of Object.keys(o)) walk(o[k]);
  };
  walk(q);
  return found;
}

/** Whether SQL compares values of the two types (numbers with numbers, timestamps with timestamps, else the same type). */
export function comparable(a: SqlType, b: SqlType): boolean {
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isTimestamp(a) && isTimestamp(b)) return true;
  return a.name === b.name || a.name === 'NULL' || b.name === 'NULL';
}
