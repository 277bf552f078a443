/**
 * Compiling a Flink SQL script to an `eddy/job@1` document: each table scan becomes a source, a
 * typed-row map and (with WATERMARK FOR) a watermarks node; WHERE a filter; a projection a map; a
 * window TVF with GROUP BY window_start, window_end, … a keyBy and a window node whose process
 * function computes every aggregate; a GROUP BY without a window a keyBy and a changelog-emitting
 * `groupAggregate` node (group-aggregate.ts); each query ends in a collect sink named as
 * spec/sql.md says.
 */
import { formatJobError } from '../graph/errors.js';
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import type { CreateTable, CreateView, DropView, Expr, Insert, Pos, Select, Statement, TableRef, WindowTvf } from './ast.js';
import { buildStatements } from './build.js';
import { type Column, fn, JobBuilder, outputCode, type Planned, type Table } from './job-builder.js';
import { checkDistinct, distinctRows } from './distinct.js';
import { hasOver, overAggregate } from './over.js';
import { groupAggregate, hasAggregate } from './group-aggregate.js';
import { attachedWindowAggregate, windowAggregate } from './window-aggregate.js';
import { windowRank, windowRankAfterAggregate } from './window-rank.js';
import { type JoinInput, planJoin } from './join.js';
import { attachedSide, isWindowTvfQuery, windowTvfSide } from './window-join.js';
import { planRank } from './rank.js';
import { planMatchRecognize } from './match-recognize.js';
import { type SemiTools, semiAntiJoin, splitSubqueries } from './semi-join.js';
import { duration, positive } from './set-values.js';
import { planInUnderOr } from './subquery-or.js';
import { createTable, scan } from './table-scan.js';
import { refuseNestedSubquery, refuseSubqueryInJoin } from './subquery-placement.js';
import { fromSubqueryError, planWindowSemiJoin, windowRelation } from './window-semi-join.js';
import { exprCode, field, itemName, PlanError } from './codegen.js';
import { parseSql, type SqlError } from './parse.js';
import { isTimestamp, type SqlType, sinkTypeMismatch, typeText } from './types.js';

/** A sink's columns, so its rows can be printed with Flink's formats. */
export interface SinkSchema {
  readonly name: string;
  readonly columns: readonly { name: string; type: SqlType }[];
}

export type SqlCompile = { ok: true; job: JobDocument; sinks: SinkSchema[]; explain: string[] } | { ok: false; errors: SqlError[] };

/** Compiles `text`; every error of the script at once where the statements allow. */
export function compileSql(text: string, name?: string): SqlCompile {
  const parsed = parseSql(text);
  if (!parsed.ok) return parsed;
  const { statements, errors } = buildStatements(parsed.tree, text);
  const tables = new Map<string, Table>();
  /** Permanent tables and views hidden by a temporary view of the same name (Flink lets one shadow the other). */
  const shadowed = new Map<string, Table>();
  const job = new JobBuilder();
  const sinks: SinkSchema[] = [];
  const explain: string[] = [];
  const settings: { parallelism?: number; checkpointMs?: number; restart?: string; attempts?: number; delayMs?: number } = {};
  let results = 0;
  const run = (s: Statement) => {
    switch (s.kind) {
      case 'createTable':
        if (tables.has(s.name)) throw new PlanError(s.pos, `table ${s.name} is already defined`);
        tables.set(s.name, createTable(s));
        return;
      case 'createView':
        createView(s, tables, shadowed);
        return;
      case 'dropView':
        dropView(s, tables, shadowed);
        return;
      case 'set':
        if (s.key === 'parallelism.default') settings.parallelism = positive(s.value, s.pos, s.key);
        else if (s.key === 'execution.checkpointing.interval') settings.checkpointMs = duration(s.value, s.pos, s.key);
        else if (s.key === 'restart-strategy.type') {
          if (s.value !== 'none' && s.value !== 'fixed-delay') throw new PlanError(s.pos, `SET 'restart-strategy.type' = '${s.value}' is not supported yet; use 'fixed-delay' or 'none'`);
          settings.restart = s.value;
        } else if (s.key === 'restart-strategy.fixed-delay.attempts') settings.attempts = positive(s.value, s.pos, s.key);
        else if (s.key === 'restart-strategy.fixed-delay.delay') settings.delayMs = duration(s.value, s.pos, s.key);
        else throw new PlanError(s.pos, `SET '${s.key}' is not supported yet (supported: parallelism.default, execution.checkpointing.interval, restart-strategy.type, restart-strategy.fixed-delay.attempts, restart-strategy.fixed-delay.delay)`);
        return;
      case 'select': {
        results++;
        const sink = results === 1 ? 'result' : `result_${results}`;
        sinks.push(query(s, tables, job, sink));
        return;
      }
      case 'insert':
        sinks.push(insert(s, tables, job));
        return;
      case 'explain':
        explain.push(describe(s.statement, tables));
        return;
    }
  };
  /** Views whose definition failed: a later use of one is not a second error. */
  const failedViews = new Set<string>();
  for (const s of statements) {
    try {
      run(s);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      if (s.kind === 'createView') failedViews.add(s.name);
      if (e instanceof UnknownTable && failedViews.has(e.table)) continue;
      errors.push({ ...e.pos, message: e.message });
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
  if (sinks.length === 0 && explain.length === 0) return { ok: false, errors: [{ line: 1, column: 1, message: 'the script has no SELECT or INSERT INTO, so there is nothing to run' }] };
  const doc = {
    format: 'eddy/job@1',
    ...(name ? { name } : {}),
    parallelism: settings.parallelism ?? 1,
    maxParallelism: 128,
    ...(settings.checkpointMs !== undefined ? { checkpointing: { intervalMs: settings.checkpointMs, mode: 'exactly-once', unaligned: false, retained: 1 } } : {}),
    ...(settings.restart === 'none' ? { restart: { strategy: 'none' } } : {}),
    // Flink's defaults for fixed-delay: 1 attempt, 1 s.
    ...(settings.restart === 'fixed-delay' ? { restart: { strategy: 'fixed-delay', attempts: settings.attempts ?? 1, delayMs: settings.delayMs ?? 1000 } } : {}),
    nodes: job.nodes,
    edges: job.edges,
  };
  const valid = validateJob(doc);
  // The compiler's own output: a failure here is a defect of the compiler, not of the script.
  if (!valid.ok) throw new Error(`the SQL compiler made an invalid job: ${valid.errors.map(formatJobError).join('; ')}`);
  return { ok: true, job: valid.job as JobDocument, sinks, explain };
}

/** The views `statements` define, in order, with the columns each has where it plans (for the editor's completion). */
export function viewColumns(statements: readonly Statement[]): Array<{ name: string; columns: Column[] }> {
  const tables = new Map<string, Table>();
  const shadowed = new Map<string, Table>();
  const views: Array<{ name: string; columns: Column[] }> = [];
  for (const s of statements) {
    try {
      if (s.kind === 'createTable' && !tables.has(s.name)) tables.set(s.name, createTable(s));
      else if (s.kind === 'createView') {
        createView(s, tables, shadowed);
        const v = tables.get(s.name);
        if (v?.view && !views.some((x) => x.name === s.name)) views.push({ name: s.name, columns: v.columns });
      } else if (s.kind === 'dropView') dropView(s, tables, shadowed);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
    }
  }
  return views;
}

/** A table or view the script does not define (or a view whose own definition failed, already reported). */
class UnknownTable extends PlanError {
  constructor(
    pos: Pos,
    readonly table: string,
  ) {
    super(pos, `unknown table ${table}; define it with CREATE TABLE ${table} (...) WITH (...) or CREATE VIEW ${table} AS SELECT ... before the query`);
  }
}
const unknownTable = (name: string, pos: Pos) => new UnknownTable(pos, name);

/** Flink's name for an object of the default catalog and database, as its messages quote it. */
const identifier = (name: string, quoted: boolean) => (quoted ? `'\`default_catalog\`.\`default_database\`.\`${name}\`'` : `'default_catalog.default_database.${name}'`);

/**
 * CREATE [TEMPORARY] VIEW: the query is planned once here (into a scratch job) to check it and learn
 * its columns and rowtime; every reference plans it again into the job, as Flink expands a view
 * where it is used. A temporary view may shadow a permanent table or view of the same name.
 */
function createView(s: CreateView, tables: Map<string, Table>, shadowed: Map<string, Table>): void {
  const visible = tables.get(s.name);
  const temporary = visible?.temporary ? visible : undefined;
  const permanent = temporary ? shadowed.get(s.name) : visible;
  if (s.temporary ? temporary : permanent) {
    if (s.ifNotExists) return;
    throw new PlanError(s.pos, s.temporary ? `Temporary table ${identifier(s.name, true)} already exists` : `Table (or view) default_database.${s.name} already exists in Catalog default_catalog.`);
  }
  const planned = plan(s.query, tables, new JobBuilder(), true);
  let columns = planned.columns;
  let rowtime = planned.rowtime ?? null;
  if (s.columns) {
    if (s.columns.length !== columns.length) {
      throw new PlanError(s.columns[0]?.pos ?? s.pos, `VIEW definition and input fields not match: Def fields: [${s.columns.map((c) => c.name).join(', ')}]. Input fields: [${columns.map((c) => c.name).join(', ')}].`);
    }
    const names = s.columns;
    if (rowtime !== null) rowtime = names[columns.findIndex((c) => c.name === rowtime)]!.name;
    columns = columns.map((c, i) => ({ name: names[i]!.name, type: c.type }));
  }
  // window_start / window_end stay window properties while the view keeps their names.
  const windowProperties = planned.windowProperties && ['window_start', 'window_end'].every((w) => columns[planned.columns.findIndex((c) => c.name === w)]?.name === w) ? planned.windowProperties : undefined;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new PlanError(s.pos, `view ${s.name} would have two columns named ${c.name}; give them different aliases`);
    seen.add(c.name);
  }
  const query = s.query;
  const renamed = s.columns;
  const def: CreateTable = { kind: 'createTable', pos: s.pos, name: s.name, columns: [], watermark: rowtime !== null ? { column: rowtime, pos: s.pos, expr: { kind: 'column', pos: s.pos, name: rowtime } } : null, options: new Map() };
  const view: Table = {
    def,
    columns,
    temporary: s.temporary,
    ...(windowProperties ? { windowProperties } : {}),
    view: (job) => {
      const p = plan(query, tables, job, true);
      // A query's rows hold timestamps as Flink prints them; a view's reader computes on epoch ms.
      if (!renamed && !columns.some((c) => isTimestamp(c.type))) return p.last;
      const parts = columns.map((c, i) => {
        const from = field('r', p.columns[i]!.name);
        return `${JSON.stringify(c.name)}: ${isTimestamp(c.type) ? `$ts(${from}, ${JSON.stringify(c.name)})` : from}`;
      });
      return job.add(`${s.name}_rows`, 'map', { code: fn(`(r) => ({ ${parts.join(', ')} })`) }, p.last, `view ${s.name}${renamed ? ` (${renamed.map((c) => c.name).join(', ')})` : ''}`);
    },
  };
  if (!s.temporary && temporary) shadowed.set(s.name, view);
  else {
    if (permanent) shadowed.set(s.name, permanent);
    tables.set(s.name, view);
  }
}

/** DROP [TEMPORARY] VIEW, with Flink's checks and messages (CatalogManager.dropView / dropTemporaryView). */
function dropView(s: DropView, tables: Map<string, Table>, shadowed: Map<string, Table>): void {
  const visible = tables.get(s.name);
  if (s.temporary) {
    if (!visible?.view || !visible.temporary) {
      if (s.ifExists) return;
      throw new PlanError(s.pos, `Temporary table or view with identifier ${identifier(s.name, false)} does not exist.`);
    }
    tables.delete(s.name);
    const hidden = shadowed.get(s.name);
    if (hidden) tables.set(s.name, hidden);
    shadowed.delete(s.name);
    return;
  }
  if (visible?.view && visible.temporary) throw new PlanError(s.pos, `Temporary view with identifier ${identifier(s.name, true)} exists. Drop it first before removing the permanent view.`);
  if (!visible?.view) {
    if (s.ifExists) return;
    throw new PlanError(s.pos, `View with identifier ${identifier(s.name, false)} does not exist.`);
  }
  tables.delete(s.name);
}

function insert(s: Insert, tables: Map<string, Table>, job: JobBuilder): SinkSchema {
  const target = tables.get(s.table);
  if (!target) throw new PlanError(s.tablePos, `unknown table ${s.table}; define it with CREATE TABLE ${s.table} (...) WITH ('connector' = 'print')`);
  if (target.view) throw new PlanError(s.tablePos, `${s.table} is a view, and a view cannot be written to; INSERT INTO a table created WITH ('connector' = 'print') or 'blackhole'`);
  const connector = target.def.options.get('connector')!.value;
  if (connector !== 'print' && connector !== 'blackhole') throw new PlanError(s.tablePos, `INSERT INTO a '${connector}' table is not supported yet; sinks are 'print' and 'blackhole'`);
  return query(s.query, tables, job, s.table, target);
}

/** Plans `s` into the job, ending in the collect sink `sink`. */
function query(s: Select, tables: Map<string, Table>, job: JobBuilder, sink: string, target?: Table): SinkSchema {
  const planned = plan(s, tables, job);
  let columns = planned.columns;
  if (target) {
    if (target.columns.length !== columns.length) throw new PlanError(s.pos, `the query has ${columns.length} columns but table ${target.def.name} has ${target.columns.length} (${target.columns.map((c) => c.name).join(', ')})`);
    const mismatch = sinkTypeMismatch(target.def.name, columns, target.columns);
    if (mismatch !== null) throw new PlanError(s.pos, mismatch);
    const rename = target.columns.map((c, i) => `${JSON.stringify(c.name)}: r[${JSON.stringify(columns[i]!.name)}]`).join(', ');
    planned.last = job.add(`${sink}_columns`, 'map', { code: `(r) => ({ ${rename} })` }, planned.last, `columns of ${sink}`);
    columns = target.columns;
    if (target.def.options.get('connector')!.value === 'blackhole') {
      job.add(`${sink}_discard`, 'filter', { code: '() => false' }, planned.last, `${sink} (blackhole)`);
      return { name: sink, columns };
    }
  }
  job.add(sink, 'sink.collect', undefined, planned.last, sink);
  return { name: sink, columns };
}

/**
 * Plans `s` into the job. `asView`: the query of a view being read, whose plain projection stays
 * on a file source's one subtask (the reader's keyBy comes after it, as Flink chains the view's Calc).
 */
function plan(s: Select, tables: Map<string, Table>, job: JobBuilder, asView = false): Planned {
  if ('join' in s.from) refuseSubqueryInJoin(s.where);
  if ('join' in s.from) return planJoin(s, s.from.join, job, (ref) => joinInput(ref, tables, job));
  if ('rank' in s.from && s.from.rank.table?.query) {
    const r = s.from.rank;
    const sub = r.table!.query!;
    if (!['window_start', 'window_end'].every((w) => r.partitionBy.some((p) => p.name === w))) {
      // Top-N over a subquery, not per window (PARTITION BY window_start alone too, as Flink plans
      // it): a window aggregation's or window join's rows are append-only; others may be a
      // changelog (a GROUP BY), so the retractable Top-N.
      const input = plan(sub, tables, job);
      const appendOnly = ('tvf' in sub.from && (sub.groupBy !== null || sub.groupingSets.length > 0)) || input.windowJoin !== undefined;
      return planRank(s, r, { columns: input.columns, last: input.last, rowtime: null }, job, !appendOnly);
    }
    if ('join' in sub.from) {
      // Window Top-N after a window join (window-topn.md: it follows window TVF operations): each
      // joined row is emitted once when its window fires, so the rows of a window can be ranked then.
      const joined = plan(sub, tables, job);
      const windowCol = (n: string) => joined.columns.find((c) => c.name === n && isTimestamp(c.type));
      if (!joined.windowJoin || !windowCol('window_start') || !windowCol('window_end')) throw new PlanError(r.table!.pos, 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ...) over a join needs a window join there that selects window_start and window_end (a regular join\'s rows are a changelog: Top-N over it is not supported yet)');
      job.pinned = undefined;
      return windowRankAfterAggregate(s, r, joined, job);
    }
    if (!('tvf' in sub.from) || !(sub.groupBy || sub.groupingSets.length > 0)) throw new PlanError(r.table!.pos, 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ...) over a subquery needs a window aggregation there (GROUP BY window_start, window_end over a window TVF)');
    const input = plan(sub, tables, job);
    job.pinned = undefined;
    return windowRankAfterAggregate(s, r, input, job);
  }
  if ('rank' in s.from && s.from.rank.table) {
    const r = s.from.rank;
    const view = tables.get(r.table!.table);
    if (view?.windowProperties && ['window_start', 'window_end'].every((w) => r.partitionBy.some((p) => p.name === w))) {
      // A view of a window aggregation, ranked per window: Flink's Window Top-N over the view's windows.
      const last = scan(view, job);
      job.pinned = undefined;
      return windowRankAfterAggregate(s, r, { columns: view.columns, last }, job);
    }
    return planRank(s, r, joinInput(r.table!, tables, job), job);
  }
  if ('match' in s.from) {
    const m = s.from.match;
    const t = tables.get(m.table);
    if (!t) throw unknownTable(m.table, m.tablePos);
    job.pinned = t.def.options.get('connector')?.value === 'filesystem' ? 1 : undefined;
    return planMatchRecognize(s, m, t, job, scan(t, job));
  }
  const windowed = windowRelation(s.from);
  if (windowed || ('table' in s.from && s.from.query)) {
    const split = splitSubqueries(s.where);
    refuseNestedSubquery(split.rest);
    if (windowed && split.subqueries.length > 0) return planWindowSemiJoin(s, windowed, split.subqueries, split.rest, job, (q) => windowSide(q, tables, job));
    if (!('tvf' in s.from)) throw fromSubqueryError(s.from as TableRef);
  }
  const tvf = 'tvf' in s.from ? s.from.tvf : 'rank' in s.from ? s.from.rank.tvf : null;
  const fromName = tvf ? tvf.table : (s.from as { table: string }).table;
  const fromPos = tvf ? tvf.tablePos : (s.from as { pos: Pos }).pos;
  const table = tables.get(fromName);
  if (!table) throw unknownTable(fromName, fromPos);
  const rowScope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = table.columns.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; table ${table.def.name} has ${table.columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', c.name), type: c.type };
  };
  // A file source runs as one subtask: keep its rows there, in order, up to the first keyBy.
  job.pinned = table.def.options.get('connector')?.value === 'filesystem' ? 1 : undefined;
  let last = scan(table, job);
  if ('rank' in s.from) {
    job.pinned = undefined;
    return windowRank(s, s.from.rank, table, job, last, rowScope);
  }
  const tools: SemiTools = {
    scan: (name, pos) => {
      const t = tables.get(name);
      if (!t) throw unknownTable(name, pos);
      job.pinned = t.def.options.get('connector')?.value === 'filesystem' ? 1 : undefined;
      return { columns: t.columns, last: scan(t, job) };
    },
    plan: (q) => plan(q, tables, job),
  };
  const split = splitSubqueries(s.where);
  const { subqueries } = split;
  // IN under OR: joins that mark each row's match (subquery-or.ts); other subqueries there are refused.
  const marked = split.rest && subqueries.length === 0 ? planInUnderOr(split.rest, { name: (s.from as TableRef).alias ?? fromName, columns: table.columns, last }, job, tools) : null;
  if (!marked) refuseNestedSubquery(split.rest);
  const where = marked ? marked.where : split.rest;
  if (marked) last = marked.last;
  if (where) {
    const w = exprCode(where, marked ? (e) => ({ code: field('r', e.name), type: marked.columns.find((c) => c.name === e.name && e.qualifier === undefined)?.type ?? rowScope(e).type }) : rowScope, null);
    if (w.type.name !== 'BOOLEAN') throw new PlanError(where.pos, `WHERE needs a condition, but this is ${typeText(w.type)}`);
    last = job.add('where', 'filter', { code: fn(`(r) => ${w.code} === true`) }, last, 'WHERE');
  }
  if (subqueries.length > 0) {
    // SEMI / ANTI joins, one per subquery, after the rest of the WHERE (Flink pushes it below them).
    const ref = s.from as TableRef;
    for (const sub of subqueries) last = semiAntiJoin(sub, { name: ref.alias ?? ref.table, columns: table.columns, last }, job, tools);
  }
  if (hasOver(s)) {
    if ('tvf' in s.from) throw new PlanError(s.pos, 'OVER aggregations over a window TVF are not supported yet; select from the table');
    return overAggregate(s, table, job, last, rowScope);
  }
  if (!('tvf' in s.from)) {
    const aggregating = s.groupBy || s.groupingSets.length > 0 || s.having || s.items.some((i) => i.expr !== 'star' && hasAggregate(i.expr));
    if (s.distinct) checkDistinct(s, !!aggregating);
    if (aggregating && table.windowProperties && ['window_start', 'window_end'].every((w) => s.groupBy?.some((g) => g.kind === 'column' && g.name === w))) {
      // Flink propagates a window aggregation's window_start / window_end: grouped again, they are its windows.
      job.pinned = undefined;
      const tvf: WindowTvf = { fn: 'TUMBLE', pos: s.pos, table: table.def.name, tablePos: s.pos, timeCol: 'window_end', timeColPos: s.pos, intervals: [] };
      return attachedWindowAggregate(s, tvf, table.windowProperties, job, last, rowScope);
    }
    if (aggregating) return unpinned(job, groupAggregate(s, job, last, rowScope));
    if (!asView) job.pinned = undefined;
    const out: Column[] = [];
    const parts: string[] = [];
    // A column selected as it is stays a rowtime attribute (Flink keeps the time attribute through a
    // projection); inside a view its values stay timestamps, so the view's reader can window on it.
    const rowtimeIn = table.def.watermark?.column;
    let rowtime: string | undefined;
    const value = (code: string, type: SqlType, keep: boolean) => (asView && keep ? code : outputCode(code, type));
    s.items.forEach((item, i) => {
      if (item.expr === 'star') {
        for (const c of table.columns) {
          out.push(c);
          if (c.name === rowtimeIn) rowtime ??= c.name;
          parts.push(`${JSON.stringify(c.name)}: ${value(field('r', c.name), c.type, true)}`);
        }
        return;
      }
      const e = exprCode(item.expr, rowScope, null);
      const name = item.alias ?? itemName(item.expr, i);
      out.push({ name, type: e.type });
      if (item.expr.kind === 'column' && item.expr.name === rowtimeIn) rowtime ??= name;
      parts.push(`${JSON.stringify(name)}: ${value(e.code, e.type, true)}`);
    });
    last = job.add(asView ? `${table.def.name}_view` : 'select', 'map', { code: fn(`(r) => ({ ${parts.join(', ')} })`) }, last, 'SELECT');
    if (s.distinct) return { columns: out, last: distinctRows(job, out, last) };
    return { columns: out, last, ...(rowtime !== undefined ? { rowtime } : {}) };
  }
  if (s.distinct) checkDistinct(s, true);
  job.pinned = undefined;
  return windowAggregate(s, s.from.tvf, table, job, last, rowScope);
}

/** A window TVF query as a side of a window join: its table's scan, then the window join's projection. */
function windowSide(q: Select, tables: Map<string, Table>, job: JobBuilder) {
  const tvf = (q.from as { tvf: WindowTvf }).tvf;
  const t = tables.get(tvf.table);
  if (!t) throw unknownTable(tvf.table, tvf.tablePos);
  job.pinned = t.def.options.get('connector')?.value === 'filesystem' ? 1 : undefined;
  return windowTvfSide(q, t, job, scan(t, job));
}

/** A side of a join: a table's scan, or a subquery's plan. */
function joinInput(ref: TableRef, tables: Map<string, Table>, job: JobBuilder): JoinInput {
  if (ref.query && isWindowTvfQuery(ref.query)) return { ...windowSide(ref.query, tables, job), rowtime: null };
  if (ref.query) {
    const p = plan(ref.query, tables, job);
    return { columns: p.columns, last: p.last, rowtime: null, ...(p.windowProperties ? { window: attachedSide(p.windowProperties, ref.pos) } : {}) };
  }
  const t = tables.get(ref.table);
  if (!t) throw unknownTable(ref.table, ref.pos);
  job.pinned = t.def.options.get('connector')?.value === 'filesystem' ? 1 : undefined;
  // A view of a window aggregation: its window_start / window_end are windows (a window join's side).
  const window = t.windowProperties ? { window: attachedSide(t.windowProperties, ref.pos) } : {};
  const proctime = t.def.columns.find((c) => c.computed?.kind === 'call' && c.computed.name === 'PROCTIME')?.name ?? null;
  return { columns: t.columns, last: scan(t, job), rowtime: t.def.watermark?.column ?? null, proctime, primaryKey: t.def.primaryKey?.columns ?? null, ...window };
}

function unpinned(job: JobBuilder, planned: Planned): Planned {
  job.pinned = undefined;
  return planned;
}



/** EXPLAIN: the job's nodes in order, one per line. */
function describe(s: Select | Insert, tables: Map<string, Table>): string {
  const job = new JobBuilder();
  const schema = s.kind === 'insert' ? insert(s, tables, job) : query(s, tables, job, 'result');
  const lines = ['== Eddy job graph ==', ...job.nodes.map((n) => `${n.id}: ${n.kind}${n.name ? ` — ${n.name}` : ''}`)];
  lines.push(`== Output ${schema.name} ==`, schema.columns.map((c) => `${c.name} ${typeText(c.type)}`).join(', '));
  return lines.join('\n');
}
