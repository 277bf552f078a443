/**
 * `eddy export JOB.json|SCRIPT.sql --to flink-sql|flink-java [--out DIR] [--input NODE=FILE]`: the
 * job as a Flink SQL script (stdout, or DIR/job.sql, with the data files its tables read) or as a
 * Maven project in DIR. The SQL of a file source takes its columns from the file (its `path`, or
 * `--input`). Exit 2 with the node and the reason when the job has no form in the target, or on
 * bad usage.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ExportError } from '../export/export-error.js';
import type { JobDocument } from '../graph/schema.js';
import type { SinkSchema } from '../sql/compile.js';
import { exportFlinkJava } from '../export/flink-java.js';
import { stripTypes } from '../export/strip-types.js';
import { loadCliJob } from './load-job.js';
import type { CliStreams } from './main.js';
import { isSqlPath, loadSql } from './sql-cli.js';

const USAGE = 'usage: eddy export JOB.json|SCRIPT.sql --to flink-sql|flink-java [--out DIR] [--input NODE=FILE]';

export async function exportMain(argv: readonly string[], streams: CliStreams): Promise<number> {
  let path: string | undefined;
  let to: string | undefined;
  let out: string | undefined;
  const inputs = new Map<string, string>();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--to') to = argv[++i];
    else if (a === '--out') out = argv[++i];
    else if (a === '--input') {
      const v = argv[++i] ?? '';
      const k = v.indexOf('=');
      if (k <= 0 || k === v.length - 1) {
        streams.stderr(`eddy export: --input takes NODE=FILE, got "${v}"\n${USAGE}\n`);
        return 2;
      }
      inputs.set(v.slice(0, k), v.slice(k + 1));
    }
    else if (!a.startsWith('--') && path === undefined) path = a;
    else {
      streams.stderr(`eddy export: unknown argument "${a}"\n${USAGE}\n`);
      return 2;
    }
  }
  if (path === undefined || (to !== 'flink-sql' && to !== 'flink-java')) {
    streams.stderr(`${USAGE}\n`);
    return 2;
  }
  if (to === 'flink-java' && out === undefined) {
    streams.stderr(`eddy export: --to flink-java writes a Maven project: name its folder with --out DIR\n${USAGE}\n`);
    return 2;
  }
  try {
    if (to === 'flink-sql') {
      const { exportFlinkSql, flinkSqlDataFiles } = await import('../export/flink-sql.js');
      const { exportSqlScript } = await import('../export/flink-sql-script.js');
      let sql: string;
      let data: { path: string; text: string }[] = [];
      if (isSqlPath(path)) {
        if (loadSql(path, streams) === null) return 2;
        sql = exportSqlScript(readFileSync(path, 'utf8'), basename(path));
      } else {
        const loaded = loadCliJob(path, undefined, inputs, streams);
        if (loaded === null) return 2;
        // File sources: their files (by path, beside the job file, or --input), for the columns.
        const files: Record<string, string> = {};
        for (const n of loaded.job.nodes) {
          if (n.kind !== 'source.file' || (n.params.path === undefined && !loaded.filePaths.has(n.id))) continue;
          const file = loaded.filePaths.get(n.id) ?? resolve(loaded.baseDir, n.params.path!);
          try {
            files[n.id] = readFileSync(file, 'utf8');
          } catch (e) {
            streams.stderr(`eddy: cannot export ${path} to ${to}: node ${n.id}, params.path: cannot read its file, whose columns the SQL needs: ${(e as Error).message}\n`);
            return 2;
          }
        }
        sql = exportFlinkSql(loaded.job, basename(path), files);
        // The filesystem tables of collection and file sources read their data beside the script.
        data = flinkSqlDataFiles(loaded.job, files);
      }
      if (out === undefined) streams.stdout(sql);
      else {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'job.sql'), sql);
        for (const f of data) writeFileSync(join(out, f.path), f.text);
        streams.stderr(`eddy: wrote ${join(out, 'job.sql')}${data.length ? ` and ${data.map((f) => f.path).join(', ')}` : ''}\n`);
      }
      return 0;
    }
    let job: JobDocument;
    let sql: string | undefined;
    let sqlSinks: SinkSchema[] | undefined;
    if (isSqlPath(path)) {
      const compiled = loadSql(path, streams);
      if (compiled === null) return 2;
      job = compiled.job;
      sql = readFileSync(path, 'utf8');
      sqlSinks = compiled.sinks;
    } else {
      const loaded = loadCliJob(path, undefined, inputs, streams);
      if (loaded === null) return 2;
      job = loaded.job;
    }
    const files = exportFlinkJava(job, { sourceName: basename(path), stripTypes, sql, sqlSinks });
    for (const f of files) {
      const target = join(out!, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.text);
    }
    streams.stderr(`eddy: wrote a Maven project of ${files.length} files to ${out}; build it with: cd ${out} && mvn package\n`);
    return 0;
  } catch (e) {
    if (e instanceof ExportError) {
      streams.stderr(`eddy: cannot export ${path} to ${to}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
