/**
 * The examples in public/examples/ as validated jobs (SQL scripts compiled by Eddy's SQL front
 * end), for the export tests and goldens. Node only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobDocument } from '../graph/schema.js';
import type { SinkSchema } from '../sql/compile.js';
import { validateJob } from '../graph/validate.js';
import { compileSql } from '../sql/compile.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../public/examples/', import.meta.url));

export interface Example {
  /** `late-data` for late-data.json, `sql-hop-totals` for sql/hop-totals.sql. */
  readonly name: string;
  readonly file: string;
  readonly job: JobDocument;
  /** The script's text, for SQL examples. */
  readonly sql?: string;
  /** The script's sink tables, for SQL examples. */
  readonly sinks?: readonly SinkSchema[];
}

export function loadExamples(): Example[] {
  const out: Example[] = [];
  for (const f of readdirSync(EXAMPLES_DIR).sort()) {
    if (!f.endsWith('.json') || f === 'index.json') continue;
    const v = validateJob(JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')));
    if (!v.ok) throw new Error(`example ${f} is not a valid job`);
    out.push({ name: f.replace(/\.json$/, ''), file: f, job: v.job as JobDocument });
  }
  for (const f of readdirSync(join(EXAMPLES_DIR, 'sql')).sort()) {
    if (!f.endsWith('.sql')) continue;
    const sql = readFileSync(join(EXAMPLES_DIR, 'sql', f), 'utf8');
    const c = compileSql(sql, f);
    if (!c.ok) throw new Error(`example sql/${f} does not compile`);
    out.push({ name: `sql-${f.replace(/\.sql$/, '')}`, file: f, job: c.job, sql, sinks: c.sinks });
  }
  return out;
}
