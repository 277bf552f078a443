/**
 * SQL joins beyond two plain tables give Flink's results on every host: the window joins, joins
 * of three tables and USING / NATURAL joins of test/flink/cases/ (their rows recorded from Flink
 * 2.3 by the oracle) inline and in worker slots at parallelism 1 and 2. Append-only results
 * compare as multisets; changelogs by the table they build (which file's row comes first decides
 * the change rows, in Flink too).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { runJob } from '../engine/run-job.js';
import { compileSql } from '../engine/sql/compile.js';
import { sqlRowLine } from '../engine/sql/output.js';

const CASES = join(dirname(new URL(import.meta.url).pathname), 'flink', 'cases');

async function run(file: string, parallelism: number, workers: boolean): Promise<string[]> {
  const c = compileSql(readFileSync(join(CASES, file), 'utf8'));
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const files: Record<string, string> = {};
  for (const n of c.job.nodes) {
    const path = (n.params as { path?: string } | undefined)?.path;
    if (n.kind === 'source.file' && path) files[path] = readFileSync(join(CASES, path), 'utf8');
  }
  const schemas = new Map(c.sinks.map((s) => [s.name, s]));
  const r = await runJob(c.job, { files, parallelism, ...(workers ? { spawner: nodeSlotSpawner } : {}) });
  return r.results.map((x) => sqlRowLine(x.sink, x.value, schemas, x.op)).sort();
}

const HOSTS = [
  { parallelism: 1, workers: false },
  { parallelism: 2, workers: false },
  { parallelism: 1, workers: true },
  { parallelism: 2, workers: true },
];

// Flink 2.3's rows for each case (the oracle's output, sorted).
const EXPECTED: Record<string, string[]> = JSON.parse(readFileSync(join(CASES, '..', '..', 'fixtures', 'sql-joins-expected.json'), 'utf8'));

/** The table a changelog builds: each +I/+U adds its row, each -U/-D takes one back (never below zero). */
function table(lines: string[]): string[] {
  const rows = new Map<string, number>();
  for (const l of lines) {
    const { sink, op, value } = JSON.parse(l) as { sink: string; op: string; value: unknown };
    const k = `${sink} ${JSON.stringify(value)}`;
    const n = (rows.get(k) ?? 0) + (op === '+I' || op === '+U' ? 1 : -1);
    if (n < 0) throw new Error(`a retraction of a row that is not there: ${l}`);
    rows.set(k, n);
  }
  return [...rows].flatMap(([k, n]) => Array<string>(n).fill(k)).sort();
}

describe('window joins, joins of three tables, USING and NATURAL joins on every host', () => {
  for (const file of Object.keys(EXPECTED)) {
    const changelog = EXPECTED[file]!.some((l) => !l.includes('"op":"+I"'));
    for (const { parallelism, workers } of HOSTS) {
      it(`${file}: Flink's ${changelog ? 'table' : 'rows'}, ${workers ? 'in worker slots' : 'inline'} at p${parallelism}`, async () => {
        const rows = await run(file, parallelism, workers);
        if (changelog) expect(table(rows)).toEqual(table(EXPECTED[file]!));
        else expect(rows).toEqual([...EXPECTED[file]!].sort());
      });
    }
  }
});
