/**
 * `eddy export --to flink-sql` for visual jobs (SQL scripts: flink-sql-script.ts). A visual job
 * exports node by node as CREATE TABLE and
 * CREATE TEMPORARY VIEW statements named after the nodes, when every node has a SQL form (see
 * docs/export.md); otherwise an ExportError names the first node that has none, and why.
 */
import type { JobDocument, JobEdge, JobNode, NodeOf } from '../graph/schema.js';
import { isCodeKey } from '../graph/schema.js';
import { fileRecords } from '../operators/file-lines.js';
import { ExportError } from './export-error.js';
import { type FieldResolver, jsObjectToSql, jsToSql, NotSimple, type SqlType } from './js-expression.js';

export const q = (name: string) => '`' + name.replace(/`/g, '``') + '`';
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `n` ms as a SQL interval: whole seconds where they are, else fractional seconds. */
export function intervalSql(ms: number): string {
  return ms % 1000 === 0 ? `INTERVAL '${ms / 1000}' SECOND` : `INTERVAL '${(ms / 1000).toFixed(3)}' SECOND`;
}

export const kafkaComment = (table: string, format: string) =>
  `-- On Kafka: replace the WITH clause above by\n--   WITH ('connector' = 'kafka', 'topic' = ${lit(table)}, 'properties.bootstrap.servers' = 'localhost:9092',\n--         'scan.startup.mode' = 'earliest-offset', 'format' = ${lit(format)})`;

/**
 * The text of each file source's input, by node id: the CLI reads the node's `path`, the IDE passes
 * the uploaded or fetched file. The export infers a file source's columns and types from it.
 */
export type FileInputs = Readonly<Record<string, string>>;

/**
 * The data files the script's filesystem tables read, beside it: the records of collection sources
 * as JSON lines, and the input of file sources (a CSV file without its header row: Flink's csv
 * format reads none). A file source whose input is not in `files` has none.
 */
export function flinkSqlDataFiles(job: JobDocument, files: FileInputs = {}): { path: string; text: string }[] {
  return job.nodes.flatMap((n) => {
    if (n.kind === 'source.collection') return [{ path: `${n.id}.jsonl`, text: n.params.records.map((r) => JSON.stringify(r)).join('\n') + '\n' }];
    if (n.kind !== 'source.file' || files[n.id] === undefined) return [];
    // Without blank lines: Eddy skips them, Flink's csv format fails on them ("Row length mismatch").
    const text = files[n.id]!;
    const start = n.params.format === 'jsonl' ? 0 : fileRecords(text, 'csv', n.params.columns).dataStart;
    const lines = text.split('\n').slice(start).filter((l) => l.trim() !== '');
    return [{ path: `${n.id}.${n.params.format === 'jsonl' ? 'jsonl' : 'csv'}`, text: lines.length ? `${lines.join('\n')}\n` : '' }];
  });
}

// --- visual jobs ----------------------------------------------------------------------------

interface Relation {
  readonly name: string;
  /** Columns in order (the rowtime column is not among them). */
  readonly columns: { name: string; type: SqlType }[];
  /** The event-time attribute column, when the relation has one. */
  readonly rowtime: string | null;
  /** The key field of a keyBy. */
  readonly key: string | null;
  /** A filter's relation: its input and condition, which a tumbling or sliding window folds into its WHERE. */
  readonly filterOf?: { base: Relation; cond: string };
}

const noSqlForm: Partial<Record<JobNode['kind'], string>> = {
  process: 'a process function has no SQL form; export to flink-java',
  connect: 'a connect (co-process function) has no SQL form; export to flink-java',
  reduce: 'a reduce function has no SQL form; export to flink-java',
  flatMap: 'a flatMap has no SQL form; export to flink-java',
  aggregate: 'a rolling aggregate emits one result per record, which Flink SQL does not (its GROUP BY emits a changelog); export to flink-java',
  'source.websocket': 'Flink has no WebSocket connector, so a WebSocket source has no CREATE TABLE',
  'sink.websocket': 'Flink has no WebSocket connector, so a WebSocket sink has no CREATE TABLE',
  'source.sse': 'Flink has no Server-Sent Events connector, so an SSE source has no CREATE TABLE',
  'cep.pattern': 'a CEP pattern (conditions as code) has no SQL form in this export (Flink SQL would need MATCH_RECOGNIZE); export to flink-java',
  'process.broadcast': 'broadcast state has no SQL form; export to flink-java',
  'join.sqlInterval': 'a SQL join node is made by the SQL compiler: export the SQL script itself (eddy export SCRIPT.sql --to flink-sql)',
  'join.regular': 'a SQL join node is made by the SQL compiler: export the SQL script itself (eddy export SCRIPT.sql --to flink-sql)',
  'join.semiAnti': 'a SQL join node is made by the SQL compiler: export the SQL script itself (eddy export SCRIPT.sql --to flink-sql)',
  'join.temporal': 'a SQL join node is made by the SQL compiler: export the SQL script itself (eddy export SCRIPT.sql --to flink-sql)',
  rank: 'a Top-N node is made by the SQL compiler: export the SQL script itself (eddy export SCRIPT.sql --to flink-sql)',
  asyncMap: 'an async function (Async I/O) has no SQL form; export to flink-java',
};

/** The job as a Flink SQL script; throws ExportError naming the first node without a SQL form. */
export function exportFlinkSql(job: JobDocument, sourceName: string, files: FileInputs = {}): string {
  const out: string[] = [`-- Flink SQL exported by Eddy from ${sourceName}${job.name ? ` (${job.name})` : ''}.`, "-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql", ''];
  if (job.parallelism !== 1) out.push(`SET 'parallelism.default' = '${job.parallelism}';`);
  if (job.checkpointing) out.push(`SET 'execution.checkpointing.interval' = '${job.checkpointing.intervalMs} ms';`);
  if (out.length > 3) out.push('');
  const relations = new Map<string, Relation>();
  const edgesInto = (id: string) => job.edges.filter((e) => e.to === id);
  /**
   * Views that only sinks have read so far: a sink inlines the view's query in its INSERT (without
   * the rowtime column), so that a job of source, filter, window and sink is one INSERT INTO …
   * SELECT, which Eddy's own SQL front end compiles too (the round trip); another reader writes the
   * CREATE TEMPORARY VIEW first.
   */
  const pending = new Map<string, { statement: string; sinkSelect: string; comment: string }>();
  const materialize = (r: Relation): Relation => {
    const v = pending.get(r.name);
    if (v) {
      out.push(v.statement);
      pending.delete(r.name);
    }
    return r;
  };
  const one = (n: JobNode, forSink = false): Relation => {
    const ins = edgesInto(n.id);
    if (ins.length !== 1) throw new ExportError(n.id, null, `has ${ins.length} inputs; only a union takes several`);
    return from(ins[0]!, forSink);
  };
  const from = (e: JobEdge, forSink = false): Relation => {
    if (e.fromPort !== 'out') throw new ExportError(e.from, null, `its side output "${e.fromPort}" has no SQL form; export to flink-java`);
    const r = relations.get(e.from)!;
    return forSink ? r : materialize(r);
  };
  const resolver =
    (...rels: Relation[]): FieldResolver =>
    (param, field) => {
      const r = rels[param];
      const c = r?.columns.find((x) => x.name === field);
      if (!r || !c) return null;
      return { sql: rels.length > 1 ? `${q(r.name)}.${q(field)}` : q(field), type: c.type };
    };
  const simple = <T>(n: JobNode, field: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof NotSimple) throw new ExportError(n.id, field, `the code is not a simple expression SQL can say (${e.message}); export to flink-java`);
      throw e;
    }
  };
  const view = (n: JobNode, select: string, sinkSelect?: string, comment = '') => {
    const statement = `${comment}CREATE TEMPORARY VIEW ${q(n.id)} AS\n${select};\n`;
    if (sinkSelect === undefined) out.push(statement);
    else pending.set(n.id, { statement, sinkSelect, comment });
  };
  const selectAll = (r: Relation) => [...r.columns.map((c) => q(c.name)), ...(r.rowtime ? [q(r.rowtime)] : [])].join(', ');

  for (const n of topological(job)) {
    const why = noSqlForm[n.kind];
    if (why) throw new ExportError(n.id, null, why);
    switch (n.kind) {
      case 'source.collection':
      case 'source.datagen':
      case 'source.file': {
        relations.set(n.id, sourceTable(n, job, out, files));
        break;
      }
      case 'watermarks': {
        const r = one(n);
        if (r.rowtime === null) throw new ExportError(n.id, null, 'a watermarks node has a SQL form only right after a source (as the WATERMARK clause of its CREATE TABLE)');
        relations.set(n.id, r);
        break;
      }
      case 'filter': {
        const r = one(n);
        const cond = simple(n, 'code', () => jsToSql(n.params.code, resolver(r)));
        const where = `FROM ${q(r.name)}\nWHERE ${cond.sql}`;
        view(n, `SELECT ${selectAll(r)}\n${where}`, `SELECT ${r.columns.map((c) => q(c.name)).join(', ')}\n${where}`);
        relations.set(n.id, { ...r, name: n.id, filterOf: { base: r, cond: cond.sql } });
        break;
      }
      case 'map': {
        const r = one(n);
        const cols = simple(n, 'code', () => jsObjectToSql(n.params.code, resolver(r)));
        const items = cols.map((c) => `${c.expr.sql} AS ${q(c.name)}`);
        const sinkSelect = `SELECT ${items.join(', ')}\nFROM ${q(r.name)}`;
        if (r.rowtime) items.push(q(r.rowtime));
        view(n, `SELECT ${items.join(', ')}\nFROM ${q(r.name)}`, sinkSelect);
        relations.set(n.id, { name: n.id, columns: cols.map((c) => ({ name: c.name, type: c.expr.type })), rowtime: r.rowtime, key: null });
        break;
      }
      case 'keyBy': {
        // A keyBy writes no SQL: its readers decide whether the view before it is needed.
        const r = one(n, true);
        if (n.params.field === undefined || n.params.field.includes('.')) throw new ExportError(n.id, 'code', 'a key function has no SQL form (GROUP BY a column); key by a top-level field');
        relations.set(n.id, { ...r, key: n.params.field });
        break;
      }
      case 'window': {
        // A filter right before a tumbling or sliding window becomes the window query's WHERE (a row's
        // windows do not depend on other rows); before a session window it stays a view.
        const input = one(n, true);
        const fold = input.filterOf !== undefined && (n.params.assigner.type === 'tumbling' || n.params.assigner.type === 'sliding') && pending.has(input.name);
        const { filterOf: _folded, ...plain } = input;
        const w = windowView(n, fold ? input : materialize(plain));
        view(n, w.select, w.sinkSelect, w.comment);
        relations.set(n.id, w.relation);
        break;
      }
      case 'join.interval':
        relations.set(n.id, intervalJoin(n, job, relations, out, simple, resolver));
        break;
      case 'join.window':
        relations.set(n.id, windowJoin(n, job, (e) => from(e), out, simple, resolver));
        break;
      case 'union': {
        const ins = edgesInto(n.id).map((e) => from(e));
        const cols = ins[0]!.columns.map((c) => c.name).join(',');
        if (ins.some((r) => r.columns.map((c) => c.name).join(',') !== cols)) throw new ExportError(n.id, null, 'SQL unions rows of the same columns only; the inputs differ');
        const rowtime = ins.every((r) => r.rowtime === ins[0]!.rowtime) ? ins[0]!.rowtime : null;
        view(n, ins.map((r) => `SELECT ${r.columns.map((c) => q(c.name)).join(', ')}${rowtime ? `, ${q(rowtime)}` : ''} FROM ${q(r.name)}`).join('\nUNION ALL\n'));
        relations.set(n.id, { name: n.id, columns: ins[0]!.columns, rowtime, key: null });
        break;
      }
      case 'sink.collect':
      case 'sink.file': {
        const r = one(n, true);
        const cols = r.columns.map((c) => `  ${q(c.name)} ${c.type}`).join(',\n');
        const p = n.params as { path?: string; format?: string };
        const w =
          n.kind === 'sink.collect'
            ? "WITH ('connector' = 'print')"
            : `WITH ('connector' = 'filesystem', 'path' = ${lit(p.path ?? `${n.id}-out`)}, 'format' = ${lit(p.format === 'csv' ? 'csv' : 'json')})`;
        out.push(`CREATE TABLE ${q(n.id)} (\n${cols}\n) ${w};\n`);
        const inline = pending.get(r.name);
        out.push(`${inline ? inline.comment : ''}INSERT INTO ${q(n.id)}\n${inline ? inline.sinkSelect : `SELECT ${r.columns.map((c) => q(c.name)).join(', ')}\nFROM ${q(r.name)}`};\n`);
        break;
      }
    }
  }
  return out.join('\n');
}

function topological(job: JobDocument): JobNode[] {
  const done = new Set<string>();
  const order: JobNode[] = [];
  while (order.length < job.nodes.length) {
    const n = job.nodes.find((x) => !done.has(x.id) && job.edges.every((e) => e.to !== x.id || done.has(e.from)));
    if (!n) throw new ExportError(null, null, 'the job has a cycle');
    done.add(n.id);
    order.push(n);
  }
  return order;
}

function columnType(values: unknown[], typed = false): SqlType {
  const v = values.filter((x) => x !== null && x !== undefined);
  if (typed && v.length === 0) throw new Error('no value');
  if (v.every((x) => typeof x === 'number')) return v.every((x) => Number.isInteger(x)) ? 'BIGINT' : 'DOUBLE';
  if (v.every((x) => typeof x === 'boolean')) return 'BOOLEAN';
  if (v.every((x) => typeof x === 'string')) return 'STRING';
  throw new Error('mixed');
}

/** CREATE TABLE for a source, with the WATERMARK of a watermarks node right after it. */
function sourceTable(n: NodeOf<'source.collection'> | NodeOf<'source.datagen'> | NodeOf<'source.file'>, job: JobDocument, out: string[], files: FileInputs): Relation {
  const next = job.edges.filter((e) => e.from === n.id && e.fromPort === 'out').map((e) => job.nodes.find((x) => x.id === e.to)!);
  const wm = next.length === 1 && next[0]!.kind === 'watermarks' ? (next[0] as NodeOf<'watermarks'>) : null;
  if (wm && wm.params.timestampField === undefined) throw new ExportError(wm.id, 'timestamp', 'a timestamp function has no SQL form; name the timestamp field (timestampField)');
  let columns: { name: string; type: SqlType }[];
  let withClause: string;
  let extra: string[] = [];
  let comment = '';
  let format = 'json';
  if (n.kind === 'source.file') {
    const p = n.params;
    const text = files[n.id];
    if (text === undefined) throw new ExportError(n.id, 'path', 'the export infers the columns and their types from the file, and has none: give it the file (in the IDE, choose the input file in the inspector)');
    const { records } = fileRecords(text, p.format, p.columns, p.timestampField);
    if (records.length === 0) throw new ExportError(n.id, 'path', 'the file has no record to infer the columns and their types from');
    if (records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) throw new ExportError(n.id, 'path', 'SQL rows are objects; the lines of the file are not all JSON objects');
    const names = p.format === 'csv' ? Object.keys(records[0] as object) : [...new Set(records.flatMap((r) => Object.keys(r as object)))];
    columns = names.map((name) => {
      const values = records.map((r) => (r as Record<string, unknown>)[name]);
      try {
        return { name, type: columnType(values, true) };
      } catch (e) {
        const why = (e as Error).message === 'no value' ? 'has no value in any record (only null or absent)' : 'holds values of several types or nested values';
        throw new ExportError(n.id, 'path', `field "${name}" of the file ${why}, so its SQL type cannot be inferred; SQL columns have one type`);
      }
    });
    format = p.format === 'csv' ? 'csv' : 'json';
    const data = `${n.id}.${p.format === 'csv' ? 'csv' : 'jsonl'}`;
    const options = [`'connector' = 'filesystem'`, `'path' = ${lit(data)}`, `'format' = ${lit(format)}`, ...(p.ignoreParseErrors ? [`'${format}.ignore-parse-errors' = 'true'`] : [])];
    withClause = `WITH (${options.join(', ')})`;
    comment = `-- The input of node ${n.id}${p.path ? ` (${p.path})` : ''}, as ${data} beside this script (written by eddy export --out${p.format === 'csv' && !p.columns ? "; without its header row, which Flink's csv format does not read" : ''}; blank lines left out); columns and types inferred from its ${records.length} record${records.length === 1 ? '' : 's'}.\n`;
  } else if (n.kind === 'source.collection') {
    const records = n.params.records;
    if (records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) throw new ExportError(n.id, 'records', 'SQL rows are objects; these records are not all objects');
    if (records.some((r) => Object.hasOwn(r as object, '$watermark'))) throw new ExportError(n.id, 'records', 'watermark markers in the records have no SQL form; export to flink-java');
    const names = [...new Set(records.flatMap((r) => Object.keys(r as object)))];
    columns = names.map((name) => {
      try {
        return { name, type: columnType(records.map((r) => (r as Record<string, unknown>)[name])) };
      } catch {
        throw new ExportError(n.id, 'records', `field "${name}" holds values of several types or nested values; SQL columns have one type`);
      }
    });
    withClause = `WITH ('connector' = 'filesystem', 'path' = ${lit(`${n.id}.jsonl`)}, 'format' = 'json')`;
    comment = `-- The records of node ${n.id}, one JSON object per line in ${n.id}.jsonl (written beside this script by eddy export --out).\n`;
  } else {
    const p = n.params;
    columns = [
      { name: 'key', type: 'STRING' },
      { name: 'value', type: 'BIGINT' },
      { name: 'ts', type: 'BIGINT' },
    ];
    extra = ['  `i` BIGINT', '  `k` INT', '  `key` AS CONCAT(\'key-\', CAST(`k` AS STRING))', '  `value` AS `i` % 100', `  \`ts\` AS ${p.startTs} + \`i\` * ${p.stepMs}`];
    const rows = p.count !== undefined ? `'number-of-rows' = '${p.count}', ` : '';
    withClause = `WITH ('connector' = 'datagen', ${rows}${p.ratePerSec !== undefined ? `'rows-per-second' = '${p.ratePerSec}', ` : ''}'fields.i.kind' = 'sequence', 'fields.i.start' = '0', 'fields.i.end' = '${p.count !== undefined ? p.count - 1 : '9223372036854775806'}', 'fields.k.min' = '0', 'fields.k.max' = '${p.keys - 1}')`;
    comment = `-- Eddy's generator as Flink's datagen: {key, value, ts} of the same shape; Flink draws other keys (and ${p.maxOutOfOrdernessMs ? 'no out-of-order jitter' : 'values follow the index'}).\n`;
  }
  let rowtime: string | null = null;
  const lines = n.kind === 'source.datagen' ? extra : columns.map((c) => `  ${q(c.name)} ${c.type}`);
  if (wm) {
    const field = wm.params.timestampField!;
    const c = columns.find((x) => x.name === field);
    if (c?.type !== 'BIGINT') throw new ExportError(wm.id, 'timestampField', `the field "${field}" is not a whole number of ms in every record`);
    rowtime = columns.some((x) => x.name === 'event_time') ? 'event_time_' : 'event_time';
    lines.push(`  ${q(rowtime)} AS TO_TIMESTAMP_LTZ(${q(field)}, 3)`);
    // Eddy's (and the DataStream API's) watermark is max − delay − 1; SQL's is max − delay.
    const delay = (wm.params.strategy === 'monotonous' ? 0 : wm.params.maxOutOfOrdernessMs) + 1;
    lines.push(`  WATERMARK FOR ${q(rowtime)} AS ${q(rowtime)} - ${intervalSql(delay)}`);
    if (wm.params.idleTimeoutMs !== undefined) out.push(`SET 'table.exec.source.idle-timeout' = '${wm.params.idleTimeoutMs} ms';`);
  }
  out.push(`${comment}CREATE TABLE ${q(n.id)} (\n${lines.join(',\n')}\n) ${withClause};`);
  out.push(kafkaComment(n.id, format), '');
  return { name: n.id, columns, rowtime, key: null };
}

const AGG: Record<string, (f: string) => string> = {
  sum: (f) => `SUM(${f})`,
  min: (f) => `MIN(${f})`,
  max: (f) => `MAX(${f})`,
  count: () => 'COUNT(*)',
  avg: (f) => `AVG(CAST(${f} AS DOUBLE))`,
};

/** A window node as a query: the view's SELECT (with the rowtime column) and a sink's (without). */
function windowView(n: NodeOf<'window'>, r: Relation): { select: string; sinkSelect: string; comment: string; relation: Relation } {
  const p = n.params;
  const a = p.assigner;
  const f = p.function;
  if (f.type !== 'aggregate') throw new ExportError(n.id, 'function', `a ${f.type} window function has no SQL form; export to flink-java`);
  const agg = AGG[f.fn];
  if (!agg) throw new ExportError(n.id, 'function.fn', `${f.fn} keeps a whole record, which SQL aggregates do not; export to flink-java`);
  if (p.trigger !== 'default') throw new ExportError(n.id, 'trigger', 'SQL windows fire when the watermark passes their end; a custom trigger has no SQL form');
  if (p.evictor !== null) throw new ExportError(n.id, 'evictor', 'an evictor has no SQL form');
  if (p.allowedLatenessMs > 0) throw new ExportError(n.id, 'allowedLatenessMs', 'SQL window aggregation has no allowed lateness (late rows are dropped)');
  if (p.lateOutput !== undefined) throw new ExportError(n.id, 'lateOutput', 'a late-data side output has no SQL form');
  if (a.type === 'global' || a.type === 'count') throw new ExportError(n.id, 'assigner', `${a.type} windows have no SQL form`);
  if (a.time === 'processing') throw new ExportError(n.id, 'assigner.time', 'processing-time windows are not exported to SQL; export to flink-java');
  if (r.rowtime === null) throw new ExportError(n.id, null, 'an event-time window in SQL needs a watermarks node right after the source');
  if ((a.type === 'tumbling' || a.type === 'sliding') && a.offsetMs !== 0) throw new ExportError(n.id, 'assigner.offsetMs', 'window offsets are not exported to SQL');
  if (a.type === 'session' && a.gapMs === undefined) throw new ExportError(n.id, 'assigner.gap', 'a dynamic session gap has no SQL form');
  const field = f.field !== undefined ? q(f.field) : '';
  if (f.field !== undefined && !r.columns.some((c) => c.name === f.field)) throw new ExportError(n.id, 'function.field', `the input has no column "${f.field}"`);
  const valueType: SqlType = f.fn === 'count' ? 'BIGINT' : f.fn === 'avg' ? 'DOUBLE' : r.columns.find((c) => c.name === f.field)!.type;
  const key = r.key;
  const keyCols = key ? [`${q(key)} AS \`key\``] : [];
  const rt = r.rowtime;
  const from = r.filterOf ? r.filterOf.base.name : r.name;
  const where = r.filterOf ? `\nWHERE ${r.filterOf.cond}` : '';
  const query = (withRowtime: boolean) => {
    const tvf =
      a.type === 'tumbling'
        ? `TUMBLE(TABLE ${q(from)}, DESCRIPTOR(${q(rt)}), ${intervalSql(a.sizeMs)})`
        : a.type === 'sliding'
          ? `HOP(TABLE ${q(from)}, DESCRIPTOR(${q(rt)}), ${intervalSql(a.slideMs)}, ${intervalSql(a.sizeMs)})`
          : // Sessions per key: the keyBy's field is the PARTITION BY.
            `SESSION(TABLE ${q(from)}${key ? ` PARTITION BY ${q(key)}` : ''}, DESCRIPTOR(${q(rt)}), ${intervalSql(a.gapMs!)})`;
    const items = [...keyCols, 'window_start AS `windowStart`', 'window_end AS `windowEnd`', `${agg(field)} AS \`value\``, ...(withRowtime ? [`window_time AS ${q(rt)}`] : [])];
    return `SELECT ${items.join(',\n       ')}\nFROM TABLE(${tvf})${where}\nGROUP BY ${['window_start', 'window_end', ...(withRowtime ? ['window_time'] : []), ...(key ? [q(key)] : [])].join(', ')}`;
  };
  const comment = `-- ${n.id}: Eddy's windowStart/windowEnd are ms since the epoch; SQL gives TIMESTAMP_LTZ(3) values.\n`;
  const relation: Relation = {
    name: n.id,
    columns: [...(key ? [{ name: 'key', type: r.columns.find((c) => c.name === key)?.type ?? 'STRING' }] : []), { name: 'windowStart', type: 'TIMESTAMP_LTZ(3)' }, { name: 'windowEnd', type: 'TIMESTAMP_LTZ(3)' }, { name: 'value', type: valueType }],
    rowtime: rt,
    key: null,
  };
  return { select: query(true), sinkSelect: query(false), comment, relation };
}

/**
 * `join.window` as Flink SQL's window join: both inputs windowed by the same TUMBLE or HOP TVF and
 * joined on window_start, window_end and the keys — every pair of one window, emitted when the
 * watermark passes its end, late rows dropped (the DataStream join's default trigger, no
 * lateness). The subqueries carry their input's name, so the code's `l.x` / `r.y` resolve as in
 * the interval join.
 */
function windowJoin(
  n: NodeOf<'join.window'>,
  job: JobDocument,
  from: (e: JobEdge) => Relation,
  out: string[],
  simple: <T>(n: JobNode, field: string, f: () => T) => T,
  resolver: (...rels: Relation[]) => FieldResolver,
): Relation {
  const side = (port: 'in1' | 'in2') => {
    const e = job.edges.filter((x) => x.to === n.id && x.toPort === port);
    if (e.length !== 1) throw new ExportError(n.id, null, `needs one input on ${port}`);
    return from(e[0]!);
  };
  const l = side('in1');
  const r = side('in2');
  const p = n.params;
  const w = p.window;
  const a = w.assigner;
  if (isCodeKey(p.leftKey) || isCodeKey(p.rightKey)) throw new ExportError(n.id, isCodeKey(p.leftKey) ? 'leftKey' : 'rightKey', 'a key function has no SQL form; join on fields');
  if (w.trigger !== 'default') throw new ExportError(n.id, 'window.trigger', 'a SQL window join fires when the watermark passes the window end; a custom trigger has no SQL form');
  if (w.evictor !== null) throw new ExportError(n.id, 'window.evictor', 'an evictor has no SQL form');
  if (w.allowedLatenessMs > 0) throw new ExportError(n.id, 'window.allowedLatenessMs', 'a SQL window join has no allowed lateness (late rows are dropped)');
  if (a.type !== 'tumbling' && a.type !== 'sliding') throw new ExportError(n.id, 'window.assigner', `a window join on ${a.type} windows is not exported to SQL (TUMBLE and HOP are); export to flink-java`);
  if (a.time === 'processing') throw new ExportError(n.id, 'window.assigner.time', 'processing-time windows are not exported to SQL; export to flink-java');
  if (a.offsetMs !== 0) throw new ExportError(n.id, 'window.assigner.offsetMs', 'window offsets are not exported to SQL');
  if (l.rowtime === null || r.rowtime === null) throw new ExportError(n.id, null, 'a window join in SQL needs event time (a watermarks node after each source)');
  if (l.name === r.name) throw new ExportError(n.id, null, 'a self-join is not exported to SQL');
  const cols = simple(n, 'code', () => jsObjectToSql(p.code, resolver(l, r)));
  const tvf = (x: Relation) =>
    `(SELECT * FROM TABLE(${a.type === 'tumbling' ? `TUMBLE(TABLE ${q(x.name)}, DESCRIPTOR(${q(x.rowtime!)}), ${intervalSql(a.sizeMs)})` : `HOP(TABLE ${q(x.name)}, DESCRIPTOR(${q(x.rowtime!)}), ${intervalSql(a.slideMs)}, ${intervalSql(a.sizeMs)})`})) ${q(x.name)}`;
  out.push(
    `CREATE TEMPORARY VIEW ${q(n.id)} AS\nSELECT ${cols.map((c) => `${c.expr.sql} AS ${q(c.name)}`).join(', ')}\nFROM ${tvf(l)}\nJOIN ${tvf(r)}\nON ${q(l.name)}.window_start = ${q(r.name)}.window_start AND ${q(l.name)}.window_end = ${q(r.name)}.window_end\n  AND ${q(l.name)}.${q(p.leftKey)} = ${q(r.name)}.${q(p.rightKey)};\n`,
  );
  return { name: n.id, columns: cols.map((c) => ({ name: c.name, type: c.expr.type })), rowtime: null, key: null };
}

function intervalJoin(
  n: NodeOf<'join.interval'>,
  job: JobDocument,
  relations: Map<string, Relation>,
  out: string[],
  simple: <T>(n: JobNode, field: string, f: () => T) => T,
  resolver: (...rels: Relation[]) => FieldResolver,
): Relation {
  const side = (port: 'in1' | 'in2') => {
    const e = job.edges.filter((x) => x.to === n.id && x.toPort === port);
    if (e.length !== 1 || e[0]!.fromPort !== 'out') throw new ExportError(n.id, null, `needs one main-output input on ${port}`);
    return relations.get(e[0]!.from)!;
  };
  const l = side('in1');
  const r = side('in2');
  const p = n.params;
  if (isCodeKey(p.leftKey) || isCodeKey(p.rightKey)) throw new ExportError(n.id, isCodeKey(p.leftKey) ? 'leftKey' : 'rightKey', 'a key function has no SQL form; join on fields');
  if (l.rowtime === null || r.rowtime === null) throw new ExportError(n.id, null, 'an interval join in SQL needs event time (a watermarks node after each source)');
  if (l.name === r.name) throw new ExportError(n.id, null, 'a self-join is not exported to SQL');
  const cols = simple(n, 'code', () => jsObjectToSql(p.code, resolver(l, r)));
  const bound = (ms: number) => (ms === 0 ? `${q(l.name)}.${q(l.rowtime!)}` : `${q(l.name)}.${q(l.rowtime!)} ${ms < 0 ? '-' : '+'} ${intervalSql(Math.abs(ms))}`);
  out.push(
    `CREATE TEMPORARY VIEW ${q(n.id)} AS\nSELECT ${cols.map((c) => `${c.expr.sql} AS ${q(c.name)}`).join(', ')}\nFROM ${q(l.name)}, ${q(r.name)}\nWHERE ${q(l.name)}.${q(p.leftKey)} = ${q(r.name)}.${q(p.rightKey)}\n  AND ${q(r.name)}.${q(r.rowtime)} BETWEEN ${bound(p.lowerMs)} AND ${bound(p.upperMs)};\n`,
  );
  return { name: n.id, columns: cols.map((c) => ({ name: c.name, type: c.expr.type })), rowtime: null, key: null };
}
