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
import { rewriteColumns, timeBound } from './join-time-bound.js';
import { checkSameWindows, windowJoinNode, type WindowSide } from './window-join.js';

type ColumnExpr = Extract<Expr, { kind: 'column' }>;
type Side = 'left' | 'right';
interface SideColumn {
  /** USING / NATURAL: the merged column of these two (its `column` is the left one's). */
  merge?: { left: string; right: string };
  /** Not in `SELECT *` (a USING column's two sides: the merged one stands for them). */
  hidden?: boolean;
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
  /** A table's processing-time attribute (`c AS PROCTIME()`). */
  proctime?: string | null;
  /** A table's PRIMARY KEY columns. */
  primaryKey?: string[] | null;
  /** A nested join's event-time attributes (else `rowtime`). */
  rowtimes?: string[];
  /** A window TVF subquery's window (a window join's side). */
  window?: WindowSide;
}

/** The row a join makes, before the select list: its flattened columns and how names resolve. */
interface JoinRows {
  columns: SideColumn[];
  last: string;
  /** The event-time attributes the joined row keeps (flat names): none yet. */
  rowtimes: string[];
  /** The rowtimes Flink keeps through this join (an interval join's two, a temporal join's left one; flat names), which Eddy's joins cannot read yet. */
  flinkRowtimes?: string[];
  /** Whether this join is a window join (its rows are emitted per window, append-only). */
  windowed?: boolean;
  /** qualifier → column name → flat name. */
  tables: Map<string, Map<string, string>>;
  /** This join's USING / NATURAL columns merged into one: name → flat name (Calcite: in a join on top, the name is ambiguous again). */
  merged: Map<string, string>;
}

/** `input` scans a table or plans a subquery (once per side, left first). */
export function planJoin(s: Select, j: JoinClause, job: JobBuilder, input: (ref: TableRef) => JoinInput): Planned {
  if (s.groupingSets.length > 0) throw new PlanError(s.groupingSets[0]!.pos, 'GROUPING SETS over a join are not supported yet');
  const rows = joinRows(j, job, input, j.type === 'inner' ? splitAnd(s.where) : []);
  const columns = rows.columns;
  // The top join's row as a one-table scope: unqualified merged names, then qualified / unique ones.
  const flatOf = (e: ColumnExpr): SideColumn => {
    const merged = e.qualifier === undefined ? rows.merged.get(e.name) : undefined;
    if (merged !== undefined) return columns.find((c) => c.flat === merged)!;
    const hits: string[] = [];
    for (const [q, names] of rows.tables) if ((e.qualifier === undefined || e.qualifier === q) && names.has(e.name)) hits.push(names.get(e.name)!);
    if (e.qualifier !== undefined && !rows.tables.has(e.qualifier)) throw new PlanError(e.pos, `unknown table ${e.qualifier} in ${e.qualifier}.${e.name}; the join's tables are ${[...rows.tables.keys()].join(', ')}`);
    if (hits.length === 0) throw new PlanError(e.pos, `unknown column ${e.name}; ${describeTables(rows.tables)}`);
    if (hits.length > 1) throw new PlanError(e.pos, ambiguous(e.name, rows.tables));
    return columns.find((c) => c.flat === hits[0])!;
  };
  let last = rows.last;
  // ---- WHERE (outer joins), GROUP BY or the select list, over the flattened row ----
  const flatScope = (e: ColumnExpr) => {
    const c = columns.find((x) => x.flat === e.name)!;
    return { code: field('r', c.flat), type: c.column.type };
  };
  const toFlat = (e: Expr): Expr => rewriteColumns(e, (c) => ({ kind: 'column', pos: c.pos, name: flatOf(c).flat }));
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
        if (c.hidden) continue;
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
  return { columns: out, last, ...(rows.windowed ? { windowJoin: true } : {}) };
}

/** The qualifiers a join's tables are known by, left-deep. */
function qualifiersOf(j: JoinClause): string[] {
  const name = (r: TableRef): string[] => (r.join ? qualifiersOf(r.join) : [r.alias ?? r.table]);
  return [...name(j.left), ...name(j.right)];
}

/** Whether every column `e` names is qualified by one of `names`. */
function onlyFrom(e: Expr, names: Set<string>): boolean {
  let only = true;
  let any = false;
  rewriteColumns(e, (c) => {
    any = true;
    if (c.qualifier === undefined || !names.has(c.qualifier)) only = false;
    return c;
  });
  return only && any;
}

/**
 * Plans `j` up to its flattened row. `extra`: conjuncts of an enclosing inner join's WHERE (or
 * ON) for this inner join; those naming only the tables of an inner join on the left go down to
 * it, as Flink's planner pushes predicates, so each join gets its own keys and time bounds.
 */
function joinRows(j: JoinClause, job: JobBuilder, input: (ref: TableRef) => JoinInput, extra: Expr[]): JoinRows {
  const all = [...splitAnd(j.on), ...extra];
  const nested = j.left.join;
  const down = nested && nested.type === 'inner' && j.type === 'inner' ? new Set(qualifiersOf(nested)) : null;
  const conjuncts = down ? all.filter((c) => !onlyFrom(c, down)) : all;
  const inner = nested ? joinRows(nested, job, input, down ? all.filter((c) => onlyFrom(c, down)) : []) : null;
  const left: JoinInput = inner ? { columns: inner.columns.map((c) => ({ name: c.flat, type: c.column.type })), last: inner.last, rowtime: inner.rowtimes[0] ?? null, rowtimes: inner.rowtimes } : input(j.left);
  const right = input(j.right);
  job.pinned = undefined;
  const tableOf = { left, right };
  // qualifier → column name → the column's name in that side's row.
  const tablesOf = (side: Side): Map<string, Map<string, string>> => {
    if (side === 'left' && inner) return inner.tables;
    const ref = side === 'left' ? j.left : j.right;
    return new Map([[ref.alias ?? ref.table, new Map(tableOf[side].columns.map((c) => [c.name, c.name]))]]);
  };
  const sideTables = { left: tablesOf('left'), right: tablesOf('right') };
  const allTables = new Map([...sideTables.left, ...sideTables.right]);
  for (const q of sideTables.right.keys()) {
    if (sideTables.left.has(q)) throw new PlanError(j.right.pos, `both sides of the join are called ${q}; give them different aliases (FROM ${q} a JOIN ${j.right.table} b ...)`);
  }
  const hiddenLeft = new Set(inner ? inner.columns.filter((c) => c.hidden).map((c) => c.flat) : []);

  // The flattened row: the USING columns merged, the left columns, then the right ones, named as Flink names a join's fields.
  const using = usingColumns(j, left, right, inner?.merged ?? null, hiddenLeft);
  const columns: SideColumn[] = [];
  const taken = new Set<string>();
  for (const u of using) columns.push({ side: j.type === 'right' ? 'right' : 'left', column: { name: u.left, type: left.columns.find((c) => c.name === u.left)!.type }, flat: unique(u.name, taken), merge: { left: u.left, right: u.right } });
  const usingOf = { left: new Set(using.map((u) => u.left)), right: new Set(using.map((u) => u.right)) };
  for (const side of ['left', 'right'] as const) {
    for (const c of tableOf[side].columns) {
      const hidden = usingOf[side].has(c.name) || (side === 'left' && hiddenLeft.has(c.name));
      columns.push({ side, column: c, flat: '', ...(hidden ? { hidden } : {}) });
    }
  }
  // Visible columns take their names first, so hidden ones never push a visible one to `id0`.
  for (const c of columns) if (!c.merge && !c.hidden) c.flat = unique(c.column.name, taken);
  for (const c of columns) if (c.hidden) c.flat = unique(`${c.column.name}$`, taken);
  const col = (side: Side, name: string) => columns.find((x) => x.side === side && !x.merge && x.column.name === name)!;
  const flatName = (side: Side) => (name: string) => col(side, name).flat;
  const mergedHere = new Map(using.map((u) => [u.name, u]));

  /** A column in a condition on (l, r): a merged USING column reads its left (RIGHT JOIN: right) column. */
  const resolve = (e: ColumnExpr): SideColumn => {
    if (e.qualifier === '$left' || e.qualifier === '$right') return col(e.qualifier === '$left' ? 'left' : 'right', e.name);
    const u = e.qualifier === undefined ? mergedHere.get(e.name) : undefined;
    if (u) return j.type === 'right' ? col('right', u.right) : col('left', u.left);
    const hits: SideColumn[] = [];
    for (const side of ['left', 'right'] as const) {
      for (const [q, names] of sideTables[side]) {
        if (e.qualifier !== undefined && e.qualifier !== q) continue;
        const n = names.get(e.name);
        if (n !== undefined) hits.push(col(side, n));
      }
    }
    if (e.qualifier !== undefined && !allTables.has(e.qualifier)) throw new PlanError(e.pos, `unknown table ${e.qualifier} in ${e.qualifier}.${e.name}; the join's tables are ${[...allTables.keys()].join(', ')}`);
    if (hits.length === 0) throw new PlanError(e.pos, `unknown column ${e.name}; ${describeTables(e.qualifier !== undefined ? new Map([[e.qualifier, allTables.get(e.qualifier)!]]) : allTables)}`);
    if (hits.length > 1) throw new PlanError(e.pos, ambiguous(e.name, allTables));
    return hits[0]!;
  };

  // ---- the condition: keys, interval bounds, the rest ----
  const keys: Array<[SideColumn, SideColumn]> = using.map((u) => [col('left', u.left), col('right', u.right)]);
  for (const k of keys) if (!comparable(k[0].column.type, k[1].column.type)) throw new PlanError(j.pos, `cannot compare ${typeText(k[0].column.type)} with ${typeText(k[1].column.type)} in USING (${k[0].column.name})`);
  const rest: Expr[] = [];
  const bounds: Array<{ e: Expr; lower?: number; upper?: number }> = [];
  const rowtime = (side: Side): string[] => tableOf[side].rowtimes ?? (tableOf[side].rowtime === null ? [] : [tableOf[side].rowtime!]);
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
  const windowed = isWindowJoin(keys, left, right) ? windowJoinKeys(j, keys, rest, left, right) : false;
  const temporal = j.right.asOf !== undefined;
  if (inner?.flinkRowtimes) refuseTimeJoinOnTop(j, conjuncts, inner.flinkRowtimes, resolve, rowtime);
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
  const what = `${j.type.toUpperCase()} JOIN ${[...sideTables.left.keys()].join(' ⋈ ')}, ${[...sideTables.right.keys()].join(', ')}${keys.length > 0 ? ` ON ${keys.map((k) => `${k[0].column.name} = ${k[1].column.name}`).join(', ')}` : ''}`;
  const joinId = windowed
    ? windowJoinNode(job, { left: { last: leftIn, window: left.window!, key: keyCode('left') }, right: { last: rightIn, window: right.window!, key: keyCode('right') } }, j.type, params.condition as string | undefined, what)
    : temporal
    ? job.add('join', 'join.temporal', params, null, `temporal ${what} (FOR SYSTEM_TIME AS OF)`)
    : interval
      ? job.add('join', 'join.sqlInterval', { ...interval, ...params }, null, `interval ${what}`)
      : job.add('join', 'join.regular', params, null, `regular ${what} (changelog)`);
  if (!windowed) job.edges.push({ from: leftIn, to: joinId, toPort: 'in1' }, { from: rightIn, to: joinId, toPort: 'in2' });
  const read = (side: Side, name: string) => `(${side === 'left' ? 'l' : 'r'} === null ? null : ${field(side === 'left' ? 'l' : 'r', name)})`;
  // A merged USING column is COALESCE(left, right): the left's for INNER/LEFT, the right's for RIGHT, either for FULL.
  const flat = columns.map((c) => `${JSON.stringify(c.flat)}: ${c.merge ? `(${read('left', c.merge.left)} ?? ${read('right', c.merge.right)})` : read(c.side, c.column.name)}`);
  const last = job.add('joined', 'map', { code: `(j) => { const l = j.left, r = j.right; return { ${flat.join(', ')} }; }` }, joinId, 'joined row');
  // The join operators read a row's rowtime from its record timestamp, which a joined row does not
  // carry per column: a join on top of a join is regular (its time bounds a condition on each pair).
  const rowtimes: string[] = [];
  const tables = new Map<string, Map<string, string>>();
  for (const side of ['left', 'right'] as const) {
    for (const [q, names] of sideTables[side]) tables.set(q, new Map([...names].map(([n, inSide]) => [n, flatName(side)(inSide)])));
  }
  const mergedOut = new Map<string, string>();
  for (const u of using) mergedOut.set(u.name, columns.find((c) => c.merge?.left === u.left)!.flat);
  const kept = temporal ? rowtime('left').map(flatName('left')) : interval ? [...rowtime('left').map(flatName('left')), ...rowtime('right').map(flatName('right'))] : [];
  return { columns, last, rowtimes, tables, merged: mergedOut, ...(windowed ? { windowed: true } : {}), ...(kept.length > 0 ? { flinkRowtimes: kept } : {}) };
}

/**
 * A join on top of an interval or temporal join whose time condition or FOR SYSTEM_TIME AS OF
 * names a rowtime Flink keeps through that join: Flink plans an interval / temporal join there
 * (append-only), while Eddy's join operators read a row's rowtime from its record timestamp,
 * which a joined row does not carry per column — refused rather than run as a regular join.
 * (On top of a regular join Flink materializes the rowtimes too: a regular join, as Eddy's.)
 */
function refuseTimeJoinOnTop(j: JoinClause, conjuncts: Expr[], kept: string[], resolve: (c: ColumnExpr) => SideColumn, rowtime: (side: Side) => string[]): void {
  const keptOf = (side: Side) => (side === 'left' ? kept : rowtime('right'));
  const bounds = conjuncts.map((c) => timeBound(c, resolve, keptOf)).filter((b) => b !== null);
  const asOf = j.right.asOf;
  const asOfKept = asOf?.kind === 'column' && (() => {
    const c = resolve(asOf);
    return c.side === 'left' && kept.includes(c.column.name);
  })();
  if (!asOfKept && !(bounds.some((b) => b.lower !== undefined) && bounds.some((b) => b.upper !== undefined))) return;
  const what = asOfKept ? 'a temporal join (FOR SYSTEM_TIME AS OF)' : 'an interval join (time bounds on both rowtimes)';
  throw new PlanError(j.pos, `${what} on top of an interval or temporal join is not supported yet: Flink keeps the rowtime through the join below and runs this one as ${asOfKept ? 'a temporal' : 'an interval'} join (append-only), which Eddy cannot yet: its joins read a row's rowtime from its record, and a joined row carries none per column`);
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
  if (c.side !== 'left' || !(left.rowtimes ?? [left.rowtime]).includes(c.column.name)) throw new PlanError(asOf.pos, `FOR SYSTEM_TIME AS OF needs the left table's rowtime (its WATERMARK column${left.rowtime ? `, ${left.rowtime}` : ''}), not ${c.column.name}`);
  if (right.rowtime === null) throw new PlanError(j.right.pos, `${j.right.table} is not a versioned table: it needs a WATERMARK (its versions' time)`);
  if (!right.primaryKey || right.primaryKey.length === 0) throw new PlanError(j.right.pos, `${j.right.table} is not a versioned table: it needs a PRIMARY KEY (col) NOT ENFORCED`);
  const joined = new Set(keys.map((k) => k[1].column.name));
  const missing = right.primaryKey.filter((k) => !joined.has(k));
  if (missing.length > 0) throw new PlanError(j.right.pos, `a temporal join's equality conditions must be on the versioned table's primary key (${right.primaryKey.join(', ')})${missing.length > 0 ? `; ${missing.join(', ')} is not joined` : ''}`);
}

/**
 * Whether Flink plans a window join (WindowJoinUtil.satisfyWindowJoin): a window TVF side always
 * (Flink has no other join of one; windowJoinKeys says what is missing); window aggregations on
 * both sides when they have the same windows and the ON equates both window_start and window_end.
 * Otherwise — one equality, different windows, one side not windowed — Flink 2.3 joins them as a
 * regular join (a changelog), and so does Eddy.
 */
function isWindowJoin(keys: Array<[SideColumn, SideColumn]>, left: JoinInput, right: JoinInput): boolean {
  if ((left.window && !left.window.attached) || (right.window && !right.window.attached)) return true;
  if (!left.window || !right.window || JSON.stringify(left.window.assigner) !== JSON.stringify(right.window.assigner)) return false;
  const role = (c: SideColumn) => Object.entries((c.side === 'left' ? left : right).window!.names).find(([, n]) => n === c.column.name)?.[0];
  const equated = (r: string) => keys.some(([a, b]) => role(a) === r && role(b) === r);
  return equated('start') && equated('end');
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

/**
 * The columns `USING (a, b)` names (each in both sides), or NATURAL JOIN's: every column name the
 * two sides share. `name` is the merged column's; `left`/`right` each side's column in its row.
 */
function usingColumns(j: JoinClause, left: JoinInput, right: JoinInput, innerMerged: Map<string, string> | null, hiddenLeft: Set<string>): Array<{ name: string; left: string; right: string }> {
  // The left's visible column names: a nested join's merged names, then its other visible columns.
  const leftNames = new Map<string, string>();
  for (const c of left.columns) if (!hiddenLeft.has(c.name)) leftNames.set(c.name, c.name);
  for (const [n, f] of innerMerged ?? []) leftNames.set(n, f);
  const rightNames = new Set(right.columns.map((c) => c.name));
  if (j.natural) {
    if (j.on) throw new PlanError(j.pos, 'a NATURAL JOIN has no ON condition');
    return [...leftNames.keys()].filter((n) => rightNames.has(n)).map((n) => ({ name: n, left: leftNames.get(n)!, right: n }));
  }
  return (j.using ?? []).map((u) => {
    if (!leftNames.has(u.name)) throw new PlanError(u.pos, `column ${u.name} of USING is not a column of the left side (${[...leftNames.keys()].join(', ')})`);
    if (!rightNames.has(u.name)) throw new PlanError(u.pos, `column ${u.name} of USING is not a column of ${j.right.alias ?? j.right.table} (${[...rightNames].join(', ')})`);
    return { name: u.name, left: leftNames.get(u.name)!, right: u.name };
  });
}

function describeTables(tables: Map<string, Map<string, string>>): string {
  return [...tables].map(([q, names]) => `${q} has ${[...names.keys()].join(', ')}`).join(' and ');
}

function ambiguous(name: string, tables: Map<string, Map<string, string>>): string {
  const having = [...tables].filter(([, names]) => names.has(name)).map(([q]) => q);
  return `column ${name} is ambiguous: ${having.length === 2 ? 'both' : 'all of'} ${having.join(having.length === 2 ? ' and ' : ', ')} have it; write ${having.map((q) => `${q}.${name}`).join(' or ')}`;
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
