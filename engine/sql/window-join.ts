/**
 * Window joins (Flink's StreamExecWindowJoin): two window-TVF subqueries joined ON
 * `L.window_start = R.window_start AND L.window_end = R.window_end` plus equi-keys, INNER, LEFT,
 * RIGHT or FULL OUTER, over TUMBLE, HOP or CUMULATE (the same TVF on both sides).
 *
 * Each side's rows are projected before the join (the subquery's columns but the window ones,
 * plus the rowtime), keyed by the equi-keys, and meet in a keyed `connect` running Flink's
 * WindowJoinOperator: a row is assigned its windows as the window TVF does (a NULL rowtime drops
 * it), and for each window whose end − 1 is not past the watermark it is kept under the window's
 * end with a timer at end − 1 (a window already fired drops it: Flink has no late output here).
 * The timer joins that window's left and right rows with the condition and pads unmatched rows
 * of an outer side with NULLs, then forgets them. The DataStream `join.window` cannot carry
 * this: it is inner only and has no CUMULATE assigner.
 *
 * A side may also be a window aggregation (a subquery or a view of one) whose window_start and
 * window_end are window properties (Flink's window-attached input, window-join.md "window join
 * follows after window aggregation"): its rows carry their window, so they are kept under their
 * own window_end — same timers, same late-row rule. That holds for SESSION window aggregations
 * too (Flink 2.3 plans their join as a window join), whose pairs must also share window_start.
 */
import type { Expr, Pos, Select, WindowTvf } from './ast.js';
import { exprCode, field, PlanError } from './codegen.js';
import { hasAggregate } from './group-aggregate.js';
import { type Column, fn, type JobBuilder, type Table, type WindowSpec } from './job-builder.js';
import { T } from './types.js';
import { windowAssigner } from './window-aggregate.js';

/** The window columns of a side's output, by their names there (absent: not selected). */
export interface WindowSide {
  tvf: WindowTvf;
  assigner: Record<string, unknown>;
  names: { start?: string; end?: string; time?: string };
  /** A window aggregation's rows: their window is their own window_start / window_end columns. */
  attached?: true;
}

/** A window aggregation's result (its window_start and window_end window properties) as a window join's side. */
export function attachedSide(windows: WindowSpec, pos: Pos): WindowSide {
  return { tvf: { ...windows.tvf, pos }, assigner: windows.assigner, names: { start: 'window_start', end: 'window_end' }, attached: true };
}

/** A window TVF subquery without aggregation: `SELECT ... FROM TABLE(TUMBLE(...)) [WHERE ...]`. */
export function isWindowTvfQuery(q: Select): boolean {
  return 'tvf' in q.from && !q.groupBy && q.groupingSets.length === 0 && !q.having && !q.distinct && !q.items.some((i) => i.expr !== 'star' && (hasAggregate(i.expr) || i.expr.kind === 'over'));
}

const ROWTIME = '$rowtime';

/** Plans a window TVF subquery as one side of a window join, from its table's scan `input`. */
export function windowTvfSide(q: Select, table: Table, job: JobBuilder, input: string): { columns: Column[]; last: string; window: WindowSide } {
  const tvf = (q.from as { tvf: WindowTvf }).tvf;
  if (tvf.fn === 'SESSION') throw new PlanError(tvf.pos, 'a window join over SESSION windows is not supported (Flink joins TUMBLE, HOP or CUMULATE window TVFs only)');
  const assigner = windowAssigner(tvf, table);
  const rowScope = (e: Extract<Expr, { kind: 'column' }>) => {
    if (['window_start', 'window_end', 'window_time'].includes(e.name)) throw new PlanError(e.pos, `${e.name} in an expression or WHERE of a window join's input is not supported yet; select it as a column and use it after the join`);
    const c = table.columns.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; table ${table.def.name} has ${table.columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', c.name), type: c.type };
  };
  let last = input;
  if (q.where) {
    const w = exprCode(q.where, rowScope, null);
    if (w.type.name !== 'BOOLEAN') throw new PlanError(q.where.pos, `WHERE needs a condition, but this is ${w.type.name}`);
    last = job.add('where', 'filter', { code: fn(`(r) => ${w.code} === true`) }, last, 'WHERE');
  }
  const timeType = table.columns.find((c) => c.name === tvf.timeCol)!.type;
  const windowType = { window_start: T.TIMESTAMP3, window_end: T.TIMESTAMP3, window_time: timeType };
  const names: WindowSide['names'] = {};
  const columns: Column[] = [];
  const parts: string[] = [];
  const taken = new Set<string>();
  const addWindow = (col: keyof typeof windowType, name: string) => {
    names[({ window_start: 'start', window_end: 'end', window_time: 'time' } as const)[col]] = name;
    columns.push({ name, type: windowType[col] });
  };
  q.items.forEach((item) => {
    if (item.expr === 'star') {
      for (const c of table.columns) {
        columns.push(c);
        parts.push(`${JSON.stringify(c.name)}: ${field('r', c.name)}`);
      }
      for (const w of ['window_start', 'window_end', 'window_time'] as const) addWindow(w, w);
      return;
    }
    const name = item.alias ?? (item.expr.kind === 'column' ? item.expr.name : null);
    if (name === null) throw new PlanError(item.pos, 'name this column of a window join input with AS');
    if (taken.has(name)) throw new PlanError(item.pos, `the column ${name} is selected twice`);
    taken.add(name);
    if (item.expr.kind === 'column' && item.expr.name in windowType) {
      addWindow(item.expr.name as keyof typeof windowType, name);
      return;
    }
    const e = exprCode(item.expr, rowScope, null);
    columns.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${e.code}`);
  });
  parts.push(`${JSON.stringify(ROWTIME)}: ${field('r', tvf.timeCol)}`);
  last = job.add('window_rows', 'map', { code: fn(`(r) => ({ ${parts.join(', ')} })`) }, last, `${tvf.fn}(${table.def.name}) rows`);
  return { columns, last, window: { tvf, assigner, names } };
}

/** Flink's requirement on a window join's inputs: the same window TVF on both sides. */
export function checkSameWindows(left: WindowSide, right: WindowSide): void {
  const session = [left, right].find((w) => w.tvf.fn === 'SESSION' && !w.attached);
  if (session) throw new PlanError(session.tvf.pos, 'a window join over SESSION windows is not supported (Flink joins TUMBLE, HOP or CUMULATE window TVFs only)');
  const text = (w: WindowSide) => `${w.tvf.fn}(${w.tvf.intervals.map((ms) => `${ms} ms`).join(', ')})`;
  if (JSON.stringify(left.assigner) !== JSON.stringify(right.assigner)) {
    throw new PlanError(right.tvf.pos, `a window join needs the same window TVF on both sides (Flink's limitation); the left is ${text(left)}, the right ${text(right)}`);
  }
}

/** `(r) => [[start, end], …]`: a side row's windows (none for a NULL rowtime). */
function sideWindowsCode(w: WindowSide): string {
  if (w.attached) return `(r) => { const s = $ts(${field('r', w.names.start!)}, 'window_start'), e = $ts(${field('r', w.names.end!)}, 'window_end'); return $n(s) || $n(e) ? [] : [[s, e]]; }`;
  return `(() => { const windows = ${windowsCode(w.assigner)}; return (r) => { const t = r[${JSON.stringify(ROWTIME)}]; return t === null || t === undefined ? [] : windows(t); }; })()`;
}

/** `(ts) => [[start, end], …]`: the windows the window TVF assigns a row's rowtime to. */
function windowsCode(a: Record<string, unknown>): string {
  const mod = (x: string, n: number) => `(((${x}) % ${n}) + ${n}) % ${n}`;
  if (a.type === 'tumbling') {
    const size = a.sizeMs as number;
    return `(t) => { const s = t - ${mod(`t - ${a.offsetMs}`, size)}; return [[s, s + ${size}]]; }`;
  }
  if (a.type === 'sliding') {
    const size = a.sizeMs as number;
    const slide = a.slideMs as number;
    return `(t) => { const out = []; for (let s = t - ${mod(`t - ${a.offsetMs}`, slide)}; s > t - ${size}; s -= ${slide}) out.push([s, s + ${size}]); return out; }`;
  }
  const step = a.stepMs as number;
  const size = a.sizeMs as number;
  return `(t) => { const s = t - ${mod(`t - ${a.offsetMs}`, size)}; const out = []; for (let e = s + (Math.floor((t - s) / ${step}) + 1) * ${step}; e <= s + ${size}; e += ${step}) out.push([s, e]); return out; }`;
}

/**
 * Adds the keyBy of each side and the window join itself; returns the join node's id, whose
 * records are `{ left, right }` (null for a padded side), each side row with its window columns.
 * A SEMI / ANTI window join emits `{ left, right: null }` for each left row that has / has not a
 * matching right row in its window.
 */
export function windowJoinNode(
  job: JobBuilder,
  sides: { left: { last: string; window: WindowSide; key: string }; right: { last: string; window: WindowSide; key: string } },
  type: 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti',
  condition: string | undefined,
  what: string,
): string {
  const leftKey = job.add('left_key', 'keyBy', { code: sides.left.key }, sides.left.last, 'left join key');
  const rightKey = job.add('right_key', 'keyBy', { code: sides.right.key }, sides.right.last, 'right join key');
  const withWindow = (w: WindowSide) => {
    const sets = Object.entries(w.names).map(([k, name]) => `o[${JSON.stringify(name)}] = ${k === 'start' ? 's' : k === 'end' ? 'e' : 'e - 1'};`);
    return `(r, s, e) => { const o = Object.assign({}, r); delete o[${JSON.stringify(ROWTIME)}]; ${sets.join(' ')} return o; }`;
  };
  // Rows are kept under their window's end; session windows of one key may share an end, so a
  // pair of them must also have the same start.
  const session = sides.left.window.tvf.fn === 'SESSION';
  const sameStart = session ? `(l, r) => l[${JSON.stringify(sides.left.window.names.start)}] === r[${JSON.stringify(sides.right.window.names.start)}] && pairs(l, r)` : 'pairs';
  const code = fn(`(() => {
  const TYPE = ${JSON.stringify(type)};
  const pairs = ${condition ?? '() => true'};
  const cond = ${sameStart};
  const windowsOf = [${sideWindowsCode(sides.left.window)}, ${sideWindowsCode(sides.right.window)}];
  const rowOf = [${withWindow(sides.left.window)}, ${withWindow(sides.right.window)}];
  const add = (side, r, ctx) => {
    const wm = ctx.currentWatermark();
    const rows = ctx.state.map(side === 0 ? 'left' : 'right');
    for (const [s, e] of windowsOf[side](r)) {
      if (e - 1 <= wm) continue;
      rows.put(e, [...(rows.get(e) ?? []), rowOf[side](r, s, e)]);
      ctx.timers.registerEventTime(e - 1);
    }
  };
  return {
    onElement1(r, ctx) { add(0, r, ctx); },
    onElement2(r, ctx) { add(1, r, ctx); },
    onTimer(time, ctx, out) {
      const e = time + 1;
      const L = ctx.state.map('left'), R = ctx.state.map('right');
      const ls = L.get(e) ?? [], rs = R.get(e) ?? [];
      if (TYPE === 'semi' || TYPE === 'anti') {
        // Flink's SemiAntiJoinOperator: a left row of the window with (SEMI) / without (ANTI) a match.
        for (const l of ls) if (rs.some((r) => cond(l, r)) === (TYPE === 'semi')) out.collect({ left: l, right: null });
        L.remove(e);
        R.remove(e);
        return;
      }
      const rightMatched = rs.map(() => false);
      for (const l of ls) {
        let matched = false;
        rs.forEach((r, i) => {
          if (cond(l, r)) { out.collect({ left: l, right: r }); matched = true; rightMatched[i] = true; }
        });
        if (!matched && (TYPE === 'left' || TYPE === 'full')) out.collect({ left: l, right: null });
      }
      if (TYPE === 'right' || TYPE === 'full') rs.forEach((r, i) => { if (!rightMatched[i]) out.collect({ left: null, right: r }); });
      L.remove(e);
      R.remove(e);
    },
  };
})()`);
  const id = job.add('window_join', 'connect', { code }, null, `window ${what} (${sides.left.window.tvf.fn})`);
  job.edges.push({ from: leftKey, to: id, toPort: 'in1' }, { from: rightKey, to: id, toPort: 'in2' });
  return id;
}
