/**
 * `x [NOT] IN (SELECT y …)` under OR in the WHERE of a query over one table, as Flink 2.3 plans it
 * (Calcite's SubQueryRemoveRule for a condition where unknown counts as false): the rows are
 * joined with the subquery's row count (a regular join without a key: every row meets the one
 * count row), then LEFT joined on x = y with the subquery's distinct values; the IN becomes
 * `count <> 0 AND a value matched AND x IS NOT NULL` and the WHERE is evaluated on that row.
 * The count changes as the subquery's rows arrive, so both joins and the result are a
 * changelog, as Flink's (`Join(joinType=[InnerJoin], where=[true])` with `GroupAggregate(COUNT(*))`,
 * then `Join(joinType=[LeftOuterJoin])` with `GroupAggregate(groupBy=[y])`).
 *
 * `x NOT IN (…)` the same way, with the count of the subquery's non-NULL values too (Calcite:
 * `c = 0 OR (no match AND ck >= c AND x IS NOT NULL)`). IN / NOT IN with one column, reached
 * through AND / OR only (not under NOT). `EXISTS (…)` correlated by one equality: a LEFT join with
 * the subquery's distinct keys, no count (existsJoin). Others stay refused by subquery-placement.ts.
 */
import type { Expr, TableRef } from './ast.js';
import { exprCode, field, PlanError, subqueryText } from './codegen.js';
import { type Column, fn, type JobBuilder } from './job-builder.js';
import { columnsOf, comparable, conjuncts, type SemiOuter, type SemiTools } from './semi-join.js';
import { isTimestamp, type SqlType, T, typeText } from './types.js';

type SubqueryExpr = Extract<Expr, { kind: 'subquery' }>;
type ColumnExpr = Extract<Expr, { kind: 'column' }>;

/** The [NOT] IN and EXISTS subqueries of `where` reached through AND / OR only; null if a subquery stands anywhere else (under NOT, in a function). */
function inSubqueries(where: Expr): SubqueryExpr[] | null {
  const found: SubqueryExpr[] = [];
  let other = false;
  const walk = (e: Expr): void => {
    if (e.kind === 'subquery') found.push(e);
    else if (e.kind === 'binary' && (e.op === 'AND' || e.op === 'OR')) {
      walk(e.left);
      walk(e.right);
    } else if (JSON.stringify(e).includes('"kind":"subquery"')) other = true;
  };
  walk(where);
  return other || found.length === 0 ? null : found;
}

/** `where` with each of `subs` replaced by its marker column. */
function replaced(e: Expr, marker: Map<SubqueryExpr, string>): Expr {
  if (e.kind === 'subquery') return { kind: 'column', pos: e.pos, name: marker.get(e)! };
  if (e.kind === 'binary' && (e.op === 'AND' || e.op === 'OR')) return { ...e, left: replaced(e.left, marker), right: replaced(e.right, marker) };
  return e;
}

/**
 * Plans the joins for the IN subqueries under OR of `where` after `outer`'s rows; the WHERE to
 * evaluate on the joined rows (each IN a BOOLEAN marker column `$in<k>`) and the rows' columns.
 * Null when `where` has no IN subquery that can be planned so (the caller refuses it).
 */
export function planInUnderOr(where: Expr, outer: SemiOuter, job: JobBuilder, tools: SemiTools): { where: Expr; columns: Column[]; last: string } | null {
  const subs = inSubqueries(where);
  if (!subs) return null;
  const columns = [...outer.columns];
  const scope = (c: Extract<Expr, { kind: 'column' }>) => {
    const col = columns.find((x) => x.name === c.name && (c.qualifier === undefined || c.qualifier === outer.name));
    if (!col) throw new PlanError(c.pos, `unknown column ${c.qualifier ? `${c.qualifier}.` : ''}${c.name}; ${outer.name} has ${outer.columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', col.name), type: col.type };
  };
  const marker = new Map<SubqueryExpr, string>();
  let last = outer.last;
  subs.forEach((e, k) => {
    const what = subqueryText(e);
    if (e.arg === null) {
      last = existsJoin(e, k, outer, last, job, tools);
      marker.set(e, `$in${k}`);
      columns.push({ name: `$in${k}`, type: T.BOOLEAN });
      return;
    }
    const x = exprCode(e.arg!, scope, null);
    const rows = () => {
      const p = tools.plan(e.query);
      if (p.columns.length !== 1) throw new PlanError(e.query.pos, `the subquery of ${what} must select exactly one column, not ${p.columns.length} (${p.columns.map((c) => c.name).join(', ')})`);
      return p;
    };
    // Its rows' count, joined to every row (a key-less regular join).
    const counted = rows();
    const y = counted.columns[0]!;
    if (!comparable(x.type, y.type)) throw new PlanError(e.pos, `cannot compare ${typeText(x.type)} with the subquery's ${typeText(y.type)} in ${what}`);
    job.pinned = undefined;
    let count = job.add('in_count_input', 'map', { code: `(r) => ({ v: ${field('r', y.name)} })` }, counted.last, `values of ${what}`);
    count = job.add('in_count_by', 'keyBy', { code: '() => 0' }, count, 'one group');
    // NOT IN also counts the non-NULL values: a NULL among them leaves every x unknown.
    const aggregates = [{ name: 'c', fn: 'count' }, ...(e.not ? [{ name: 'ck', fn: 'count', field: 'v' }] : [])];
    count = job.add('in_count', 'groupAggregate', { keys: [], aggregates }, count, `COUNT(*) of ${what}`);
    const c = `$c${k}`;
    const cross = job.add('in_cross', 'join.regular', { type: 'inner', leftKey: '() => 0', rightKey: '() => 0' }, null, `INNER JOIN the count of ${what} (no key)`);
    job.edges.push({ from: last, to: cross, toPort: 'in1' }, { from: count, to: cross, toPort: 'in2' });
    const ck = `$ck${k}`;
    last = job.add('in_counted', 'map', { code: `(j) => ({ ...j.left, ${JSON.stringify(c)}: j.right.c${e.not ? `, ${JSON.stringify(ck)}: j.right.ck` : ''} })` }, cross, 'row with the count');
    // Its distinct values, LEFT joined on x = y (a query's rows hold timestamps as text: back to epoch ms).
    const valued = rows();
    const value = isTimestamp(y.type) ? `$ts(${field('r', valued.columns[0]!.name)}, ${JSON.stringify(valued.columns[0]!.name)})` : field('r', valued.columns[0]!.name);
    job.pinned = undefined;
    let distinct = job.add('in_values', 'map', { code: fn(`(r) => ({ v: ${value} })`) }, valued.last, `values of ${what}`);
    distinct = job.add('in_distinct_by', 'keyBy', { code: '(r) => JSON.stringify([r.v])' }, distinct, 'GROUP BY the value');
    distinct = job.add('in_distinct', 'groupAggregate', { keys: ['v'], aggregates: [] }, distinct, `distinct values of ${what}`);
    const left = job.add('in_join', 'join.regular', { type: 'left', leftKey: fn(`(r) => JSON.stringify([${x.code}])`), rightKey: '(r) => JSON.stringify([r.v])', condition: fn(`(r, _) => !$n(${x.code})`) }, null, `LEFT JOIN the distinct values of ${what}`);
    job.edges.push({ from: last, to: left, toPort: 'in1' }, { from: distinct, to: left, toPort: 'in2' });
    const name = `$in${k}`;
    // Calcite's rewrite where unknown is false: IN is `c <> 0 AND matched AND x IS NOT NULL`,
    // NOT IN `c = 0 OR (not matched AND ck >= c AND x IS NOT NULL)` (no NULL value, x not NULL).
    const test = e.not
      ? `r[${JSON.stringify(c)}] === 0 || (j.right === null && r[${JSON.stringify(ck)}] >= r[${JSON.stringify(c)}] && !$n(${x.code}))`
      : `r[${JSON.stringify(c)}] !== 0 && j.right !== null && !$n(${x.code})`;
    last = job.add('in_marked', 'map', { code: fn(`(j) => ((r) => ({ ...r, ${JSON.stringify(name)}: ${test} }))(j.left)`) }, left, `${what} as a column`);
    marker.set(e, name);
    columns.push({ name, type: T.BOOLEAN });
  });
  return { where: replaced(where, marker), columns, last };
}

/**
 * `EXISTS (SELECT … FROM t WHERE t.k = outer.k [AND conditions on t])` under OR: Flink LEFT joins
 * the rows on outer.k = t.k with t's distinct non-NULL k among the rows its own conditions keep,
 * and the EXISTS is "matched" (no count join). The marker column `$in<k>`; the last node.
 */
function existsJoin(e: SubqueryExpr, k: number, outer: SemiOuter, last: string, job: JobBuilder, tools: SemiTools): string {
  const q = e.query;
  const refuse = () => new PlanError(e.pos, 'EXISTS (SELECT …) under OR is supported only correlated by one equality (EXISTS (SELECT * FROM t WHERE t.k = o.k [AND conditions on t])) over one table yet; Flink runs more');
  if (!('table' in q.from) || q.from.query || q.from.join || q.from.asOf || q.groupBy || q.groupingSets.length > 0 || q.having || q.distinct) throw refuse();
  const ref = q.from as TableRef;
  const inner = tools.scan(ref.table, ref.pos);
  const innerName = ref.alias ?? ref.table;
  // A column resolves in the subquery first, then in the outer query (SQL's scoping).
  const sideOf = (c: ColumnExpr): 'inner' | 'outer' => {
    if ((c.qualifier === undefined || c.qualifier === innerName) && inner.columns.some((x) => x.name === c.name)) return 'inner';
    if ((c.qualifier === undefined || c.qualifier === outer.name) && outer.columns.some((x) => x.name === c.name)) return 'outer';
    throw new PlanError(c.pos, `unknown column ${c.qualifier ? `${c.qualifier}.` : ''}${c.name}; the subquery's ${innerName} has ${inner.columns.map((x) => x.name).join(', ')}, the query's ${outer.name} has ${outer.columns.map((x) => x.name).join(', ')}`);
  };
  const scopeOf = (cols: Column[]) => (c: ColumnExpr) => ({ code: field('r', c.name), type: cols.find((x) => x.name === c.name)!.type });
  let key: { inner: string; outer: { code: string; type: SqlType }; type: SqlType } | null = null;
  const local: string[] = [];
  for (const c of conjuncts(q.where)) {
    const sides = new Set(columnsOf(c).map(sideOf));
    if (!sides.has('outer')) {
      const w = exprCode(c, scopeOf(inner.columns), null);
      if (w.type.name !== 'BOOLEAN') throw new PlanError(c.pos, `WHERE needs a condition, but this is ${typeText(w.type)}`);
      local.push(`${w.code} === true`);
      continue;
    }
    const pair = c.kind === 'binary' && c.op === '=' && c.left.kind === 'column' && c.right.kind === 'column' ? [c.left, c.right] : null;
    const [i, o] = pair ? (sideOf(pair[0]!) === 'inner' ? pair : [pair[1]!, pair[0]!]) : [];
    if (key || !i || !o || sideOf(i) !== 'inner' || sideOf(o) !== 'outer') throw refuse();
    const oc = exprCode(o, scopeOf(outer.columns), null);
    const it = inner.columns.find((x) => x.name === i.name)!.type;
    if (!comparable(oc.type, it)) throw new PlanError(c.pos, `cannot compare ${typeText(oc.type)} with ${typeText(it)} in EXISTS (SELECT …)`);
    key = { inner: i.name, outer: oc, type: it };
  }
  if (!key) throw refuse();
  job.pinned = undefined;
  let values = job.add('exists_where', 'filter', { code: fn(`(r) => !$n(${field('r', key.inner)})${local.map((l) => ` && ${l}`).join('')}`) }, inner.last, `WHERE of ${subqueryText(e)}`);
  values = job.add('exists_values', 'map', { code: `(r) => ({ v: ${field('r', key.inner)} })` }, values, `values of ${subqueryText(e)}`);
  values = job.add('exists_distinct_by', 'keyBy', { code: '(r) => JSON.stringify([r.v])' }, values, 'GROUP BY the value');
  values = job.add('exists_distinct', 'groupAggregate', { keys: ['v'], aggregates: [] }, values, `distinct values of ${subqueryText(e)}`);
  const join = job.add('exists_join', 'join.regular', { type: 'left', leftKey: fn(`(r) => JSON.stringify([${key.outer.code}])`), rightKey: '(r) => JSON.stringify([r.v])', condition: fn(`(r, _) => !$n(${key.outer.code})`) }, null, `LEFT JOIN the distinct values of ${subqueryText(e)}`);
  job.edges.push({ from: last, to: join, toPort: 'in1' }, { from: values, to: join, toPort: 'in2' });
  return job.add('exists_marked', 'map', { code: `(j) => ({ ...j.left, ${JSON.stringify(`$in${k}`)}: j.right !== null })` }, join, `${subqueryText(e)} as a column`);
}
