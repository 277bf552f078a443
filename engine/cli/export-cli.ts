/**
 * `eddy export JOB.json|SCRIPT.sql --to flink-sql|flink-java [--out DIR]`: the job as a Flink SQL
 * script (stdout, or DIR/job.sql) or as a Maven project in DIR. Exit 2 with the node and the
 * reason when the job has no form in the target, or on bad usage.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExportError } from '../export/export-error.js';
import type { JobDocument } from '../graph/schema.js';
import { exportFlinkJava } from '../export/flink-java.js';
import { stripTypes } from '../export/strip-types.js';
import { loadCliJob } from './load-job.js';
import type { CliStreams } from './main.js';
import { isSqlPath, loadSql } from './sql-cli.js';

const USAGE = 'usage: eddy export JOB.json|SCRIPT.sql --to flink-sql|flink-java [--out DIR]';

export async function exportMain(argv: readonly string[], streams: CliStreams): Promise<number> {
  let path: string | undefined;
  let to: string | undefined;
  let out: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--to') to = argv[++i];
    else if (a === '--out') out = argv[++i];
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
      if (isSqlPath(path)) {
        if (loadSql(path, streams) === null) return 2;
        sql = exportSqlScript(readFileSync(path, 'utf8'), basename(path));
      } else {
        const loaded = loadCliJob(path, undefined, new Map(), streams);
        if (loaded === null) return 2;
        sql = exportFlinkSql(loaded.job, basename(path));
      }
      if (out === undefined) streams.stdout(sql);
      else {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'job.sql'), sql);
        // The filesystem tables of collection sources read their records beside the script.
        if (!isSqlPath(path)) for (const f of flinkSqlDataFiles(loadCliJob(path, undefined, new Map(), streams)!.job)) writeFileSync(join(out, f.path), f.text);
        streams.stderr(`eddy: wrote ${join(out, 'job.sql')}\n`);
      }
      return 0;
    }
    let job: JobDocument;
    if (isSqlPath(path)) {
      const compiled = loadSql(path, streams);
      if (compiled === null) return 2;
      job = compiled.job;
    } else {
      const loaded = loadCliJob(path, undefined, new Map(), streams);
      if (loaded === null) return 2;
      job = loaded.job;
    }
    const files = exportFlinkJava(job, { sourceName: basename(path), stripTypes });
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
