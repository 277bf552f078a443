/**
 * Views (CREATE [TEMPORARY] VIEW) give Flink's results on every host: test/flink/cases/view-*.sql
 * (their rows recorded from Flink 2.3 by the oracle) inline at parallelism 1 and 2, in worker
 * slots at parallelism 1 to 3 (test/sql-restore.test.ts restores them from a checkpoint taken halfway). A view is
 * read like a table — in FROM, under GROUP BY, in a join, as a window TVF's table over its
 * rowtime — and a window aggregation over a view of a window aggregation (Flink's docs,
 * window-agg.md "Cascading Window Aggregation") windows on the inner window_time; a GROUP BY
 * window_start, window_end over a view of a window aggregation is a window aggregation again
 * (append-only), as Flink propagates the window properties.
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
  { parallelism: 3, workers: true },
];

// Flink 2.3's rows for each case (the oracle's output, sorted).
const EXPECTED: Record<string, string[]> = JSON.parse(readFileSync(join(CASES, '..', '..', 'fixtures', 'sql-views-expected.json'), 'utf8'));

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
  return [...rows].filter(([, n]) => n > 0).flatMap(([k, n]) => Array<string>(n).fill(k)).sort();
}

describe('views on every host give Flink 2.3\'s rows', () => {
  it('has the recorded cases', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(['view-basic.sql', 'view-cascade.sql', 'view-window-attached.sql']);
  });
  for (const file of Object.keys(EXPECTED)) {
    for (const { parallelism, workers } of HOSTS) {
      it(`${file}: Flink's rows, ${workers ? 'in worker slots' : 'inline'} at p${parallelism}`, async () => {
        const rows = await run(file, parallelism, workers);
        // The changelog of a GROUP BY over a view is per key in file order (one file source, kept on its subtask up to the keyBy).
        expect(rows).toEqual([...EXPECTED[file]!].sort());
        expect(table(rows)).toEqual(table(EXPECTED[file]!));
      });
    }
  }
});
