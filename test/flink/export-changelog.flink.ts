/**
 * The changelog operators of the export — `rank` (Rank), `join.regular` (RegularJoin),
 * `join.semiAnti` (SemiAntiJoin), `join.temporal` (TemporalJoin), DataStream functions with their
 * node ids as uids — on Apache Flink 2.3 itself:
 * - visual jobs (below), merged into one job at parallelism 1, exported, compiled with Maven once
 *   and run in a MiniCluster once; each job's lines must be Eddy's (`runJob` on the same merged
 *   job). Top-N with and without row numbers over values of mixed types, Top-1, Top-N over a
 *   changelog, deduplication on event time by the `orderBy` field (not the record's timestamp)
 *   and on processing time compare as multisets of change records (one input, one subtask: each
 *   key sees its records in order); joins whose change rows depend on which input Flink reads
 *   first compare as the table their changelog builds (`table`);
 * - every SQL case of test/flink/cases/ whose plan holds one of these nodes: exported as a
 *   DataStream program (no Table API), every node's operator with its id as uid; the cases' jobs
 *   merged into one (ids prefixed `c<i>-`), compiled and run on Flink once, each case's lines
 *   compared with `eddy run SCRIPT.sql` (examples.flink.ts compares the same scripts on Flink's own
 *   planner with `eddy run`, so the exported operators print what Flink SQL prints). A case marked
 *   `-- oracle: changelog order` compares as the table its changelog builds.
 * `ORACLE_ONLY=topn,join` runs only the cases whose name contains one of the words (`visual` the
 * visual jobs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFlinkJava } from '../../engine/export/flink-java.js';
import { stripTypes } from '../../engine/export/strip-types.js';
import type { JobDocument } from '../../engine/graph/schema.js';
import { validateJob } from '../../engine/graph/validate.js';
import { runJob } from '../../engine/run-job.js';
import { compileSql, type SinkSchema } from '../../engine/sql/compile.js';
import { appliedTable, expectSameOutput, expectSameTable, ROOT } from './oracle.js';

const only = process.env.ORACLE_ONLY?.split(',').filter((s) => s !== '');
const chosen = (name: string) => only === undefined || only.some((o) => name.includes(o));
const CHANGELOG_KINDS = ['rank', 'join.regular', 'join.semiAnti', 'join.temporal'];

/** Exports a job, compiles it with Maven and runs it in a MiniCluster; its sink lines (subtask prefixes dropped). */
function runExported(job: JobDocument, sourceName: string, sql: string | undefined, sinks: readonly SinkSchema[] | undefined, cwd: string | undefined): string[] {
  const dir = mkdtempSync(join(tmpdir(), `eddy-changelog-${sourceName.replace(/\W+/g, '-')}-`));
  try {
    for (const f of exportFlinkJava(job, { sourceName, stripTypes, sql, sqlSinks: sinks })) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const mvn = (offline: boolean) =>
      execFileSync('mvn', ['-q', '-B', ...(offline ? ['-o'] : []), 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=cp.txt', '-Dmdep.includeScope=compile'], { cwd: dir, stdio: 'pipe' });
    try {
      mvn(true);
    } catch {
      mvn(false);
    }
    const cp = `${join(dir, 'target', 'classes')}:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
    const out = execFileSync('java', ['-Duser.timezone=UTC', '-Xmx1g', '-cp', cp, 'eddy.job.Job'], { cwd: cwd ?? dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    return out
      .split('\n')
      .map((l) => l.replace(/^\d+> /, ''))
      .filter((l) => l.startsWith('{'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every line with `op`, as the oracle's table comparison reads it (a bare line is an INSERT). */
const withOp = (l: string) => {
  const r = JSON.parse(l) as { sink: string; op?: string; value: unknown };
  return JSON.stringify({ sink: r.sink, op: r.op ?? '+I', value: r.value });
};

interface VisualJob {
  readonly name: string;
  /** `table`: compare the table the changelog builds (change rows depend on which input comes first). */
  readonly compare: 'lines' | 'table';
  readonly nodes: Record<string, unknown>[];
  readonly edges: Record<string, unknown>[];
}

const src = (id: string, records: unknown[], timestampField?: string) => ({ id, kind: 'source.collection', params: { records, ...(timestampField ? { timestampField } : {}) } });
const keyBy = (id: string, field: string) => ({ id, kind: 'keyBy', params: { field } });
const sink = (id: string) => ({ id, kind: 'sink.collect' });
const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));

/** Sort values of mixed types: JavaScript's `<` orders them (5 < "10", true < 2, "abc" neither above nor below a number). */
const MIXED = [
  { k: 'a', v: 5, id: 1 },
  { k: 'a', v: '10', id: 2 },
  { k: 'a', v: 'abc', id: 3 },
  { k: 'a', v: true, id: 4 },
  { k: 'a', v: null, id: 5 },
  { k: 'a', v: 2.5, id: 6 },
  { k: 'a', v: '7', id: 7 },
  { k: 'b', v: 'x', id: 8 },
  { k: 'b', v: 'y', id: 9 },
];
/** `t` is the rowtime the deduplication orders by; `ts`, the record's timestamp, runs the other way. */
const DEDUP = [
  { k: 'a', t: 5, ts: 1, id: 1 },
  { k: 'a', t: 3, ts: 2, id: 2 },
  { k: 'b', t: 10, ts: 3, id: 3 },
  { $watermark: 4 },
  { k: 'a', t: 1, ts: 5, id: 4 },
  { k: 'a', t: 6, ts: 6, id: 5 },
  { k: 'b', t: 10, ts: 7, id: 6 },
  { k: 'b', t: 8, ts: 8, id: 7 },
];
const SALES = [
  { item: 'pen', cat: 'office', n: 3 },
  { item: 'ink', cat: 'office', n: 5 },
  { item: 'pad', cat: 'office', n: 1 },
  { item: 'pen', cat: 'office', n: 4 },
  { item: 'cup', cat: 'home', n: 2 },
  { item: 'pad', cat: 'office', n: 9 },
  { item: 'ink', cat: 'office', n: 1 },
  { item: 'mug', cat: 'home', n: 2 },
];
const totals = (id: string) => ({ id, kind: 'groupAggregate', params: { keys: ['item', 'cat'], aggregates: [{ name: 'total', fn: 'sum', field: 'n' }] } });
const ORDERS = [
  { id: 'o1', c: 'EUR', amount: 3, ts: 1 },
  { id: 'o2', c: 'USD', amount: 4, ts: 2 },
  { id: 'o3', c: 'EUR', amount: 5, ts: 6 },
  { id: 'o4', c: 'GBP', amount: 6, ts: 7 },
  { id: 'o5', c: 'EUR', amount: 7, ts: 12 },
];
const RATES = [
  { c: 'EUR', rate: 1.1, ts: 0 },
  { c: 'USD', rate: 0.9, ts: 0 },
  { c: 'EUR', rate: 1.2, ts: 5 },
  { c: 'EUR', rate: 0.8, ts: 10 },
];

const VISUAL: VisualJob[] = [
  {
    name: 'Top-3 with row numbers over mixed-type sort values',
    compare: 'lines',
    nodes: [src('s', MIXED), keyBy('byK', 'k'), { id: 'r', kind: 'rank', params: { orderBy: [{ field: 'v' }], limit: 3, rankNumber: 'pos' } }, sink('out')],
    edges: chain('s', 'byK', 'r', 'out'),
  },
  {
    name: 'Top-2 without row numbers, descending, NULLS FIRST, a second sort field',
    compare: 'lines',
    nodes: [src('s', MIXED), keyBy('byK', 'k'), { id: 'r', kind: 'rank', params: { orderBy: [{ field: 'v', desc: true, nulls: 'first' }, { field: 'id', desc: true }], limit: 2 } }, sink('out')],
    edges: chain('s', 'byK', 'r', 'out'),
  },
  {
    name: 'Top-1 (FastTop1Function: -U/+U)',
    compare: 'lines',
    nodes: [src('s', MIXED), keyBy('byK', 'k'), { id: 'r', kind: 'rank', params: { orderBy: [{ field: 'id', desc: true }] } }, sink('out')],
    edges: chain('s', 'byK', 'r', 'out'),
  },
  {
    name: 'deduplication on event time, keep-first, by the orderBy field',
    compare: 'lines',
    nodes: [src('s', DEDUP, 'ts'), keyBy('byK', 'k'), { id: 'r', kind: 'rank', params: { orderBy: [{ field: 't' }], deduplicate: true } }, sink('out')],
    edges: chain('s', 'byK', 'r', 'out'),
  },
  {
    name: 'deduplication on event time, keep-last, by the orderBy field',
    compare: 'lines',
    nodes: [src('s', DEDUP, 'ts'), keyBy('byK', 'k'), { id: 'r', kind: 'rank', params: { orderBy: [{ field: 't', desc: true }], deduplicate: true } }, sink('out')],
    edges: chain('s', 'byK', 'r', 'out'),
  },
  {
    name: 'deduplication on processing time, keep-first and keep-last',
    compare: 'lines',
    nodes: [
      src('s', DEDUP.filter((r) => !('$watermark' in r))),
      keyBy('byK', 'k'),
      { id: 'first', kind: 'rank', params: { orderBy: [{ field: 'pt' }], deduplicate: true, time: 'processing' } },
      { id: 'last', kind: 'rank', params: { orderBy: [{ field: 'pt', desc: true }], deduplicate: true, time: 'processing' } },
      sink('out1'),
      sink('out2'),
    ],
    edges: [...chain('s', 'byK', 'first', 'out1'), ...chain('byK', 'last', 'out2')],
  },
  {
    name: 'Top-2 over a changelog (RetractableTopNFunction), without and with row numbers',
    compare: 'lines',
    nodes: [
      src('s', SALES),
      keyBy('byItem', 'item'),
      totals('sum'),
      keyBy('byCat', 'cat'),
      { id: 'top', kind: 'rank', params: { orderBy: [{ field: 'total', desc: true }], limit: 2, retract: true } },
      { id: 'topNo', kind: 'rank', params: { orderBy: [{ field: 'total', desc: true }], limit: 2, retract: true, rankNumber: 'pos' } },
      sink('out1'),
      sink('out2'),
    ],
    edges: [...chain('s', 'byItem', 'sum', 'byCat', 'top', 'out1'), ...chain('byCat', 'topNo', 'out2')],
  },
  {
    name: 'regular joins (inner, left, right, full) of a changelog with an append-only table',
    compare: 'table',
    nodes: [
      src('s', SALES),
      keyBy('byItem', 'item'),
      totals('sum'),
      src('labels', [{ cat: 'office', label: 'Office' }, { cat: 'garden', label: 'Garden' }, { cat: 'office', label: 'Desk' }]),
      ...['inner', 'left', 'right', 'full'].flatMap((type) => [{ id: type, kind: 'join.regular', params: { type, leftKey: 'cat', rightKey: 'cat', ...(type === 'full' ? { condition: '(l, r) => l.total > 2' } : {}) } }, sink(`out-${type}`)]),
    ],
    edges: [
      ...chain('s', 'byItem', 'sum'),
      ...['inner', 'left', 'right', 'full'].flatMap((type) => [{ from: 'sum', to: type, toPort: 'in1' }, { from: 'labels', to: type, toPort: 'in2' }, { from: type, to: `out-${type}` }]),
    ],
  },
  {
    name: 'semi and anti joins against a changelog',
    compare: 'table',
    nodes: [
      src('cats', [{ cat: 'office' }, { cat: 'home' }, { cat: 'garden' }]),
      src('s', SALES),
      keyBy('byItem', 'item'),
      totals('sum'),
      { id: 'semi', kind: 'join.semiAnti', params: { type: 'semi', leftKey: 'cat', rightKey: 'cat', condition: '(l, r) => r.total > 4' } },
      { id: 'anti', kind: 'join.semiAnti', params: { type: 'anti', leftKey: 'cat', rightKey: 'cat', condition: '(l, r) => r.total > 4' } },
      sink('out-semi'),
      sink('out-anti'),
    ],
    edges: [
      ...chain('s', 'byItem', 'sum'),
      ...['semi', 'anti'].flatMap((id) => [{ from: 'cats', to: id, toPort: 'in1' }, { from: 'sum', to: id, toPort: 'in2' }, { from: id, to: `out-${id}` }]),
    ],
  },
  {
    name: 'temporal joins (inner with a condition, left) on event time',
    compare: 'lines',
    nodes: [
      src('orders', [...ORDERS.slice(0, 3), { $watermark: 6 }, ...ORDERS.slice(3)], 'ts'),
      src('rates', [...RATES.slice(0, 3), { $watermark: 6 }, ...RATES.slice(3)], 'ts'),
      { id: 'inner', kind: 'join.temporal', params: { type: 'inner', leftKey: 'c', rightKey: 'c', condition: '(l, r) => l.amount * r.rate > 3.5' } },
      { id: 'left', kind: 'join.temporal', params: { type: 'left', leftKey: 'c', rightKey: 'c' } },
      sink('out-inner'),
      sink('out-left'),
    ],
    edges: ['inner', 'left'].flatMap((id) => [{ from: 'orders', to: id, toPort: 'in1' }, { from: 'rates', to: id, toPort: 'in2' }, { from: id, to: `out-${id}` }]),
  },
];

const visualPrefix = (i: number) => `v${i}-`;
function mergedVisual(jobs: readonly VisualJob[]): JobDocument {
  const nodes = jobs.flatMap((j, i) => j.nodes.map((n) => ({ ...n, id: visualPrefix(i) + String(n.id) })));
  const edges = jobs.flatMap((j, i) => j.edges.map((e) => ({ ...e, from: visualPrefix(i) + String(e.from), to: visualPrefix(i) + String(e.to) })));
  const checked = validateJob({ format: 'eddy/job@1', name: 'changelog operators', parallelism: 1, nodes, edges });
  if (!checked.ok) throw new Error(`the merged visual job is invalid: ${JSON.stringify(checked.errors)}`);
  return checked.job as JobDocument;
}

if (chosen('visual')) {
  describe('rank and the changelog joins of visual jobs print Eddy\'s change records on Flink 2.3', () => {
    const job = mergedVisual(VISUAL);
    let flink: string[];
    let eddy: string[];
    beforeAll(async () => {
      const java = exportFlinkJava(job, { sourceName: 'changelog.json', stripTypes }).find((f) => f.path.endsWith('/Job.java'))!.text;
      expect(java).not.toContain('StreamTableEnvironment');
      for (const n of job.nodes) if (n.kind !== 'keyBy') expect(java, n.id).toContain(`.uid(${JSON.stringify(n.id)})`);
      flink = runExported(job, 'changelog.json', undefined, undefined, undefined).map(withOp);
      eddy = (await runJob(job, {})).results.map((r) => withOp(JSON.stringify(r)));
    });
    VISUAL.forEach((v, i) => {
      it(v.name, () => {
        const mine = (lines: string[]) => lines.filter((l) => (JSON.parse(l) as { sink: string }).sink.startsWith(visualPrefix(i)));
        expect(mine(eddy).length, 'Eddy printed rows').toBeGreaterThan(0);
        if (v.compare === 'table') expectSameTable(mine(eddy), mine(flink), v.name);
        else expectSameOutput(mine(eddy), mine(flink), v.name);
      });
    });
  });
}

const CASES_DIR = join(import.meta.dirname, 'cases');
const SQL_CASES = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.sql'))
  .filter((f) => {
    const c = compileSql(readFileSync(join(CASES_DIR, f), 'utf8'), f);
    return c.ok && c.job.nodes.some((n) => CHANGELOG_KINDS.includes(n.kind));
  })
  .filter(chosen)
  .sort();

/** The cases' compiled jobs as one job (node ids and sink names prefixed `c<i>-`), each node at its case's parallelism. */
function mergedCases(files: readonly string[]): { job: JobDocument; sinks: SinkSchema[] } {
  const nodes: Record<string, unknown>[] = [];
  const edges: Record<string, unknown>[] = [];
  const sinks: SinkSchema[] = [];
  files.forEach((file, i) => {
    const c = compileSql(readFileSync(join(CASES_DIR, file), 'utf8'), file);
    if (!c.ok) throw new Error(`${file}: ${JSON.stringify(c.errors)}`);
    const p = `c${i}-`;
    for (const n of c.job.nodes) nodes.push({ ...n, id: p + n.id, parallelism: n.parallelism ?? c.job.parallelism });
    for (const e of c.job.edges) edges.push({ ...e, from: p + e.from, to: p + e.to });
    for (const s of c.sinks) sinks.push({ ...s, name: p + s.name });
  });
  const checked = validateJob({ format: 'eddy/job@1', name: 'SQL cases with changelog operators', parallelism: 1, nodes, edges });
  if (!checked.ok) throw new Error(`the merged SQL cases are invalid: ${JSON.stringify(checked.errors)}`);
  return { job: checked.job as JobDocument, sinks };
}

describe('SQL cases with Top-N, deduplication and changelog joins run as DataStream programs on Flink 2.3 and print eddy run\'s rows', () => {
  // All cases in one project: compiled and run once (their tables' relative paths resolve in cases/).
  let flink: Map<string, string[]>;
  beforeAll(() => {
    flink = new Map();
    if (SQL_CASES.length === 0) return;
    const { job, sinks } = mergedCases(SQL_CASES);
    for (const l of runExported(job, 'sql-cases.sql', undefined, sinks, CASES_DIR)) {
      const m = /"sink":"c(\d+)-/.exec(l);
      if (m === null) throw new Error(`Flink printed a line of no case: ${l}`);
      const file = SQL_CASES[Number(m[1])]!;
      flink.set(file, [...(flink.get(file) ?? []), l.replace(`"sink":"c${m[1]}-`, '"sink":"')]);
    }
  });

  it('finds the cases', () => {
    expect(SQL_CASES.length).toBeGreaterThanOrEqual(only === undefined ? 10 : 0);
  });
  for (const file of SQL_CASES) {
    it(`cases/${file}`, () => {
      const sql = readFileSync(join(CASES_DIR, file), 'utf8');
      const c = compileSql(sql, file);
      if (!c.ok) throw new Error(JSON.stringify(c.errors));
      // The case's own export: a DataStream program, every node's operator with its id as uid.
      const java = exportFlinkJava(c.job, { sourceName: file, stripTypes, sql, sqlSinks: c.sinks }).find((f) => f.path.endsWith('/Job.java'))!.text;
      expect(java).not.toContain('StreamTableEnvironment');
      for (const n of c.job.nodes) if (n.kind !== 'keyBy' && n.kind !== 'union') expect(java, n.id).toContain(`.uid(${JSON.stringify(n.id)})`);
      const eddy = execFileSync(process.execPath, [join(ROOT, 'bin', 'eddy.js'), 'run', file], { cwd: CASES_DIR, encoding: 'utf8', maxBuffer: 1 << 28 })
        .split('\n')
        .filter((l) => l.startsWith('{'));
      const lines = flink.get(file) ?? [];
      expect(eddy.length, 'eddy run printed rows').toBeGreaterThan(0);
      if (/^-- oracle: changelog order/m.test(sql)) expectSameTable(eddy, lines, file);
      else expectSameOutput(eddy, lines, file);
      expect(appliedTable(lines).some((r) => r.startsWith('!missing')), `${file}: every retraction on Flink retracts a row`).toBe(false);
    });
  }
});
