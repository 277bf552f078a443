/**
 * The CLI's SQL scripts: `eddy compile SCRIPT.sql` prints the `eddy/job@1` document, and
 * `eddy run SCRIPT.sql` compiles before running (EXPLAIN statements print their plan). Errors
 * print as `SCRIPT.sql:line:column: sentence`, all at once, and exit 2.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compileSql, type SqlCompile } from '../sql/compile.js';
import { formatSqlError } from '../sql/parse.js';
import type { CliStreams } from './main.js';

export const isSqlPath = (path: string) => path.toLowerCase().endsWith('.sql');

/** The compiled script, or null after printing why not. */
export function loadSql(path: string, streams: CliStreams): Extract<SqlCompile, { ok: true }> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    streams.stderr(`eddy: cannot read the SQL script "${path}": ${(e as Error).message}\n`);
    return null;
  }
  const compiled = compileSql(text, basename(path));
  if (!compiled.ok) {
    streams.stderr(`eddy: ${path} has ${compiled.errors.length} error${compiled.errors.length === 1 ? '' : 's'}:\n`);
    for (const e of compiled.errors) streams.stderr(`${path}:${formatSqlError(e)}\n`);
    return null;
  }
  return compiled;
}

/** `eddy compile SCRIPT.sql`: exit 0 with the job document on stdout, 2 on errors. */
export function compileMain(argv: readonly string[], streams: CliStreams): number {
  const path = argv[1];
  if (!path || argv.length > 2 || !isSqlPath(path)) {
    streams.stderr('usage: eddy compile SCRIPT.sql   prints the eddy/job@1 document the script compiles to\n');
    return 2;
  }
  const compiled = loadSql(path, streams);
  if (!compiled) return 2;
  streams.stdout(JSON.stringify(compiled.job, null, 2) + '\n');
  return 0;
}
