/**
 * `eddy export SCRIPT.sql --to flink-sql`: a SQL script made runnable on Flink — each bare SELECT
 * gets a print table and an INSERT INTO, Eddy's own options ('eddy.*') leave with a comment, a
 * comment shows each source on Kafka. Kept apart from flink-sql.ts: it needs Eddy's SQL front end,
 * which pages that export visual jobs need not load.
 */
import { type SinkSchema, compileSql } from '../sql/compile.js';
import type { JobDocument } from '../graph/schema.js';
import { parseSql } from '../sql/parse.js';
import { typeText } from '../sql/types.js';
import { ExportError } from './export-error.js';
import { kafkaComment, q } from './flink-sql.js';

/** A SQL script made runnable on Flink; throws ExportError when it does not compile in Eddy. */
export function exportSqlScript(text: string, sourceName: string): string {
  const compiled = compileSql(text, sourceName);
  if (!compiled.ok) throw new ExportError(null, null, `the script does not compile: ${compiled.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('; ')}`);
  const parsed = parseSql(text);
  if (!parsed.ok) throw new ExportError(null, null, 'the script does not parse');
  const out: string[] = [`-- Flink SQL exported by Eddy from ${sourceName}.`, '-- Run it with Flink\'s SQL client: ./bin/sql-client.sh -f job.sql', ''];
  let sinkIndex = 0;
  let selects = 0;
  const insertTargets = new Set(compiled.sinks.map((s) => s.name));
  for (const s of parsed.tree.singleStatement()) {
    const sql = s.sqlStatement();
    if (!sql?.start || !sql.stop) continue;
    let stmt = text.slice(sql.start.start, sql.stop.stop + 1).trim();
    const dml = sql.dmlStatement();
    if (dml?.queryStatement()) {
      selects++;
      const sink = compiled.sinks[sinkIndex++]!;
      const name = selects === 1 ? 'result' : `result_${selects}`;
      const cols = sink.columns.map((c) => `  ${q(c.name)} ${typeText(c.type)}`).join(',\n');
      out.push(`-- Eddy prints a bare SELECT as the sink "${name}"; Flink runs INSERT INTO a print table.\nCREATE TABLE ${q(name)} (\n${cols}\n) WITH ('connector' = 'print');\n`);
      out.push(`INSERT INTO ${q(name)}\n${stmt};\n`);
      continue;
    }
    if (dml?.insertStatement()) sinkIndex++;
    const create = sql.ddlStatement()?.createTable()?.simpleCreateTable();
    if (create) {
      const removed: string[] = [];
      // Eddy's own options ('eddy.*') mean nothing to Flink.
      stmt = stmt.replace(/,?\s*'eddy\.[\w.-]+'\s*=\s*'(?:[^']|'')*'/g, (m) => (removed.push(m.replace(/^,?\s*/, '')), '')).replace(/WITH\s*\(\s*,/i, 'WITH (');
      const name = create.tablePathCreate().getText().replace(/`/g, '');
      const connector = /'connector'\s*=\s*'([^']*)'/.exec(stmt)?.[1];
      const notes: string[] = [];
      if (removed.length) notes.push(`-- Eddy-only option${removed.length > 1 ? 's' : ''} left out: ${removed.join(', ')} (Flink's datagen draws timestamps near the current time).`);
      if (connector === 'filesystem') notes.push("-- 'path': Flink reads it relative to the SQL client's working directory; an absolute path or URI is safer.");
      out.push(`${notes.length ? notes.join('\n') + '\n' : ''}${stmt};`);
      if (!insertTargets.has(name) && connector !== 'print' && connector !== 'blackhole') out.push(kafkaComment(name, /'format'\s*=\s*'([^']*)'/.exec(stmt)?.[1] ?? 'json'));
      out.push('');
      continue;
    }
    out.push(`${stmt};\n`);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * What "Export to Flink…" needs of a SQL script, in one call (the IDE makes it in its SQL worker,
 * where the parser lives): the job it compiles to with its sinks (for the DataStream project), and
 * the script made runnable by Flink's SQL client, or why not.
 */
export type SqlScriptForFlink =
  | { readonly ok: true; readonly job: JobDocument; readonly sinks: readonly SinkSchema[]; readonly flinkSql: { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string } }
  | { readonly ok: false; readonly problems: number };

/** `name`: the script's file name stem (its sinks' and project's names come from it). */
export function sqlScriptForFlink(text: string, name: string): SqlScriptForFlink {
  const compiled = compileSql(text, name);
  if (!compiled.ok) return { ok: false, problems: compiled.errors.length };
  let flinkSql: { ok: true; text: string } | { ok: false; message: string };
  try {
    flinkSql = { ok: true, text: exportSqlScript(text, `${name}.sql`) };
  } catch (e) {
    flinkSql = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  return { ok: true, job: compiled.job, sinks: compiled.sinks, flinkSql };
}
