/**
 * The tables of a SQL script: CREATE TABLE checked into a `Table` (columns, computed columns,
 * primary key, connector, WATERMARK FOR), and a table scan planned into the job — the connector's
 * source node (filesystem → `source.file`, datagen → `source.datagen`), a map typing its rows
 * and computing its computed columns, and with WATERMARK FOR a watermarks node.
 */
import type { CreateTable, Expr } from './ast.js';
import { castCode, exprCode, field, PlanError } from './codegen.js';
import { type Column, fn, type JobBuilder, type Table } from './job-builder.js';
import { isNumeric, isTimestamp, type SqlType, typeText } from './types.js';

export function createTable(def: CreateTable): Table {
  const columns: Column[] = [];
  const scope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = columns.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name} in table ${def.name}; its columns are ${columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', c.name), type: c.type };
  };
  for (const c of def.columns) {
    if (columns.some((x) => x.name === c.name)) throw new PlanError(c.pos, `column ${c.name} is defined twice`);
    columns.push({ name: c.name, type: c.type ?? (isProctime(c.computed) ? PROCTIME_TYPE : exprCode(c.computed!, scope, null).type) });
  }
  for (const k of def.primaryKey?.columns ?? []) if (!columns.some((c) => c.name === k)) throw new PlanError(def.primaryKey!.pos, `PRIMARY KEY (${k}): table ${def.name} has no column ${k}`);
  const connector = def.options.get('connector');
  if (!connector) throw new PlanError(def.pos, `table ${def.name} needs WITH ('connector' = ...): filesystem, datagen, print or blackhole`);
  if (!['filesystem', 'datagen', 'print', 'blackhole'].includes(connector.value)) {
    throw new PlanError(connector.pos, `the connector '${connector.value}' is not supported; use filesystem, datagen, print or blackhole`);
  }
  if (def.watermark) {
    const wm = def.watermark;
    const col = columns.find((c) => c.name === wm.column);
    if (!col) throw new PlanError(wm.pos, `WATERMARK FOR ${wm.column}: table ${def.name} has no column ${wm.column}`);
    if (!isTimestamp(col.type)) throw new PlanError(wm.pos, `WATERMARK FOR ${wm.column}: the column is ${typeText(col.type)}; a rowtime column must be TIMESTAMP(3) or TIMESTAMP_LTZ(3)`);
    watermarkDelay(def);
  }
  return { def, columns };
}

const PROCTIME_TYPE: SqlType = { name: 'TIMESTAMP_LTZ', precision: 3 };

/** `c AS PROCTIME()`: a processing-time attribute (its arguments checked). */
function isProctime(e: Expr | undefined): boolean {
  if (e?.kind !== 'call' || e.name !== 'PROCTIME') return false;
  if (e.args.length !== 0) throw new PlanError(e.pos, 'PROCTIME() takes no arguments');
  return true;
}

/** The delay d of `WATERMARK FOR c AS c - INTERVAL ...` (0 for `AS c`). */
function watermarkDelay(def: CreateTable): number {
  const wm = def.watermark!;
  const e = wm.expr;
  if (e.kind === 'column' && e.name === wm.column) return 0;
  if (e.kind === 'binary' && e.op === '-' && e.left.kind === 'column' && e.left.name === wm.column && e.right.kind === 'interval') return e.right.ms;
  throw new PlanError(e.pos, `WATERMARK FOR ${wm.column} AS ...: only "${wm.column} - INTERVAL 'n' unit" and "${wm.column}" are supported yet`);
}

/** Source → typed rows → watermarks (a view: its query's plan); the id of the last node. */
export function scan(t: Table, job: JobBuilder): string {
  if (t.view) return t.view(job);
  const def = t.def;
  const opt = (k: string) => def.options.get(k)?.value;
  const connector = opt('connector')!;
  let src: string;
  let raw: (c: Column, i: number) => string;
  if (connector === 'filesystem') {
    const format = opt('format');
    const path = opt('path');
    if (!path) throw new PlanError(def.pos, `table ${def.name}: the filesystem connector needs 'path'`);
    if (format !== 'json' && format !== 'csv') throw new PlanError(def.options.get('format')?.pos ?? def.pos, `table ${def.name}: 'format' must be 'json' or 'csv'`);
    const physical = def.columns.filter((c) => !c.computed).map((c) => c.name);
    // Flink's default: a malformed line fails the job, naming it (the file source does so when its
    // "errors" output is not wired); `<format>.ignore-parse-errors` skips such lines instead.
    const skip = opt(`${format}.ignore-parse-errors`) === 'true';
    src = job.add(def.name, 'source.file', { path, format: format === 'json' ? 'jsonl' : 'csv', ...(format === 'csv' ? { columns: physical } : {}), ...(skip ? { ignoreParseErrors: true } : {}) }, null, `${def.name} (filesystem, ${format})`);
    raw = (c) => field('r', c.name);
  } else if (connector === 'datagen') {
    src = datagenSource(t, job);
    raw = (c, i) => datagenField(def, c, i);
  } else {
    throw new PlanError(def.pos, `table ${def.name} uses the '${connector}' connector, which is a sink: INSERT INTO it instead of reading it`);
  }
  const physical = t.columns.filter((c) => !def.columns.find((d) => d.name === c.name)!.computed);
  const lines = physical.map((c, i) => `o[${JSON.stringify(c.name)}] = ${castCode(raw(c, i), c.type, c.name)};`);
  const scope = (e: Extract<Expr, { kind: 'column' }>) => {
    const c = t.columns.find((x) => x.name === e.name)!;
    return { code: field('o', c.name), type: c.type };
  };
  let proctime = false;
  for (const d of def.columns) {
    if (!d.computed) continue;
    // PROCTIME() is the task's processing time (the job's clock, virtual or wall), as Flink
    // materializes it from the operator's timer service: a process function, to reach ctx.
    proctime ||= isProctime(d.computed);
    lines.push(`o[${JSON.stringify(d.name)}] = ${isProctime(d.computed) ? 'ctx.currentProcessingTime()' : exprCode(d.computed, scope, null).code};`);
  }
  const body = `const o = {}; ${lines.join(' ')} return o;`;
  let last = proctime
    ? job.add(`${def.name}_rows`, 'process', { code: fn(`{ onElement(r, ctx, out) { out.collect(((r) => { ${body} })(r)); } }`) }, src, `${def.name} rows`)
    : job.add(`${def.name}_rows`, 'map', { code: fn(`(r) => { ${body} }`) }, src, `${def.name} rows`);
  if (def.watermark) {
    const d = watermarkDelay(def);
    if (d < 1) throw new PlanError(def.watermark.pos, `WATERMARK FOR ${def.watermark.column} AS ${def.watermark.column} (no delay) is not supported yet; subtract at least INTERVAL '0.001' SECOND`);
    // Flink SQL's watermark is the expression's value, max − d; the watermarks node emits max − B − 1.
    last = job.add(`${def.name}_watermarks`, 'watermarks', { timestampField: def.watermark.column, strategy: 'bounded-out-of-orderness', maxOutOfOrdernessMs: d - 1, intervalMs: 0 }, last, `WATERMARK ${def.watermark.column} - ${d} ms`);
  }
  return last;
}

/** A datagen table's source node: Eddy's generator at the table's rate, row count and start time. */
function datagenSource(t: Table, job: JobBuilder): string {
  const def = t.def;
  const opt = (k: string) => def.options.get(k)?.value;
  const rows = opt('number-of-rows');
  const rate = opt('rows-per-second');
  const start = opt('eddy.start-time');
  const startTs = start ? Date.parse(start.replace(' ', 'T') + 'Z') : 0;
  if (Number.isNaN(startTs)) throw new PlanError(def.options.get('eddy.start-time')!.pos, `'eddy.start-time' must be a timestamp such as '2024-01-01 00:00:00'`);
  return job.add(def.name, 'source.datagen', {
    ...(rows !== undefined ? { count: Number(rows) } : {}),
    ratePerSec: rate !== undefined ? Number(rate) : 10000,
    seed: Number(opt('eddy.seed') ?? 1),
    keys: 1000,
    startTs,
    stepMs: Number(opt('eddy.step-ms') ?? 1000),
  }, null, `${def.name} (datagen)`);
}

/** A column of a datagen row: timestamps are the generator's event time; others random per field, from the record. */
function datagenField(def: CreateTable, c: Column, i: number): string {
  const o = (k: string) => def.options.get(`fields.${c.name}.${k}`)?.value;
  const kind = o('kind') ?? 'random';
  if (kind !== 'random') throw new PlanError(def.options.get(`fields.${c.name}.kind`)!.pos, `fields.${c.name}.kind = '${kind}' is not supported yet; use 'random'`);
  const h = `(((Math.imul((r.value * 2654435761) ^ (r.ts + ${i * 40503}), 2246822519) >>> 0) ^ ${(i + 1) * 3266489917 >>> 0}) >>> 0)`;
  if (isTimestamp(c.type)) return 'r.ts';
  if (isNumeric(c.type)) {
    const min = Number(o('min') ?? 0);
    const max = Number(o('max') ?? (c.type.name === 'INT' ? 2147483647 : 1000));
    return c.type.name === 'INT' || c.type.name === 'BIGINT' ? `(${min} + (${h} % ${max - min + 1}))` : `(${min} + (${h} / 4294967296) * ${max - min})`;
  }
  if (c.type.name === 'BOOLEAN') return `(${h} % 2 === 0)`;
  const len = Number(o('length') ?? 10);
  return `Array.from({ length: ${len} }, (_, k) => 'abcdefghijklmnopqrstuvwxyz'[(Math.imul(${h} + k, 2654435761) >>> 0) % 26]).join('')`;
}
