/**
 * Top-N and deduplication over a table (Flink's StreamExecRank / StreamExecDeduplicate):
 * `SELECT ... FROM (SELECT ..., ROW_NUMBER() OVER (PARTITION BY k ORDER BY c [DESC], ...) AS rownum
 * FROM t [WHERE ...]) WHERE rownum <= N` onto a keyBy on the PARTITION BY columns (none: one key)
 * and a `rank` node, then the outer select list as a map (which keeps each row's kind). The
 * result is a changelog: Top-N without `rownum` in the select list emits `+I` and `-D`, with it
 * `-U`/`+U` as ranks shift (Flink's AppendOnlyTopNFunction; over a changelog input its
 * RetractableTopNFunction, with or without `rownum`). `rownum = 1` ordered by the table's
 * rowtime, without `rownum` in the select list, is a deduplication: ASC keeps the first row,
 * append-only, emitted when the watermark reaches it; DESC the last, `+I` then `-U`/`+U`. Ordered
 * by a processing-time attribute (`c AS PROCTIME()`) arrival order decides, at once.
 */
import type { Expr, Select, WindowRank } from './ast.js';
import { exprCode, field, itemName, PlanError } from './codegen.js';
import type { JoinInput } from './join.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned } from './job-builder.js';
import { T, typeText } from './types.js';

/** `changelog`: the input is a subquery whose rows may be retracted (Flink's RetractableTopNFunction). */
export function planRank(s: Select, r: WindowRank, input: JoinInput, job: JobBuilder, changelog = false): Planned {
  if (s.groupBy || s.groupingSets.length > 0 || s.having) throw new PlanError(s.pos, 'GROUP BY over a Top-N is not supported yet');
  const tableName = r.table!.alias ?? r.table!.table;
  const rowScope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = input.columns.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; table ${tableName} has ${input.columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', c.name), type: c.type };
  };
  // The ranked relation's columns: the inner select list (columns or *), then the row number.
  const inner: Array<Column & { source: string | null }> = [];
  for (const item of r.items) {
    if (item.expr === 'star') {
      for (const c of input.columns) inner.push({ ...c, source: c.name });
      continue;
    }
    if (item.expr.kind !== 'column') throw new PlanError(item.pos, 'an expression beside ROW_NUMBER() in the ranked subquery is not supported yet; select columns');
    const c = rowScope(item.expr);
    inner.push({ name: item.alias ?? item.expr.name, type: c.type, source: item.expr.name });
  }
  inner.push({ name: r.rankName, type: T.BIGINT, source: null });
  const keys = r.partitionBy.map((p) => {
    rowScope({ kind: 'column', pos: p.pos, name: p.name });
    return p.name;
  });
  for (const o of r.orderBy) {
    rowScope({ kind: 'column', pos: o.pos, name: o.name });
  }
  const limit = rankLimit(s.where, r);
  // The outer select list, over the ranked relation; does it show the row number?
  const scope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = inner.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; the ranked subquery has ${inner.map((x) => x.name).join(', ')}`);
    return { code: c.source === null ? field('r', '$rownum') : field('r', c.source), type: c.type };
  };
  let numbered = false;
  const out: Column[] = [];
  const parts: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') {
      numbered = true;
      for (const c of inner) {
        out.push({ name: c.name, type: c.type });
        parts.push(`${JSON.stringify(c.name)}: ${outputCode(c.source === null ? field('r', '$rownum') : field('r', c.source), c.type)}`);
      }
      return;
    }
    const e = exprCode(item.expr, scope, null);
    if (e.code.includes(JSON.stringify('$rownum'))) numbered = true;
    const name = item.alias ?? itemName(item.expr, i);
    out.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });
  let last = input.last;
  if (r.where) {
    const w = exprCode(r.where, rowScope, null);
    if (w.type.name !== 'BOOLEAN') throw new PlanError(r.where.pos, `WHERE needs a condition, but this is ${typeText(w.type)}`);
    last = job.add('where', 'filter', { code: fn(`(r) => ${w.code} === true`) }, last, 'WHERE');
  }
  job.pinned = undefined;
  const keyCode = keys.length === 0 ? '() => 0' : `(r) => JSON.stringify([${keys.map((k) => field('r', k)).join(', ')}])`;
  last = job.add('partition_by', 'keyBy', { code: keyCode }, last, keys.length > 0 ? `PARTITION BY ${keys.join(', ')}` : 'one partition');
  const byRowtime = r.orderBy.length === 1 && input.rowtime !== null && r.orderBy[0]!.name === input.rowtime;
  const byProctime = r.orderBy.length === 1 && !!input.proctime && r.orderBy[0]!.name === input.proctime;
  const deduplicate = limit === 1 && (byRowtime || byProctime) && !numbered;
  const orderBy = r.orderBy.map((o) => ({ field: o.name, desc: o.desc, ...(o.nulls ? { nulls: o.nulls === 'FIRST' ? 'first' : 'last' } : {}) }));
  if (deduplicate) {
    last = job.add('deduplicate', 'rank', { orderBy, limit: 1, deduplicate: true, ...(byProctime ? { time: 'processing' } : {}) }, last, `Deduplicate (keep ${orderBy[0]!.desc ? 'last' : 'first'} row by ${orderBy[0]!.field}${byProctime ? ', processing time' : ''})`);
  } else {
    last = job.add('rank', 'rank', { orderBy, limit, ...(numbered ? { rankNumber: '$rownum' } : {}), ...(changelog ? { retract: true } : {}) }, last, `Top-${limit}${numbered ? ' with row numbers' : ''}${changelog ? ' (retractable)' : ''}`);
  }
  last = job.add('select', 'map', { code: fn(`(r) => ({ ${parts.join(', ')} })`) }, last, 'SELECT');
  return { columns: out, last };
}

/** N of `WHERE rownum <= N` (also `< N + 1`, `= 1`). */
function rankLimit(where: Expr | null, r: WindowRank): number {
  const bad = (pos: Expr['pos']) => new PlanError(pos, `a Top-N needs WHERE ${r.rankName} <= N (or ${r.rankName} = 1 to deduplicate); other conditions there are not supported yet`);
  if (!where) throw bad(r.rankPos);
  if (where.kind !== 'binary' || where.left.kind !== 'column' || where.left.name !== r.rankName || where.right.kind !== 'literal' || typeof where.right.value !== 'number' || !Number.isInteger(where.right.value)) throw bad(where.pos);
  const n = where.right.value;
  const limit = where.op === '<=' ? n : where.op === '<' ? n - 1 : where.op === '=' && n === 1 ? 1 : 0;
  if (limit < 1) throw bad(where.pos);
  return limit;
}
