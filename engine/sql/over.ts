/**
 * OVER aggregations (Flink's OverAggregate in streaming mode, event time): `agg(x) OVER
 * (PARTITION BY k ORDER BY rowtime ROWS|RANGE BETWEEN … PRECEDING AND CURRENT ROW)` onto a keyBy
 * on the partition columns and a keyed `process` function that follows Flink's functions:
 *
 * - bounded RANGE (RowTimeRangeBoundedPrecedingFunction): a row is buffered under its timestamp
 *   unless that is ≤ the last timestamp the key fired (then it is late and dropped); a timer at the
 *   timestamp fires when the watermark passes it and emits each row of that timestamp with the
 *   aggregates over the rows of [ts − preceding, ts] — peers with the same timestamp included.
 *   A cleanup timer (ts + 1.5 · preceding + 1, moved on by newer rows) clears the key's state.
 * - bounded ROWS (RowTimeRowsBoundedPrecedingFunction): the same buffering and lateness; each row
 *   of the firing timestamp, in arrival order, is emitted with the aggregates of itself and the
 *   n rows emitted before it.
 * - UNBOUNDED PRECEDING (RowTimeRange/RowsUnboundedPrecedingFunction): a row at or behind the
 *   watermark is late; a timer at watermark + 1 emits, in timestamp order, every buffered row the
 *   watermark has passed, with running aggregates — RANGE gives a timestamp's peers one value.
 *
 * `agg(DISTINCT x)` counts each non-NULL value of the frame once. A frame ending in FOLLOWING is
 * refused, as Flink's streaming planner does (build-over.ts).
 *
 * Output rows are append-only (`+I`), in timestamp order per key. Aggregates are recomputed over
 * the rows of the frame (bounded) or kept running (unbounded); results equal Flink's incremental
 * accumulators (a DOUBLE SUM may differ in its last digits, being summed in another order).
 */
import type { Expr, OverWindow, Select } from './ast.js';
import { AGGREGATES, exprCode, field, itemName, PlanError, type Resolve } from './codegen.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned } from './job-builder.js';
import { aggregateType, isInteger, isNumeric, type SqlType, typeText } from './types.js';

interface Table {
  def: { name: string; watermark: { column: string } | null };
  columns: Column[];
}

/** True when a select item is an OVER aggregation. */
export const hasOver = (s: Select) => s.items.some((i) => i.expr !== 'star' && i.expr.kind === 'over');

/** Plans `s` (its WHERE already applied to `input`) as an OVER aggregation. */
export function overAggregate(s: Select, table: Table, job: JobBuilder, input: string, rowScope: Resolve): Planned {
  if (s.groupBy || s.groupingSets.length > 0 || s.having) throw new PlanError(s.pos, 'GROUP BY / HAVING with OVER aggregates is not supported yet');
  if (s.distinct) throw new PlanError(s.pos, 'SELECT DISTINCT with OVER aggregates is not supported yet');
  let window: OverWindow | null = null;
  for (const item of s.items) {
    if (item.expr === 'star' || item.expr.kind !== 'over') continue;
    const w = item.expr.window;
    const resolved = 'name' in w ? s.windows?.get(w.name) : w;
    if (!resolved) throw new PlanError(w.pos, `unknown window ${'name' in w ? w.name : ''}; define it in a WINDOW clause: WINDOW w AS (PARTITION BY … ORDER BY …)`);
    if (window && JSON.stringify(strip(window)) !== JSON.stringify(strip(resolved))) {
      throw new PlanError(item.pos, 'all OVER aggregates of a query must use the same window (as in Flink: "All aggregates must be computed on the same window")');
    }
    window ??= resolved;
  }
  const w = window!;
  const rowtime = table.def.watermark?.column;
  const order = w.orderBy[0];
  if (!order || w.orderBy.length > 1) throw new PlanError(w.pos, 'an OVER window needs ORDER BY its time attribute, alone');
  if (order.name !== rowtime) {
    rowScope({ kind: 'column', pos: order.pos, name: order.name });
    throw new PlanError(order.pos, `OVER windows must be ordered by a time attribute (as in Flink's streaming mode): ${order.name} is not ${table.def.name}'s rowtime${rowtime ? `; order by ${rowtime}` : ' (it has no WATERMARK FOR)'}`);
  }
  if (order.desc) throw new PlanError(order.pos, 'OVER windows must be ordered ascending by time (as in Flink)');
  for (const p of w.partitionBy) rowScope({ kind: 'column', pos: p.pos, name: p.name });

  const aggs: Array<{ init: string; step: string; result: string }> = [];
  const aggScope = (e: Extract<Expr, { kind: 'call' }>) => {
    const i = aggs.length;
    const a = `acc.a${i}`;
    if (e.name === 'COUNT' && (e.star || e.args.length === 0)) {
      if (e.distinct) throw new PlanError(e.pos, 'COUNT(DISTINCT ...) needs a column or expression, not *');
      aggs.push({ init: `a${i}: 0`, step: `${a}++;`, result: a });
      return { code: a, type: aggregateType('COUNT', null) };
    }
    if (e.args.length !== 1) throw new PlanError(e.pos, `${e.name} takes one argument`);
    const arg = exprCode(e.args[0]!, rowScope, null);
    if ((e.name === 'SUM' || e.name === 'AVG') && !isNumeric(arg.type)) throw new PlanError(e.args[0]!.pos, `${e.name} needs a number, but this is ${typeText(arg.type)}`);
    const type = aggregateType(e.name, arg.type);
    const round = (x: string) => (type.name === 'DECIMAL' ? `$round(${x}, ${type.scale})` : x);
    // The update for a non-NULL value v; with DISTINCT only a value the frame has not seen yet
    // counts (Flink's distinct OVER aggregates: NULL ignored, each value once).
    const step = (update: string, init: string) => {
      const d = `acc.d${i}`;
      const body = e.distinct ? `const k = JSON.stringify(v); if (${d}[k] !== 1) { ${d}[k] = 1; ${update} }` : update;
      aggs.push({ init: e.distinct ? `${init}, d${i}: {}` : init, step: `{ const v = ${arg.code}; if (!$n(v)) { ${body} } }`, result: '' });
    };
    switch (e.name) {
      case 'COUNT':
        step(`${a}++;`, `a${i}: 0`);
        aggs[i]!.result = a;
        break;
      case 'SUM':
        step(`${a} = (${a} ?? 0) + v;`, `a${i}: null`);
        aggs[i]!.result = round(a);
        break;
      case 'MIN':
      case 'MAX':
        step(`if ($n(${a}) || v ${e.name === 'MIN' ? '<' : '>'} ${a}) ${a} = v;`, `a${i}: null`);
        aggs[i]!.result = a;
        break;
      case 'AVG': {
        const c = `acc.c${i}`;
        step(`${a} += v; ${c}++;`, `a${i}: 0, c${i}: 0`);
        aggs[i]!.result = `(${c} === 0 ? null : ${round(isInteger(arg.type) ? `Math.trunc(${a} / ${c})` : `${a} / ${c}`)})`;
        break;
      }
    }
    return { code: aggs[i]!.result, type };
  };

  const out: Column[] = [];
  const parts: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') {
      for (const c of table.columns) {
        out.push(c);
        parts.push(`${JSON.stringify(c.name)}: ${outputCode(field('r', c.name), c.type)}`);
      }
      return;
    }
    let e: { code: string; type: SqlType };
    if (item.expr.kind === 'over') {
      const call = item.expr.call;
      if (call.kind !== 'call' || !AGGREGATES.has(call.name)) throw new PlanError(call.pos, `${call.kind === 'call' ? `${call.name}()` : 'this expression'} OVER (...) is not supported yet; use COUNT, SUM, MIN, MAX or AVG${call.kind === 'call' && call.name === 'ROW_NUMBER' ? ' (ROW_NUMBER() is for Top-N and deduplication)' : ''}`);
      e = aggScope(call);
    } else e = exprCode(item.expr, rowScope, null);
    const name = item.alias ?? itemName(item.expr, i);
    out.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });

  const keys = w.partitionBy.map((p) => p.name);
  const keyCode = keys.length === 0 ? '() => 0' : keys.length === 1 ? `(r) => r[${JSON.stringify(keys[0]!)}]` : `(r) => JSON.stringify([${keys.map((k) => field('r', k)).join(', ')}])`;
  job.pinned = undefined;
  const keyed = job.add('partition_by', 'keyBy', { code: keyCode }, input, keys.length > 0 ? `PARTITION BY ${keys.join(', ')}` : 'one partition');
  const f = w.frame;
  const what = `${f.unit} BETWEEN ${f.preceding === null ? 'UNBOUNDED' : f.unit === 'RANGE' ? `${f.preceding} ms` : f.preceding} PRECEDING AND CURRENT ROW`;
  const code = overCode(f, rowtime, aggs, parts);
  return { columns: out, last: job.add('over_agg', 'process', { code }, keyed, `OVER aggregation (${what})`) };
}

const strip = (w: OverWindow) => ({ p: w.partitionBy.map((x) => x.name), o: w.orderBy.map((x) => [x.name, x.desc]), f: w.frame });

function overCode(frame: OverWindow['frame'], rowtime: string, aggs: Array<{ init: string; step: string }>, parts: string[]): string {
  const common = `const tsOf = (r) => ${field('r', rowtime)};
  const init = () => ({ ${aggs.map((a) => a.init).join(', ')} });
  const add = (acc, r) => { ${aggs.map((a) => a.step).join(' ')} };
  const emit = (acc, r) => ({ ${parts.join(', ')} });`;
  if (frame.preceding === null) return fn(unboundedCode(common, frame.unit === 'RANGE'));
  if (frame.unit === 'ROWS') return fn(rowsBoundedCode(common, frame.preceding + 1));
  return fn(rangeBoundedCode(common, frame.preceding));
}

/** Buffers a row unless its timestamp is ≤ the key's last fired one (Flink's bounded functions). */
const BUFFER = `const t = tsOf(r);
      if (t <= (ctx.state.value('lastTs').get() ?? 0)) return;
      const rows = ctx.state.map('rows');
      const list = rows.get(t);
      if (list) rows.put(t, [...list, r]);
      else { rows.put(t, [r]); ctx.timers.registerEventTime(t); }`;

function rangeBoundedCode(common: string, preceding: number): string {
  return `(() => {
  const PRECEDING = ${preceding};
  ${common}
  return {
    onElement(r, ctx) {
      ${BUFFER}
      const cleanup = ctx.state.value('cleanupTs');
      const cur = cleanup.get();
      if (cur === undefined || cur < t + PRECEDING + 1) {
        const at = t + Math.trunc(PRECEDING * 1.5) + 1;
        ctx.timers.registerEventTime(at);
        cleanup.update(at);
      }
    },
    onTimer(time, ctx, out) {
      const rows = ctx.state.map('rows');
      const cleanup = ctx.state.value('cleanupTs');
      const c = cleanup.get();
      if (c !== undefined && c <= time) { rows.clear(); cleanup.clear(); ctx.state.value('lastTs').clear(); return; }
      const list = rows.get(time);
      if (list) {
        const acc = init();
        for (const [k, l] of rows.entries()) {
          if (time - k > PRECEDING) rows.remove(k);
          else if (k <= time) for (const x of l) add(acc, x);
        }
        for (const r of list) out.collect(emit(acc, r));
      }
      ctx.state.value('lastTs').update(time);
    },
  };
})()`;
}

function rowsBoundedCode(common: string, size: number): string {
  return `(() => {
  const SIZE = ${size};
  ${common}
  return {
    onElement(r, ctx) {
      ${BUFFER}
    },
    onTimer(time, ctx, out) {
      const rows = ctx.state.map('rows');
      const list = rows.get(time);
      if (list) {
        const frame = ctx.state.value('frame');
        const win = frame.get() ?? [];
        for (const r of list) {
          win.push(r);
          if (win.length > SIZE) win.shift();
          const acc = init();
          for (const x of win) add(acc, x);
          out.collect(emit(acc, r));
        }
        frame.update(win);
        rows.remove(time);
      }
      ctx.state.value('lastTs').update(time);
    },
  };
})()`;
}

function unboundedCode(common: string, range: boolean): string {
  return `(() => {
  ${common}
  return {
    onElement(r, ctx) {
      const t = tsOf(r);
      const wm = ctx.currentWatermark();
      if (t <= wm) return;
      ctx.timers.registerEventTime(wm < 0 ? 0 : wm + 1);
      const rows = ctx.state.map('rows');
      rows.put(t, [...(rows.get(t) ?? []), r]);
    },
    onTimer(time, ctx, out) {
      const rows = ctx.state.map('rows');
      if (rows.isEmpty()) return;
      const wm = ctx.currentWatermark();
      const all = rows.keys();
      const due = all.filter((k) => k <= wm).sort((a, b) => a - b);
      const acc = ctx.state.value('acc').get() ?? init();
      for (const k of due) {
        const list = rows.get(k);
        ${range ? 'for (const x of list) add(acc, x);\n        for (const r of list) out.collect(emit(acc, r));' : 'for (const r of list) { add(acc, r); out.collect(emit(acc, r)); }'}
        rows.remove(k);
      }
      ctx.state.value('acc').update(acc);
      if (due.length < all.length && Number.isFinite(wm)) ctx.timers.registerEventTime(wm + 1);
    },
  };
})()`;
}
