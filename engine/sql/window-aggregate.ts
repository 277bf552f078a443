/**
 * Window aggregation: TUMBLE and HOP onto a keyBy and a window node whose process function
 * computes every aggregate in one pass; CUMULATE onto a keyed process function.
 */
import type { Expr, Select, WindowTvf } from './ast.js';
import { AGGREGATES, exprCode, field, itemName, PlanError } from './codegen.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned, type Table, type WindowSpec } from './job-builder.js';
import { checkSessionKeys, sessionAssigner } from './session-window.js';
import { EXPAND_ID, expandCode, groupingOf } from './grouping-sets.js';
import { aggregateType, isNumeric, T, type SqlType, typeText } from './types.js';

export function windowAggregate(s: Select, tvf: WindowTvf, table: Table, job: JobBuilder, input: string, rowScope: Parameters<typeof exprCode>[1]): Planned {
  const assigner = windowAssigner(tvf, table, true);
  return aggregateOver(s, tvf, assigner, { tvf, assigner }, job, input, rowScope);
}

/**
 * The window node's assigner for a window TVF over `table` (CUMULATE: Eddy's own, see
 * cumulateCode). `proctime`: a TUMBLE or HOP on the table's PROCTIME() column may be a
 * processing-time window (a window aggregation's; Window Top-N and window joins are event time only).
 */
export function windowAssigner(tvf: WindowTvf, table: Table, proctime = false): Record<string, unknown> {
  const timeCol = table.columns.find((c) => c.name === tvf.timeCol);
  if (!timeCol) throw new PlanError(tvf.timeColPos, `unknown column ${tvf.timeCol} in DESCRIPTOR; table ${table.def.name} has ${table.columns.map((c) => c.name).join(', ')}`);
  if (table.def.watermark?.column !== tvf.timeCol) {
    const isProctime = !!table.def.columns.find((c) => c.name === tvf.timeCol && c.computed?.kind === 'call' && c.computed.name === 'PROCTIME');
    if (isProctime && proctime && (tvf.fn === 'TUMBLE' || tvf.fn === 'HOP')) return processingAssigner(tvf);
    if (isProctime) {
      const what = proctime ? `${tvf.fn} on processing time` : `${tvf.fn} on processing time under a Window Top-N or window join`;
      const rowtime = table.def.watermark ? `; ${table.def.name}'s event-time attribute is ${table.def.watermark.column}` : '';
      throw new PlanError(tvf.timeColPos, `${what} is not supported yet: ${tvf.timeCol} is table ${table.def.name}'s processing-time attribute (${tvf.timeCol} AS PROCTIME()); Eddy runs processing-time TUMBLE and HOP window aggregations only${rowtime}`);
    }
    if (table.view) throw new PlanError(tvf.timeColPos, `${tvf.fn} needs a time attribute, but ${tvf.timeCol} of view ${table.def.name} is a ${typeText(timeCol.type)} (Flink: "The window function requires the timecol is a time attribute type"); a view keeps its table's rowtime only where it selects that column as it is${table.def.watermark ? `: here ${table.def.watermark.column}` : ''}`);
    throw new PlanError(tvf.timeColPos, `${tvf.fn} needs a time attribute: declare WATERMARK FOR ${tvf.timeCol} AS ${tvf.timeCol} - INTERVAL '1' SECOND in table ${table.def.name}`);
  }
  let assigner: Record<string, unknown>;
  const n = tvf.intervals;
  if (tvf.fn === 'TUMBLE') {
    if (n.length < 1 || n.length > 2) throw new PlanError(tvf.pos, 'TUMBLE takes TABLE t, DESCRIPTOR(ts), size [, offset]');
    assigner = { type: 'tumbling', sizeMs: n[0], offsetMs: n[1] ?? 0, time: 'event' };
  } else if (tvf.fn === 'HOP') {
    if (n.length < 2 || n.length > 3) throw new PlanError(tvf.pos, 'HOP takes TABLE t, DESCRIPTOR(ts), slide, size [, offset]');
    assigner = { type: 'sliding', sizeMs: n[1], slideMs: n[0], offsetMs: n[2] ?? 0, time: 'event' };
  } else if (tvf.fn === 'SESSION') {
    assigner = sessionAssigner(tvf);
  } else {
    if (n.length < 2 || n.length > 3) throw new PlanError(tvf.pos, 'CUMULATE takes TABLE t, DESCRIPTOR(ts), step, size [, offset]');
    if (n[1]! % n[0]! !== 0) throw new PlanError(tvf.pos, `CUMULATE's size (${n[1]} ms) must be a whole multiple of its step (${n[0]} ms)`);
    assigner = { type: 'cumulate', stepMs: n[0], sizeMs: n[1], offsetMs: n[2] ?? 0 };
  }
  return assigner;
}

/** TUMBLE / HOP on a processing-time attribute: the window node's processing-time assigner (windows fire on the clock). */
function processingAssigner(tvf: WindowTvf): Record<string, unknown> {
  const n = tvf.intervals;
  if (tvf.fn === 'TUMBLE') {
    if (n.length < 1 || n.length > 2) throw new PlanError(tvf.pos, 'TUMBLE takes TABLE t, DESCRIPTOR(ts), size [, offset]');
    return { type: 'tumbling', sizeMs: n[0], offsetMs: n[1] ?? 0, time: 'processing' };
  }
  if (n.length < 2 || n.length > 3) throw new PlanError(tvf.pos, 'HOP takes TABLE t, DESCRIPTOR(ts), slide, size [, offset]');
  return { type: 'sliding', sizeMs: n[1], slideMs: n[0], offsetMs: n[2] ?? 0, time: 'processing' };
}

/**
 * A GROUP BY window_start, window_end, … over a relation whose window_start / window_end are a
 * window aggregation's window properties (a view of one): a window aggregation again, over the
 * same windows, as Flink plans it (its window-attached strategy): append-only, each window once
 * when the watermark passes its end. `tvf` names the relation in messages.
 */
export function attachedWindowAggregate(s: Select, tvf: WindowTvf, windows: WindowSpec, job: JobBuilder, input: string, rowScope: Parameters<typeof exprCode>[1]): Planned {
  return aggregateOver(s, tvf, { type: 'attached' }, windows, job, input, rowScope);
}

/** `windows`: the window TVF the result's window_start / window_end stay the windows of. */
function aggregateOver(s: Select, tvf: WindowTvf, assigner: Record<string, unknown>, windows: WindowSpec, job: JobBuilder, input: string, rowScope: Parameters<typeof exprCode>[1]): Planned {
  if (s.having) throw new PlanError(s.having.pos, 'HAVING on a window aggregation is not supported yet; filter the aggregated rows in an outer query instead');
  if (!s.groupBy) throw new PlanError(tvf.pos, `a ${tvf.fn} window without GROUP BY window_start, window_end is not supported yet (Flink runs window TVFs only under an aggregation, Top-N or join)`);
  const WINDOW_COLS = ['window_start', 'window_end', 'window_time'];
  // A processing-time window's rows carry no rowtime: nothing after it is an event-time window.
  const processing = assigner.time === 'processing';
  const { keys, sets } = groupingOf(s, (g) => rowScope(g).type, WINDOW_COLS);
  const grouped = new Set(s.groupBy.map((g) => (g.kind === 'column' ? g.name : '')));
  if (!grouped.has('window_start') || !grouped.has('window_end')) throw new PlanError(s.groupBy[0]?.pos ?? tvf.pos, 'a window aggregation must GROUP BY window_start, window_end (and any key columns)');
  if (tvf.fn === 'SESSION') checkSessionKeys(tvf, keys, sets !== null);
  // The window's aggregates: one accumulator each, filled in one pass over the window's rows.
  const aggs: { init: string; step: string; result: string; type: SqlType }[] = [];
  const groupScope = (e: Extract<Expr, { kind: 'column' }>) => {
    if (e.name === 'window_start') return { code: 'w.start', type: T.TIMESTAMP3 };
    if (e.name === 'window_end') return { code: 'w.end', type: T.TIMESTAMP3 };
    if (e.name === 'window_time') {
      if (processing) throw new PlanError(e.pos, `window_time of a processing-time ${tvf.fn} window is not supported yet; select window_start and window_end`);
      if (!grouped.has('window_time')) throw new PlanError(e.pos, 'window_time must be in GROUP BY to be selected');
      return { code: '(w.end - 1)', type: T.TIMESTAMP3 };
    }
    const k = keys.find((x) => x.name === e.name);
    if (!k) {
      rowScope(e);
      throw new PlanError(e.pos, `column ${e.name} is neither in GROUP BY nor inside an aggregate`);
    }
    return { code: field('first', k.name), type: k.type };
  };
  const aggScope = (e: Extract<Expr, { kind: 'call' }>) => {
    if (e.distinct) throw new PlanError(e.pos, `${e.name}(DISTINCT ...) is not supported yet`);
    const i = aggs.length;
    const a = `a${i}`;
    if (e.name === 'COUNT' && (e.star || e.args.length === 0)) {
      aggs.push({ init: `let ${a} = 0;`, step: `${a}++;`, result: a, type: T.BIGINT });
      return { code: a, type: T.BIGINT };
    }
    if (e.args.length !== 1) throw new PlanError(e.pos, `${e.name} takes one argument`);
    const arg = exprCode(e.args[0]!, rowScope, null);
    const v = `v${i}`;
    const type = aggregateType(e.name, arg.type);
    if ((e.name === 'SUM' || e.name === 'AVG') && !isNumeric(arg.type)) throw new PlanError(e.args[0]!.pos, `${e.name} needs a number, but this is ${typeText(arg.type)}`);
    const round = (x: string) => (type.name === 'DECIMAL' ? `$round(${x}, ${type.scale})` : x);
    const read = `const ${v} = ${arg.code};`;
    switch (e.name) {
      case 'COUNT':
        aggs.push({ init: `let ${a} = 0;`, step: `{ ${read} if (!$n(${v})) ${a}++; }`, result: a, type });
        break;
      case 'SUM':
        aggs.push({ init: `let ${a} = null;`, step: `{ ${read} if (!$n(${v})) ${a} = (${a} ?? 0) + ${v}; }`, result: round(a), type });
        break;
      case 'MIN':
      case 'MAX':
        aggs.push({ init: `let ${a} = null;`, step: `{ ${read} if (!$n(${v}) && ($n(${a}) || ${v} ${e.name === 'MIN' ? '<' : '>'} ${a})) ${a} = ${v}; }`, result: a, type });
        break;
      case 'AVG': {
        const c = `c${i}`;
        const avg = arg.type.name === 'INT' || arg.type.name === 'BIGINT' ? `Math.trunc(${a} / ${c})` : `${a} / ${c}`;
        aggs.push({ init: `let ${a} = 0, ${c} = 0;`, step: `{ ${read} if (!$n(${v})) { ${a} += ${v}; ${c}++; } }`, result: `(${c} === 0 ? null : ${round(avg)})`, type });
        break;
      }
    }
    return { code: `${aggs[i]!.result}`, type };
  };
  const out: Column[] = [];
  const parts: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') throw new PlanError(item.pos, 'SELECT * is not supported in a window aggregation; name the grouped columns and aggregates');
    const e = exprCode(item.expr, groupScope, aggScope);
    const name = item.alias ?? (item.expr.kind === 'call' && AGGREGATES.has(item.expr.name) ? `EXPR$${i}` : itemName(item.expr, i));
    out.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });
  // window_time stays a rowtime attribute: the window's rows carry it as their event time (end − 1).
  const timeItem = s.items.findIndex((item) => item.expr !== 'star' && item.expr.kind === 'column' && item.expr.name === 'window_time');
  const at = (name: string) => s.items.findIndex((item) => item.expr !== 'star' && item.expr.kind === 'column' && item.expr.name === name && (item.alias === null || item.alias === name));
  const rowtime = processing ? {} : { ...(timeItem >= 0 ? { rowtime: out[timeItem]!.name } : {}), ...(at('window_start') >= 0 && at('window_end') >= 0 ? { windowProperties: windows } : {}) };
  let last = input;
  const cumulate = assigner.type === 'cumulate';
  const attached = assigner.type === 'attached';
  if (sets) last = job.add('expand', 'flatMap', { code: expandCode(keys, sets) }, last, `GROUPING SETS (${sets.map((x) => `(${x.join(', ')})`).join(', ')})`);
  if (keys.length > 0 || cumulate || attached || sets) {
    // CUMULATE runs in a keyed process function: without keys, one constant key (Flink runs it at parallelism 1 too).
    // A window-attached aggregation keys by the window too: one window per key.
    const keyFields = [...keys.map((k) => k.name), ...(sets ? [EXPAND_ID] : []), ...(attached ? ['window_start', 'window_end'] : [])];
    const keyCode = keyFields.length === 0 ? '() => 0' : keyFields.length === 1 ? `(r) => r[${JSON.stringify(keyFields[0]!)}]` : `(r) => JSON.stringify([${keyFields.map((k) => field('r', k)).join(', ')}])`;
    last = job.add('group_by', 'keyBy', { code: keyCode }, last, keys.length > 0 ? `GROUP BY ${keys.map((k) => k.name).join(', ')}${sets ? ' (per grouping set)' : ''}` : 'one group');
  }
  const body = `(key, w, rows) => { const first = rows[0]; ${aggs.map((a) => a.init).join(' ')} for (const r of rows) { ${aggs.map((a) => a.step).join(' ')} } return { ${parts.join(', ')} }; }`;
  if (attached) {
    last = job.add('window_agg', 'process', { code: attachedCode(body) }, last, `window aggregation over ${tvf.table}'s windows`);
    return { columns: out, last, ...rowtime };
  }
  if (cumulate) {
    last = job.add('window_agg', 'process', { code: cumulateCode(body, assigner as unknown as CumulateAssigner, tvf.timeCol) }, last, 'CUMULATE window aggregation');
    return { columns: out, last, ...rowtime };
  }
  last = job.add('window_agg', 'window', { assigner, trigger: 'default', allowedLatenessMs: 0, function: { type: 'process', code: fn(body) } }, last, `${tvf.fn} window aggregation`);
  return { columns: out, last, ...rowtime };
}

/**
 * The window-attached aggregation as a keyed process function (the key holds window_start and
 * window_end): rows are kept until a timer at window_end − 1 aggregates them and clears them. A
 * row of a window that has fired (window_end − 1 ≤ watermark) is dropped, as Flink's window
 * operator drops a late row.
 */
function attachedCode(aggregate: string): string {
  return fn(`(() => {
  const aggregate = ${aggregate};
  return {
    onElement(r, ctx) {
      const end = r.window_end;
      if (end - 1 <= ctx.currentWatermark()) return;
      const rows = ctx.state.map('rows');
      rows.put(end, [...(rows.get(end) ?? []), r]);
      ctx.timers.registerEventTime(end - 1);
    },
    onTimer(time, ctx, out) {
      const rows = ctx.state.map('rows');
      const inWindow = rows.get(time + 1) ?? [];
      if (inWindow.length > 0) out.collect(aggregate(ctx.key, { start: inWindow[0].window_start, end: time + 1 }, inWindow));
      rows.remove(time + 1);
    },
  };
})()`);
}

interface CumulateAssigner {
  stepMs: number;
  sizeMs: number;
  offsetMs: number;
}

/**
 * Flink's cumulating windows as a keyed process function: windows [s, s + step), [s, s + 2·step),
 * … [s, s + size) with s = the start of the row's size-window. Rows are kept per window start; a
 * timer at each window end − 1 from the row's slice on fires that window over the rows before its
 * end (an empty window emits nothing); the last one clears the rows. Late rows as in Flink's
 * slicing window operator (SliceSharedWindowAggProcessor.processElement): a row is dropped only
 * when the last window it belongs to, [s, s + size), has fired (s + size − 1 ≤ watermark); a row
 * whose slice has fired but whose last window has not is kept and counts for the windows not fired
 * yet (end − 1 > watermark), never re-firing one that has.
 */
function cumulateCode(aggregate: string, a: CumulateAssigner, timeCol: string): string {
  const t = field('r', timeCol);
  return fn(`(() => {
  const STEP = ${a.stepMs}, SIZE = ${a.sizeMs}, OFFSET = ${a.offsetMs};
  const aggregate = ${aggregate};
  const startOf = (t) => t - ((((t - OFFSET) % SIZE) + SIZE) % SIZE);
  return {
    onElement(r, ctx) {
      const ts = ${t};
      const s = startOf(ts);
      const sliceEnd = s + (Math.floor((ts - s) / STEP) + 1) * STEP;
      const wm = ctx.currentWatermark();
      if (s + SIZE - 1 <= wm) return;
      const rows = ctx.state.map('rows');
      rows.put(s, [...(rows.get(s) ?? []), r]);
      let e = sliceEnd;
      while (e - 1 <= wm) e += STEP;
      for (; e <= s + SIZE; e += STEP) ctx.timers.registerEventTime(e - 1);
    },
    onTimer(time, ctx, out) {
      const end = time + 1;
      const s = startOf(time);
      const rows = ctx.state.map('rows');
      const inWindow = (rows.get(s) ?? []).filter((r) => ${t} < end);
      if (inWindow.length > 0) out.collect(aggregate(ctx.key, { start: s, end }, inWindow));
      if (end === s + SIZE) rows.remove(s);
    },
  };
})()`);
}