/**
 * Every DataStream example of public/examples/ on Apache Flink itself: each is exported with
 * `eddy export --to flink-java`, compiled with Maven and run in a MiniCluster (the job's `main`),
 * and its collect-sink lines must be the example's recorded expected output (as a multiset:
 * Flink's order across subtasks is not deterministic), which test/examples.test.ts checks Eddy
 * against inline and in worker slots. An asyncMap's relative `ctx.fetch` URLs resolve against
 * public/examples/ (`--fetch-base`), as `eddy run` resolves them against the job file's folder.
 * Every SQL example exports as a DataStream program too — the GROUP BY's changelog
 * (changelog-group-by) and the outer interval join (interval-join-shipped) as operators of their
 * own (GroupAggregate, SqlIntervalJoin), every node's operator with its id as uid — and runs here
 * against `eddy run SCRIPT.sql`'s recorded lines in public/examples/sql/expected/ (its sinks print
 * the script's rows: the op, DECIMAL with its scale).
 * `ORACLE_ONLY=window-firings` runs only the examples whose file name contains one of the
 * comma-separated words.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { EXAMPLES_DIR, loadExamples } from '../../engine/export/examples.js';
import { exportFlinkJava } from '../../engine/export/flink-java.js';
import { stripTypes } from '../../engine/export/strip-types.js';
import type { JobDocument } from '../../engine/graph/schema.js';
import { validateJob } from '../../engine/graph/validate.js';
import { compileSql, type SinkSchema } from '../../engine/sql/compile.js';
import { ROOT } from './oracle.js';

const only = process.env.ORACLE_ONLY?.split(',').filter((s) => s !== '');
const datastream = loadExamples().filter((e) => e.sql === undefined);
const sqlExamples = loadExamples().filter((e) => e.sql !== undefined);
const chosen = [...datastream, ...sqlExamples].filter((e) => only === undefined || only.some((o) => e.file.includes(o)));

it('compares every DataStream example and every SQL example (the export refuses none)', () => {
  expect(datastream.length).toBeGreaterThanOrEqual(12);
  expect(sqlExamples.length).toBeGreaterThanOrEqual(9);
  expect(sqlExamples.filter((e) => e.job.nodes.some((n) => n.kind === 'groupAggregate' || n.kind === 'join.sqlInterval')).map((e) => e.name).sort()).toEqual([
    'sql-changelog-group-by',
    'sql-interval-join-shipped',
  ]);
});

// PrintSink prefixes each line with its subtask (`2> `) when the sink runs in parallel.
const sortedLines = (text: string) => text.split('\n').map((l) => l.replace(/^\d+> /, '')).filter((l) => l.startsWith('{')).sort();

/** Exports a job to flink-java, compiles it with Maven and runs it in a MiniCluster; what it printed. */
function runExported(job: JobDocument, sourceName: string, sql: string | undefined, sinks: readonly SinkSchema[] | undefined, args: readonly string[], cwd: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), `eddy-flink-${sourceName.replace(/\W+/g, '-')}-`));
  try {
    for (const f of exportFlinkJava(job, { sourceName, stripTypes, sql, sqlSinks: sinks })) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const mvn = (offline: boolean) =>
      execFileSync('mvn', ['-q', ...(offline ? ['-o'] : []), 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=cp.txt', '-Dmdep.includeScope=compile'], { cwd: dir, stdio: 'pipe' });
    try {
      mvn(true);
    } catch {
      mvn(false);
    }
    const cp = `${join(dir, 'target', 'classes')}:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
    return execFileSync('java', ['-cp', cp, 'eddy.job.Job', ...args], { cwd: cwd ?? dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const ex of chosen) {
  it(`${ex.file}: the exported job prints the recorded lines on Flink`, () => {
    if (ex.sql !== undefined) {
      // A DataStream program, not the script through the Table API: every node's operator carries its id.
      const java = exportFlinkJava(ex.job, { sourceName: ex.file, stripTypes, sql: ex.sql, sqlSinks: ex.sinks }).find((f) => f.path.endsWith('/Job.java'))!.text;
      expect(java).not.toContain('StreamTableEnvironment');
      for (const n of ex.job.nodes) if (n.kind !== 'keyBy' && n.kind !== 'union') expect(java).toContain(`.uid(${JSON.stringify(n.id)})`);
    }
    // A SQL script's tables read their files relative to its folder (the cwd below) instead.
    const args = ex.job.nodes
      .filter((n) => ex.sql === undefined && n.kind === 'source.file' && (n.params as { path?: string }).path !== undefined)
      .flatMap((n) => ['--input', `${n.id}=${join(EXAMPLES_DIR, (n.params as { path: string }).path)}`]);
    if (ex.job.nodes.some((n) => n.kind === 'asyncMap')) args.push('--fetch-base', EXAMPLES_DIR);
    // A SQL script's relative table paths mean its folder, as for `eddy run`.
    const out = runExported(ex.job, ex.file, ex.sql, ex.sinks, args, ex.sql === undefined ? undefined : join(EXAMPLES_DIR, 'sql'));
    const expected = ex.sql === undefined ? join(EXAMPLES_DIR, 'expected', `${ex.name}.jsonl`) : join(EXAMPLES_DIR, 'sql', 'expected', `${ex.name.replace(/^sql-/, '')}.jsonl`);
    expect(sortedLines(out)).toEqual(sortedLines(readFileSync(expected, 'utf8')));
  });
}

/**
 * Oracle cases (test/flink/cases/) whose exported DataStream job must print `eddy run`'s lines
 * character for character — examples.flink.ts compares parsed rows, where `-0.00` and `0.00` are
 * one number. decimal-zero-sum: DECIMALs that round to zero (sums of doubles that are -2.8e-17,
 * -0.004) print `0.00` in both, and -0.005 rounds to -0.01 in both (GraalJS runs Eddy's rounding).
 */
const CASES = ['decimal-zero-sum'].filter((c) => only === undefined || only.some((o) => c.includes(o)));
const CASES_DIR = join(import.meta.dirname, 'cases');
for (const name of CASES) {
  it(`cases/${name}.sql: the exported job prints eddy run's exact lines on Flink`, () => {
    const sql = readFileSync(join(CASES_DIR, `${name}.sql`), 'utf8');
    const c = compileSql(sql, `${name}.sql`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const eddy = execFileSync(process.execPath, [join(ROOT, 'bin', 'eddy.js'), 'run', `${name}.sql`], { cwd: CASES_DIR, encoding: 'utf8' });
    expect(eddy).toContain('"balance":0.00');
    expect(sortedLines(runExported(c.job, `${name}.sql`, sql, c.sinks, [], CASES_DIR))).toEqual(sortedLines(eddy));
  });
}

/**
 * `ratePerSec` on a collection source: the export paces it as Eddy's throttle does (SteadyRate:
 * record k at the first record's time + k / rate, markers without a permit of their own). A map
 * stamps each record with the wall clock when it passes, so the gaps are Flink's own. The first
 * call of a GraalJS function is slow (the bridge warms up) and the records that wait behind it
 * pass together, so the gap is measured over the second half: record 12 passes at least 6 / 4 s
 * after record 6 (less 100 ms for one call being slower than another on a busy machine); without
 * pacing the 13 records pass within milliseconds.
 */
if (only === undefined || only.some((o) => o.includes('rate'))) {
  it('a collection with ratePerSec is paced on Flink: record 12 passes no earlier than 6 / rate after record 6', () => {
    const records: unknown[] = [];
    for (let n = 0; n < 13; n++) records.push({ n, ts: n }, ...(n % 4 === 0 ? [{ $watermark: n }] : []));
    const job = validateJob({
      format: 'eddy/job@1',
      name: 'paced',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { ratePerSec: 4, timestampField: 'ts', records } },
        { id: 'stamp', kind: 'map', params: { code: '(r) => ({ n: r.n, at: Date.now() })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'stamp' },
        { from: 'stamp', to: 'out' },
      ],
    });
    if (!job.ok) throw new Error(JSON.stringify(job.errors));
    const lines = sortedLines(runExported(job.job as JobDocument, 'paced.json', undefined, undefined, [], undefined));
    const at = lines.map((l) => (JSON.parse(l) as { value: { n: number; at: number } }).value).sort((a, b) => a.n - b.n);
    expect(at.map((r) => r.n)).toEqual([...Array(13).keys()]);
    expect(at[12]!.at - at[6]!.at, JSON.stringify(at)).toBeGreaterThanOrEqual(1500 - 100);
  });
}
