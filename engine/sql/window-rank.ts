/**
 * Window Top-N and window deduplication (Flink's WindowRank / WindowDeduplicate over a window
 * TVF): `SELECT ... FROM (SELECT ..., ROW_NUMBER() OVER (PARTITION BY window_start, window_end
 * [, k ...] ORDER BY c [DESC], ...) AS rownum FROM TABLE(TUMBLE|HOP(...))) WHERE rownum <= N`
 * onto a keyBy on the other partition columns and a window node whose process function sorts
 * the window's rows and emits the first N with their row number, when the watermark passes the
 * window's end. Append-only (+I), like every window TVF result. Ties keep arrival order (a stable
 * sort); NULL sorts first ascending and last descending (NULL is the smallest value: Flink's
 * planner's default null collation, as in the table Top-N), or where `NULLS FIRST` / `NULLS LAST`
 * puts it.
 */
import type { Expr, Select, WindowRank } from './ast.js';
import { exprCode, field, itemName, PlanError } from './codegen.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned, type Table } from './job-builder.js';
import { windowAssigner } from './window-aggregate.js';
import { T, type SqlType } from './types.js';

const WINDOW_COLS = ['window_start', 'window_end', 'window_time'] as const;

export function windowRank(s: Select, r: WindowRank, table: Table, job: JobBuilder, input: string, rowScope: Parameters<typeof exprCode>[1]): Planned {
  const tvf = r.tvf!;
  const assigner = windowAssigner(tvf, table);
  if (tvf.fn === 'CUMULATE' || tvf.fn === 'SESSION') throw new PlanError(tvf.pos, `Window Top-N and window deduplication over ${tvf.fn} are not supported yet; use TUMBLE or HOP`);
  if (s.groupBy || s.groupingSets.length > 0 || s.having) throw new PlanError(s.pos, 'GROUP BY over a Window Top-N is not supported yet');
  // The columns of the ranked relation: the inner select list (its * is the table and the window columns), then the row number.
  const windowCol = (name: string): { code: string; type: SqlType } | null =>
    name === 'window_start' ? { code: 'w.start', type: T.TIMESTAMP3 } : name === 'window_end' ? { code: 'w.end', type: T.TIMESTAMP3 } : name === 'window_time' ? { code: '(w.end - 1)', type: T.TIMESTAMP3 } : null;
  const inner: Array<Column & { code: string }> = [];
  for (const item of r.items) {
    if (item.expr === 'star') {
      for (const c of table.columns) inner.push({ ...c, code: field('r', c.name) });
      for (const name of WINDOW_COLS) inner.push({ name, ...windowCol(name)! });
      continue;
    }
    if (item.expr.kind !== 'column') throw new PlanError(item.pos, 'an expression beside ROW_NUMBER() in the ranked subquery is not supported yet; select columns');
    const name = item.expr.name;
    const w = windowCol(name);
    const c = w ?? rowScope(item.expr);
    inner.push({ name: item.alias ?? name, code: c.code, type: c.type });
  }
  inner.push({ name: r.rankName, code: '(i + 1)', type: T.BIGINT });
  // PARTITION BY must hold window_start and window_end (Flink's rule); the other columns key the stream.
  const names = r.partitionBy.map((p) => p.name);
  if (!names.includes('window_start') || !names.includes('window_end')) throw new PlanError(r.rankPos, 'ROW_NUMBER() over a window TVF must PARTITION BY window_start, window_end (and any key columns)');
  const keys = r.partitionBy.filter((p) => !(WINDOW_COLS as readonly string[]).includes(p.name));
  for (const k of keys) rowScope({ kind: 'column', pos: k.pos, name: k.name });
  for (const o of r.orderBy) if (!windowCol(o.name)) rowScope({ kind: 'column', pos: o.pos, name: o.name });
  const limit = rankLimit(s.where, r);
  let last = input;
  let keyBy: [code: string, name: string] | null = null;
  if (keys.length > 0) {
    const keyCode = keys.length === 1 ? `(r) => r[${JSON.stringify(keys[0]!.name)}]` : `(r) => JSON.stringify([${keys.map((k) => field('r', k.name)).join(', ')}])`;
    keyBy = [keyCode, `PARTITION BY ${keys.map((k) => k.name).join(', ')}`];
  }
  if (r.where) {
    const cond = exprCode(r.where, rowScope, null);
    if (cond.type.name !== 'BOOLEAN') throw new PlanError(r.where.pos, 'WHERE needs a condition');
    last = job.add('where', 'filter', { code: fn(`(r) => ${cond.code} === true`) }, last, 'WHERE');
  }
  const what = limit === 1 && r.orderBy.length === 1 && r.orderBy[0]!.name === tvf.timeCol ? 'window deduplication' : `window Top-${limit}`;
  return rankWindows(s, r, job, last, inner, keyBy, (o, v) => (windowCol(o) ? windowCol(o)!.code : field(v, o)), limit, assigner, `${tvf.fn} ${what}`);
}

/**
 * Window Top-N after a window aggregation (`ROW_NUMBER() OVER (PARTITION BY window_start,
 * window_end ...)` over a `GROUP BY window_start, window_end, ...` subquery over a window TVF).
 * The aggregation emits a window's rows, stamped with its window_time (window_end - 1), when the
 * watermark passes its end and before forwarding that watermark; a 1 ms event-time window keyed by
 * the window and the other partition columns therefore holds exactly one window's rows and fires
 * on the same watermark — Flink's WindowRank on a window attached by the aggregation. `input`
 * is the aggregation: a subquery's plan, or a view of one read (window-topn.md "Window Top-N
 * follows after Window Aggregation").
 */
export function windowRankAfterAggregate(s: Select, r: WindowRank, input: Planned, job: JobBuilder): Planned {
  if (s.groupBy || s.groupingSets.length > 0 || s.having) throw new PlanError(s.pos, 'GROUP BY over a Window Top-N is not supported yet');
  const rowScope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = input.columns.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; the window aggregation has ${input.columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', c.name), type: c.type };
  };
  const inner: Array<Column & { code: string }> = [];
  for (const item of r.items) {
    if (item.expr === 'star') {
      for (const c of input.columns) inner.push({ ...c, code: field('r', c.name) });
      continue;
    }
    if (item.expr.kind !== 'column') throw new PlanError(item.pos, 'an expression beside ROW_NUMBER() in the ranked subquery is not supported yet; select columns');
    const c = rowScope(item.expr);
    inner.push({ name: item.alias ?? item.expr.name, code: c.code, type: c.type });
  }
  inner.push({ name: r.rankName, code: '(i + 1)', type: T.BIGINT });
  const names = r.partitionBy.map((p) => p.name);
  if (!names.includes('window_start') || !names.includes('window_end')) throw new PlanError(r.rankPos, 'ROW_NUMBER() over a window aggregation must PARTITION BY window_start, window_end (and any key columns)');
  for (const p of r.partitionBy) rowScope({ kind: 'column', pos: p.pos, name: p.name });
  for (const o of r.orderBy) rowScope({ kind: 'column', pos: o.pos, name: o.name });
  const limit = rankLimit(s.where, r);
  let last = input.last;
  if (r.where) {
    const cond = exprCode(r.where, rowScope, null);
    if (cond.type.name !== 'BOOLEAN') throw new PlanError(r.where.pos, 'WHERE needs a condition');
    last = job.add('rank_where', 'filter', { code: fn(`(r) => ${cond.code} === true`) }, last, 'WHERE');
  }
  const keyBy: [string, string] = [`(r) => JSON.stringify([${names.map((k) => field('r', k)).join(', ')}])`, `PARTITION BY ${names.join(', ')}`];
  const assigner = { type: 'tumbling', sizeMs: 1, offsetMs: 0, time: 'event' };
  return rankWindows(s, r, job, last, inner, keyBy, (o, v) => field(v, o), limit, assigner, `window Top-${limit}`);
}

/** The outer select list, the keyBy and the window node that sorts each window's rows and emits the first `limit`. */
function rankWindows(s: Select, r: WindowRank, job: JobBuilder, input: string, inner: Array<Column & { code: string }>, keyBy: [string, string] | null, read: (name: string, v: string) => string, limit: number, assigner: Record<string, unknown>, label: string): Planned {
  let last = input;
  // The outer select list, over the ranked relation's columns.
  const scope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = inner.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; the ranked subquery has ${inner.map((x) => x.name).join(', ')}`);
    return { code: c.code, type: c.type };
  };
  const out: Column[] = [];
  const parts: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') {
      for (const c of inner) {
        out.push({ name: c.name, type: c.type });
        parts.push(`${JSON.stringify(c.name)}: ${outputCode(c.code, c.type)}`);
      }
      return;
    }
    const e = exprCode(item.expr, scope, null);
    const name = item.alias ?? itemName(item.expr, i);
    out.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });
  if (keyBy) last = job.add('partition_by', 'keyBy', { code: keyBy[0] }, last, keyBy[1]);
  const order = r.orderBy.map((o) => {
    // NULL is the smallest value (first ascending, last descending) unless NULLS FIRST / LAST says.
    const nullFirst = o.nulls ? o.nulls === 'FIRST' : !o.desc;
    const n = nullFirst ? -1 : 1;
    return `{ const a = ${read(o.name, 'x')}, b = ${read(o.name, 'y')}; if (a !== b) { if ($n(a) || $n(b)) { if (!$n(a)) return ${-n}; if (!$n(b)) return ${n}; } else { const c = a < b ? -1 : a > b ? 1 : 0; if (c !== 0) return ${o.desc ? '-c' : 'c'}; } } }`;
  });
  const body = `(key, w, rows) => { const sorted = rows.slice().sort((x, y) => { ${order.join(' ')} return 0; }); const out = []; for (let i = 0; i < sorted.length && i < ${limit}; i++) { const r = sorted[i]; out.push({ ${parts.join(', ')} }); } return out; }`;
  last = job.add('window_rank', 'window', { assigner, trigger: 'default', allowedLatenessMs: 0, function: { type: 'process', code: fn(body) } }, last, label);
  return { columns: out, last };
}

/** N of `WHERE rownum <= N` (also `< N + 1`, `= 1`); anything else in the outer WHERE is an error naming it. */
function rankLimit(where: Expr | null, r: WindowRank): number {
  const bad = (pos: Expr['pos']) => new PlanError(pos, `a Window Top-N needs WHERE ${r.rankName} <= N (or ${r.rankName} = 1 to deduplicate); other conditions there are not supported yet`);
  if (!where) throw bad(r.rankPos);
  if (where.kind !== 'binary' || where.left.kind !== 'column' || where.left.name !== r.rankName || where.right.kind !== 'literal' || typeof where.right.value !== 'number' || !Number.isInteger(where.right.value)) throw bad(where.pos);
  const n = where.right.value;
  const limit = where.op === '<=' ? n : where.op === '<' ? n - 1 : where.op === '=' && n === 1 ? 1 : Number.NaN;
  if (!(limit >= 1)) throw bad(where.pos);
  return limit;
}
