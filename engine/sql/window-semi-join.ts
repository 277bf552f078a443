/**
 * SEMI / ANTI window joins (window-join.md "SEMI" and "ANTI"; Flink's WindowJoinOperator with a
 * SEMI / ANTI join type): a window TVF whose WHERE has `x [NOT] IN (SELECT y FROM <window TVF> R
 * WHERE L.window_start = R.window_start AND L.window_end = R.window_end)` or `[NOT] EXISTS
 * (SELECT … FROM <window TVF> R WHERE L.k = R.k AND <both window equalities>)`.
 *
 * Both sides are planned as a window join's (window-join.ts): the same window TVF on both, a
 * window's rows kept until the watermark passes its end − 1; then each left row of the window
 * with (SEMI) or without (ANTI) a right row of the same window, key and condition is emitted once,
 * `+I`, as the TVF's row (its columns and window_start, window_end, window_time). The rest of the
 * outer WHERE filters those rows; the select list projects them.
 */
import type { Expr, Pos, Select, TableRef, WindowTvf } from './ast.js';
import { exprCode, field, itemName, PlanError, subqueryText } from './codegen.js';
import { hasAggregate } from './group-aggregate.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned } from './job-builder.js';
import { columnsOf, comparable, conjuncts, type SemiAnti } from './semi-join.js';
import { typeText } from './types.js';
import { checkSameWindows, isWindowTvfQuery, type WindowSide, windowJoinNode } from './window-join.js';

type ColumnExpr = Extract<Expr, { kind: 'column' }>;
type Side = { columns: Column[]; last: string; window: WindowSide };

/** The window TVF relation of FROM: `(SELECT … FROM TABLE(TVF(…))) alias` or `TABLE(TVF(…))` itself; null otherwise. */
export function windowRelation(from: Select['from']): { query: Select; name: string; pos: Pos } | null {
  if ('table' in from && from.query && isWindowTvfQuery(from.query)) return { query: from.query, name: from.alias ?? from.table, pos: from.pos };
  if ('tvf' in from) return { query: tvfQuery(from.tvf), name: from.tvf.table, pos: from.tvf.pos };
  return null;
}

const tvfQuery = (tvf: WindowTvf): Select => ({ kind: 'select', pos: tvf.pos, items: [{ expr: 'star', alias: null, pos: tvf.pos }], from: { tvf }, where: null, groupBy: null, groupingSets: [], having: null });

/**
 * Plans `s`, whose FROM is the window TVF relation `outer` and whose WHERE holds the subquery
 * predicates `subqueries` (one) and `rest`. `side` plans a window TVF query as a window join's side.
 */
export function planWindowSemiJoin(s: Select, outer: { query: Select; name: string }, subqueries: SemiAnti[], rest: Expr | null, job: JobBuilder, side: (q: Select) => Side): Planned {
  if (subqueries.length > 1) throw new PlanError(subqueries[1]!.e.pos, 'a second IN / EXISTS subquery over a window TVF is not supported yet; combine the conditions in one subquery');
  if (s.groupBy || s.groupingSets.length > 0 || s.having || s.distinct || s.items.some((i) => i.expr !== 'star' && (hasAggregate(i.expr) || i.expr.kind === 'over'))) {
    throw new PlanError(s.pos, 'aggregating the rows of a SEMI / ANTI window join is not supported yet; select its rows');
  }
  const { e, anti } = subqueries[0]!;
  const what = e.arg === null ? `${anti ? 'NOT ' : ''}${subqueryText(e)}` : subqueryText({ ...e, not: anti });
  const q = e.query;
  const inner = windowRelation(q.from);
  if (!inner) throw new PlanError(q.pos, `${what} over a window TVF needs a window TVF in the subquery too (a SEMI / ANTI window join): SELECT … FROM (SELECT * FROM TABLE(TUMBLE(TABLE t, …))) R WHERE L.window_start = R.window_start AND L.window_end = R.window_end`);
  if (q.groupBy || q.groupingSets.length > 0 || q.having || q.distinct) throw new PlanError(q.pos, `GROUP BY / DISTINCT in the subquery of a SEMI / ANTI window join is not supported yet`);
  const left = side(outer.query);
  const right = side(inner.query);
  checkSameWindows(left.window, right.window);
  job.pinned = undefined;
  if (inner.name === outer.name) throw new PlanError(inner.pos, `the subquery's relation is also called ${outer.name}; give it another alias`);

  const sideOf = (c: ColumnExpr): 'l' | 'r' => {
    if (c.qualifier !== undefined && c.qualifier !== inner.name && c.qualifier !== outer.name) throw new PlanError(c.pos, `unknown table ${c.qualifier} in ${c.qualifier}.${c.name}; the subquery reads ${inner.name}, the query ${outer.name}`);
    if ((c.qualifier === undefined || c.qualifier === inner.name) && right.columns.some((x) => x.name === c.name)) return 'r';
    if ((c.qualifier === undefined || c.qualifier === outer.name) && left.columns.some((x) => x.name === c.name)) return 'l';
    throw new PlanError(c.pos, `unknown column ${c.qualifier ? `${c.qualifier}.` : ''}${c.name}; the subquery's ${inner.name} has ${right.columns.map((x) => x.name).join(', ')}, the query's ${outer.name} has ${left.columns.map((x) => x.name).join(', ')}`);
  };
  const scopeOf = (only?: 'l' | 'r') => (c: ColumnExpr) => {
    const s = sideOf(c);
    if (only && s !== only) throw new PlanError(c.pos, `${c.name} here must be a column of ${only === 'l' ? outer.name : inner.name}`);
    const col = (s === 'l' ? left : right).columns.find((x) => x.name === c.name)!;
    return { code: field(s, col.name), type: col.type };
  };
  const windowRole = (x: Expr): { side: 'l' | 'r'; role: string } | null => {
    if (x.kind !== 'column') return null;
    const s = sideOf(x);
    const role = Object.entries((s === 'l' ? left : right).window.names).find(([, n]) => n === x.name)?.[0];
    return role ? { side: s, role } : null;
  };
  const usesWindow = (x: Expr) => columnsOf(x).some((c) => windowRole(c) !== null);
  let start = false;
  let end = false;
  const keys: Array<{ l: string; r: string }> = [];
  const parts: string[] = [];
  const pushCondition = (c: Expr) => {
    const code = exprCode(c, scopeOf(), null);
    if (code.type.name !== 'BOOLEAN') throw new PlanError(c.pos, `the subquery's WHERE needs a condition, but this is ${typeText(code.type)}`);
    parts.push(`${code.code} === true`);
  };
  for (const c of conjuncts(q.where)) {
    if (c.kind === 'binary' && c.op === '=') {
      const a = windowRole(c.left);
      const b = windowRole(c.right);
      if (a && b && a.side !== b.side && a.role === b.role) {
        if (a.role === 'start') start = true;
        else if (a.role === 'end') end = true;
        else pushCondition(c);
        continue;
      }
      const ls = new Set(columnsOf(c.left).map(sideOf));
      const rs = new Set(columnsOf(c.right).map(sideOf));
      const pair = ls.size === 1 && rs.size === 1 && [...ls][0] !== [...rs][0] ? ([...ls][0] === 'l' ? [c.left, c.right] : [c.right, c.left]) : null;
      if (pair && !usesWindow(c)) {
        const l = exprCode(pair[0]!, scopeOf('l'), null);
        const r = exprCode(pair[1]!, scopeOf('r'), null);
        if (!comparable(l.type, r.type)) throw new PlanError(c.pos, `cannot compare ${typeText(l.type)} with ${typeText(r.type)} in ${what}`);
        keys.push({ l: l.code, r: r.code });
        continue;
      }
    }
    pushCondition(c);
  }
  if (!start || !end) throw new PlanError(q.pos, `a SEMI / ANTI window join needs ${outer.name}.window_start = ${inner.name}.window_start AND ${outer.name}.window_end = ${inner.name}.window_end in the WHERE of ${what} (Flink requires both equalities)`);
  if (e.arg !== null) {
    if (q.items.length !== 1 || q.items[0]!.expr === 'star') throw new PlanError(q.pos, `the subquery of ${what} must select exactly one column`);
    const x = exprCode(e.arg, scopeOf('l'), null);
    const y = exprCode(q.items[0]!.expr as Expr, scopeOf('r'), null);
    if (!comparable(x.type, y.type)) throw new PlanError(e.pos, `cannot compare ${typeText(x.type)} with the subquery's ${typeText(y.type)} in ${what}`);
    if (anti) parts.push(`((x, y) => $n(x) || $n(y) || $eq(x, y) === true)(${x.code}, ${y.code})`);
    else if (usesWindow(e.arg) || usesWindow(q.items[0]!.expr as Expr)) parts.push(`$eq(${x.code}, ${y.code}) === true`);
    else keys.push({ l: x.code, r: y.code });
  }
  const condition = [...keys.map((k) => `!$n(${k.l})`), ...parts];
  const keyCode = (v: 'l' | 'r') => (keys.length === 0 ? '() => 0' : fn(`(${v}) => JSON.stringify([${keys.map((k) => k[v]).join(', ')}])`));
  const joinId = windowJoinNode(
    job,
    { left: { last: left.last, window: left.window, key: keyCode('l') }, right: { last: right.last, window: right.window, key: keyCode('r') } },
    anti ? 'anti' : 'semi',
    condition.length > 0 ? fn(`(l, r) => ${condition.join(' && ')}`) : undefined,
    `${anti ? 'ANTI' : 'SEMI'} JOIN: ${what}`,
  );
  let last = job.add('semi_rows', 'map', { code: '(j) => j.left' }, joinId, `${outer.name} rows`);
  const rowScope = (c: ColumnExpr) => {
    if (c.qualifier !== undefined && c.qualifier !== outer.name) throw new PlanError(c.pos, `unknown table ${c.qualifier} in ${c.qualifier}.${c.name}; the query reads ${outer.name}`);
    const col = left.columns.find((x) => x.name === c.name);
    if (!col) throw new PlanError(c.pos, `unknown column ${c.name}; ${outer.name} has ${left.columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', col.name), type: col.type };
  };
  if (rest) {
    const w = exprCode(rest, rowScope, null);
    if (w.type.name !== 'BOOLEAN') throw new PlanError(rest.pos, `WHERE needs a condition, but this is ${typeText(w.type)}`);
    last = job.add('where', 'filter', { code: fn(`(r) => ${w.code} === true`) }, last, 'WHERE');
  }
  const out: Column[] = [];
  const select: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') {
      for (const c of left.columns) {
        out.push(c);
        select.push(`${JSON.stringify(c.name)}: ${outputCode(field('r', c.name), c.type)}`);
      }
      return;
    }
    const x = exprCode(item.expr, rowScope, null);
    const name = item.alias ?? itemName(item.expr, i);
    out.push({ name, type: x.type });
    select.push(`${JSON.stringify(name)}: ${outputCode(x.code, x.type)}`);
  });
  last = job.add('select', 'map', { code: fn(`(r) => ({ ${select.join(', ')} })`) }, last, 'SELECT');
  return { columns: out, last };
}

/** The relation of a FROM that is a subquery but no window TVF one: what Eddy cannot plan there. */
export function fromSubqueryError(ref: TableRef): PlanError {
  return new PlanError(ref.pos, 'a subquery in FROM is not supported yet (only a window TVF subquery whose WHERE has an IN / EXISTS subquery over another window TVF: a SEMI / ANTI window join); name a table or a window TVF');
}
