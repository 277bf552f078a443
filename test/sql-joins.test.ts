/**
 * SQL joins beyond two plain tables give Flink's results on every host: the window joins of
 * test/flink/cases/window-join-*.sql (their rows recorded from Flink 2.3 by the oracle) inline
 * and in worker slots at parallelism 1 and 2.
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

describe('window joins on every host', () => {
  for (const file of Object.keys(EXPECTED)) {
    for (const { parallelism, workers } of HOSTS) {
      it(`${file}: Flink's rows, ${workers ? 'in worker slots' : 'inline'} at p${parallelism}`, async () => {
        expect(await run(file, parallelism, workers)).toEqual([...EXPECTED[file]!].sort());
      });
    }
  }
});
