/**
 * Joins of two tables (Flink's StreamExecJoin and StreamExecIntervalJoin): `a [INNER | LEFT |
 * RIGHT | FULL] JOIN b ON ...`, `a CROSS JOIN b` and `a, b` (inner, its condition in WHERE).
 *
 * The ON condition (and, for an inner join, the WHERE) splits into conjuncts, as Flink's planner
 * does: `a.x = b.y` pairs become the join key; bounds on the two tables' rowtime columns
 * (`b.ts BETWEEN a.ts - INTERVAL .. AND a.ts + INTERVAL ..`, or `>=`/`>`/`<=`/`<` pairs; a strict
 * bound is 1 ms tighter) make it an interval join when both a lower and an upper bound are there;
 * the rest is the join's condition, evaluated on each pair (so it decides which outer rows are
 * padded). Both scans feed a `join.sqlInterval` (append-only) or `join.regular` (a changelog)
 * node keyed by the key columns, whose `{ left, right }` results a `map` flattens into one row
 * with Flink's column names (a right column whose name the left has gets `0` appended: `id0`).
 * Then WHERE (outer joins), GROUP BY or the select list run on that row as on a table's.
 */
import type { Expr, JoinClause, Select, TableRef } from './ast.js';
import { exprCode, field, itemName, PlanError } from './codegen.js';
import { groupAggregate, hasAggregate } from './group-aggregate.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned } from './job-builder.js';
import { isNumeric, isTimestamp, type SqlType, typeText } from './types.js';
import { checkSameWindows, windowJoinNode, type WindowSide } from './window-join.js';

type ColumnExpr = Extract<Expr, { kind: 'column' }>;
type Side = 'left' | 'right';
interface SideColumn {
  side: Side;
  column: Column;
  /** Its name in the flattened row. */
  flat: string;
}

/** One side of a join as the compiler planned it: its columns, last node and rowtime column. */
export interface JoinInput {
  columns: Column[];
  last: string;
  /** The event-time attribute (a table's WATERMARK column), null for a subquery. */
  rowtime: string | null;
  /** A table's PRIMARY KEY columns. */
  primaryKey?: string[] | null;
  /** A window TVF subquery's window (a window join's side). */
  window?: WindowSide;
}

/** `input` scans a table or plans a subquery (once per side, left first). */
export function planJoin(s: Select, j: JoinClause, job: JobBuilder, input: (ref: TableRef) => JoinInput): Planned {
  const left = input(j.left);
  const right = input(j.right);
  job.pinned = undefined;
  const tableOf = { left, right };
  const nameOf = { left: j.left.alias ?? j.left.table, right: j.right.alias ?? j.right.table };
  if (nameOf.left === nameOf.right) throw new PlanError(j.right.pos, `both sides of the join are called ${nameOf.left}; give them different aliases (FROM ${j.left.table} a JOIN ${j.right.table} b ...)`);
  if (s.groupingSets.length > 0) throw new PlanError(s.groupingSets[0]!.pos, 'GROUPING SETS over a join are not supported yet');

  // The flattened row: the left columns, then the right ones, named as Flink names a join's fields.
  const columns: SideColumn[] = [];
  const taken = new Set<string>();
  for (const side of ['left', 'right'] as const) {
    for (const c of tableOf[side].columns) {
      columns.push({ side, column: c, flat: unique(c.name, taken) });
    }
  }
  const resolve = (e: ColumnExpr): SideColumn => {
    if (e.qualifier !== undefined) {
      const side = e.qualifier === nameOf.left || e.qualifier === '$left' ? 'left' : e.qualifier === nameOf.right || e.qualifier === '$right' ? 'right' : null;
      if (side === null) throw new PlanError(e.pos, `unknown table ${e.qualifier} in ${e.qualifier}.${e.name}; the join's tables are ${nameOf.left} and ${nameOf.right}`);
      const c = columns.find((x) => x.side === side && x.column.name === e.name);
      if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; table ${nameOf[side]} has ${tableOf[side].columns.map((x) => x.name).join(', ')}`);
      return c;
    }
    const found = columns.filter((x) => x.column.name === e.name);
    if (found.length === 0) throw new PlanError(e.pos, `unknown column ${e.name}; ${nameOf.left} has ${tableOf.left.columns.map((x) => x.name).join(', ')} and ${nameOf.right} has ${tableOf.right.columns.map((x) => x.name).join(', ')}`);
    if (found.length > 1) throw new PlanError(e.pos, `column ${e.name} is ambiguous: both ${nameOf.left} and ${nameOf.right} have it; write ${nameOf.left}.${e.name} or ${nameOf.right}.${e.name}`);
    return found[0]!;
  };

  // ---- the condition: keys, interval bounds, the rest ----
  const conjuncts = [...splitAnd(j.on), ...(j.type === 'inner' ? splitAnd(s.where) : [])];
  const keys: Array<[SideColumn, SideColumn]> = [];
  const rest: Expr[] = [];
  const bounds: Array<{ e: Expr; lower?: number; upper?: number }> = [];
  const rowtime = (side: Side) => tableOf[side].rowtime;
  for (const c of conjuncts) {
    if (c.kind === 'binary' && c.op === '=' && c.left.kind === 'column' && c.right.kind === 'column') {
      const a = resolve(c.left);
      const b = resolve(c.right);
      if (a.side !== b.side) {
        const pair: [SideColumn, SideColumn] = a.side === 'left' ? [a, b] : [b, a];
        if (!comparable(pair[0].column.type, pair[1].column.type)) throw new PlanError(c.pos, `cannot compare ${typeText(pair[0].column.type)} with ${typeText(pair[1].column.type)} in the join condition`);
        keys.push(pair);
        continue;
      }
    }
    const b = timeBound(c, resolve, rowtime);
    if (b) bounds.push({ e: c, ...b });
    else rest.push(c);
  }
  const windowed = left.window || right.window ? windowJoinKeys(j, keys, rest, left, right) : false;
  const temporal = j.right.asOf !== undefined;
  if (temporal) temporalChecks(j, keys, left, right, resolve);
  if (temporal) rest.push(...bounds.map((b) => b.e));
  if (temporal) bounds.length = 0;
  const lowers = bounds.filter((b) => b.lower !== undefined).map((b) => b.lower!);
  const uppers = bounds.filter((b) => b.upper !== undefined).map((b) => b.upper!);
  const interval = lowers.length > 0 && uppers.length > 0 ? { lowerMs: Math.max(...lowers), upperMs: Math.min(...uppers) } : null;
  if (!interval) rest.push(...bounds.map((b) => b.e));
  if (interval && interval.lowerMs > interval.upperMs) throw new PlanError(bounds[0]!.e.pos, `the time bounds of the join leave no interval (the right rowtime would be from ${interval.lowerMs} ms to ${interval.upperMs} ms after the left one)`);

  // ---- the join node ----
  const leftIn = left.last;
  const rightIn = right.last;
  const keyCode = (side: Side) => (keys.length === 0 ? '() => 0' : `(r) => JSON.stringify([${keys.map((k) => field('r', k[side === 'left' ? 0 : 1].column.name)).join(', ')}])`);
  // The rest of the condition, over (l, r); a NULL key joins nothing (SQL's = is never TRUE on NULL).
  const pairScope = (e: ColumnExpr) => {
    const c = resolve(e);
    return { code: field(c.side === 'left' ? 'l' : 'r', c.column.name), type: c.column.type };
  };
  const parts = keys.map((k) => `!$n(${field('l', k[0].column.name)})`);
  for (const e of rest) {
    const c = exprCode(e, pairScope, null);
    if (c.type.name !== 'BOOLEAN') throw new PlanError(e.pos, `the join condition needs a condition, but this is ${typeText(c.type)}`);
    parts.push(`${c.code} === true`);
  }
  const params: Record<string, unknown> = { type: j.type, leftKey: keyCode('left'), rightKey: keyCode('right'), ...(parts.length > 0 ? { condition: fn(`(l, r) => ${parts.join(' && ')}`) } : {}) };
  const what = `${j.type.toUpperCase()} JOIN ${nameOf.left}, ${nameOf.right}${keys.length > 0 ? ` ON ${keys.map((k) => `${k[0].column.name} = ${k[1].column.name}`).join(', ')}` : ''}`;
  const joinId = windowed
    ? windowJoinNode(job, { left: { last: leftIn, window: left.window!, key: keyCode('left') }, right: { last: rightIn, window: right.window!, key: keyCode('right') } }, j.type, params.condition as string | undefined, what)
    : temporal
    ? job.add('join', 'join.temporal', params, null, `temporal ${what} (FOR SYSTEM_TIME AS OF)`)
    : interval
      ? job.add('join', 'join.sqlInterval', { ...interval, ...params }, null, `interval ${what}`)
      : job.add('join', 'join.regular', params, null, `regular ${what} (changelog)`);
  if (!windowed) job.edges.push({ from: leftIn, to: joinId, toPort: 'in1' }, { from: rightIn, to: joinId, toPort: 'in2' });
  const flat = columns.map((c) => `${JSON.stringify(c.flat)}: ${c.side === 'left' ? 'l' : 'r'} === null ? null : ${field(c.side === 'left' ? 'l' : 'r', c.column.name)}`);
  let last = job.add('joined', 'map', { code: `(j) => { const l = j.left, r = j.right; return { ${flat.join(', ')} }; }` }, joinId, 'joined row');

  // ---- WHERE (outer joins), GROUP BY or the select list, over the flattened row ----
  const flatScope = (e: ColumnExpr) => {
    const c = columns.find((x) => x.flat === e.name)!;
    return { code: field('r', c.flat), type: c.column.type };
  };
  const toFlat = (e: Expr): Expr => rewriteColumns(e, (c) => ({ kind: 'column', pos: c.pos, name: resolve(c).flat }));
  const outNames = new Set<string>();
  const items = s.items.map((item) => {
    if (item.expr === 'star') return item;
    const alias = item.alias ?? (item.expr.kind === 'column' ? item.expr.name : null);
    return { ...item, expr: toFlat(item.expr), alias: alias === null ? null : unique(alias, outNames) };
  });
  const flatSelect: Select = {
    ...s,
    items,
    where: null,
    groupBy: s.groupBy ? s.groupBy.map(toFlat) : null,
    groupingSets: [],
    having: s.having ? toFlat(s.having) : null,
  };
  if (s.where && j.type !== 'inner') {
    const w = exprCode(toFlat(s.where), flatScope, null);
    if (w.type.name !== 'BOOLEAN') throw new PlanError(s.where.pos, `WHERE needs a condition, but this is ${typeText(w.type)}`);
    last = job.add('where', 'filter', { code: fn(`(r) => ${w.code} === true`) }, last, 'WHERE');
  }
  if (flatSelect.groupBy || flatSelect.having || flatSelect.items.some((i) => i.expr !== 'star' && hasAggregate(i.expr))) return groupAggregate(flatSelect, job, last, flatScope);
  const out: Column[] = [];
  const select: string[] = [];
  flatSelect.items.forEach((item, i) => {
    if (item.expr === 'star') {
      for (const c of columns) {
        out.push({ name: c.flat, type: c.column.type });
        select.push(`${JSON.stringify(c.flat)}: ${outputCode(field('r', c.flat), c.column.type)}`);
      }
      return;
    }
    const e = exprCode(item.expr, flatScope, null);
    const name = item.alias ?? itemName(item.expr, i);
    out.push({ name, type: e.type });
    select.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });
  last = job.add('select', 'map', { code: fn(`(r) => ({ ${select.join(', ')} })`) }, last, 'SELECT');
  return { columns: out, last };
}

/**
 * An event-time temporal join (`JOIN r FOR SYSTEM_TIME AS OF l.rowtime`) as Flink accepts it: INNER
 * or LEFT, AS OF the left table's rowtime, a versioned right table (a rowtime and a PRIMARY KEY)
 * whose key columns are all among the equality conditions.
 */
function temporalChecks(j: JoinClause, keys: Array<[SideColumn, SideColumn]>, left: JoinInput, right: JoinInput, resolve: (c: ColumnExpr) => SideColumn): void {
  const asOf = j.right.asOf!;
  if (j.type !== 'inner' && j.type !== 'left') throw new PlanError(j.pos, `a temporal join (FOR SYSTEM_TIME AS OF) is INNER or LEFT only, not ${j.type.toUpperCase()}`);
  if (asOf.kind !== 'column') throw new PlanError(asOf.pos, 'FOR SYSTEM_TIME AS OF needs the left table\'s rowtime column (processing-time temporal joins are not supported yet)');
  const c = resolve(asOf);
  if (c.side !== 'left' || left.rowtime !== c.column.name) throw new PlanError(asOf.pos, `FOR SYSTEM_TIME AS OF needs the left table's rowtime (its WATERMARK column${left.rowtime ? `, ${left.rowtime}` : ''}), not ${c.column.name}`);
  if (right.rowtime === null) throw new PlanError(j.right.pos, `${j.right.table} is not a versioned table: it needs a WATERMARK (its versions' time)`);
  if (!right.primaryKey || right.primaryKey.length === 0) throw new PlanError(j.right.pos, `${j.right.table} is not a versioned table: it needs a PRIMARY KEY (col) NOT ENFORCED`);
  const joined = new Set(keys.map((k) => k[1].column.name));
  const missing = right.primaryKey.filter((k) => !joined.has(k));
  if (missing.length > 0) throw new PlanError(j.right.pos, `a temporal join's equality conditions must be on the versioned table's primary key (${right.primaryKey.join(', ')})${missing.length > 0 ? `; ${missing.join(', ')} is not joined` : ''}`);
}

/**
 * A join of window TVF subqueries is a window join when its ON equates both window_start and
 * window_end (Flink's requirement): those equalities leave the keys; any other key on a window
 * column becomes part of the condition (the window columns are set in the join).
 */
function windowJoinKeys(j: JoinClause, keys: Array<[SideColumn, SideColumn]>, rest: Expr[], left: JoinInput, right: JoinInput): true {
  if (!left.window || !right.window) throw new PlanError((left.window ? j.right : j.left).pos, 'a window TVF joined with a table that is not one is not supported yet; a window join joins two window TVF subqueries ON L.window_start = R.window_start AND L.window_end = R.window_end');
  checkSameWindows(left.window, right.window);
  const isWindowCol = (c: SideColumn) => Object.values((c.side === 'left' ? left : right).window!.names).includes(c.column.name);
  const role = (c: SideColumn) => Object.entries((c.side === 'left' ? left : right).window!.names).find(([, n]) => n === c.column.name)?.[0];
  let start = false;
  let end = false;
  for (let i = keys.length - 1; i >= 0; i--) {
    const [l, r] = keys[i]!;
    if (!isWindowCol(l) && !isWindowCol(r)) continue;
    keys.splice(i, 1);
    if (role(l) === 'start' && role(r) === 'start') start = true;
    else if (role(l) === 'end' && role(r) === 'end') end = true;
    else rest.push({ kind: 'binary', pos: j.pos, op: '=', left: { kind: 'column', pos: j.pos, name: l.column.name, qualifier: '$left' }, right: { kind: 'column', pos: j.pos, name: r.column.name, qualifier: '$right' } });
  }
  if (!start || !end) throw new PlanError(j.pos, 'a join of two window TVFs needs L.window_start = R.window_start AND L.window_end = R.window_end in its ON (a window join: Flink requires both equalities)');
  return true;
}

/** Calcite's uniquify: `name`, else `name0`, `name1`, … — the first one not taken (then taken). */
function unique(name: string, taken: Set<string>): string {
  let n = name;
  for (let i = 0; taken.has(n); i++) n = `${name}${i}`;
  taken.add(n);
  return n;
}

function splitAnd(e: Expr | null): Expr[] {
  if (e === null) return [];
  if (e.kind === 'binary' && e.op === 'AND') return [...splitAnd(e.left), ...splitAnd(e.right)];
  return [e];
}

function comparable(a: SqlType, b: SqlType): boolean {
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isTimestamp(a) && isTimestamp(b)) return true;
  return a.name === b.name || a.name === 'NULL' || b.name === 'NULL';
}

/** Every column reference of `e` replaced by `f`'s (any expression kind: the walk is generic). */
function rewriteColumns(e: Expr, f: (c: ColumnExpr) => Expr): Expr {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (o.kind === 'column' && typeof o.name === 'string' && 'pos' in o) return f(o as ColumnExpr);
    if ('line' in o && 'column' in o && Object.keys(o).length === 2) return o;
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(o)) copy[k] = walk(o[k]);
    return copy;
  };
  return walk(e) as Expr;
}

/**
 * A bound on (right rowtime − left rowtime) from one conjunct comparing the two tables' rowtime
 * columns (each optionally ± an INTERVAL): `{ lower }`, `{ upper }` or both (BETWEEN); null when
 * the conjunct is something else.
 */
function timeBound(e: Expr, resolve: (c: ColumnExpr) => SideColumn, rowtime: (side: Side) => string | null): { lower?: number; upper?: number } | null {
  // A rowtime column plus an offset in ms.
  const term = (x: Expr): { side: Side; offset: number } | null => {
    if (x.kind === 'column') {
      const c = resolve(x);
      return rowtime(c.side) === c.column.name ? { side: c.side, offset: 0 } : null;
    }
    if (x.kind === 'binary' && (x.op === '+' || x.op === '-') && x.right.kind === 'interval') {
      const t = term(x.left);
      return t ? { side: t.side, offset: t.offset + (x.op === '+' ? x.right.ms : -x.right.ms) } : null;
    }
    if (x.kind === 'binary' && x.op === '+' && x.left.kind === 'interval') {
      const t = term(x.right);
      return t ? { side: t.side, offset: t.offset + x.left.ms } : null;
    }
    return null;
  };
  // `a op b` as a bound on d = right − left.
  const compare = (a: Expr, op: string, b: Expr): { lower?: number; upper?: number } | null => {
    const ta = term(a);
    const tb = term(b);
    if (!ta || !tb || ta.side === tb.side) return null;
    // a.t + oa  op  b.t + ob; with d = right − left.
    let dOp = op;
    let c: number;
    if (ta.side === 'right') c = tb.offset - ta.offset; // d op c
    else {
      c = ta.offset - tb.offset; // left − right op −c … so d flip(op) c
      dOp = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' }[op]!;
    }
    if (dOp === '>=') return { lower: c };
    if (dOp === '>') return { lower: c + 1 };
    if (dOp === '<=') return { upper: c };
    if (dOp === '<') return { upper: c - 1 };
    return null;
  };
  if (e.kind === 'binary' && ['>=', '>', '<=', '<'].includes(e.op)) return compare(e.left, e.op, e.right);
  if (e.kind === 'between' && !e.not) {
    const lo = compare(e.arg, '>=', e.low);
    const hi = compare(e.arg, '<=', e.high);
    if (lo && hi) return { ...lo, ...hi };
  }
  return null;
}

