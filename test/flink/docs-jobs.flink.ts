/**
 * Every ```json job block of docs/job-format.md on Apache Flink itself: the jobs are merged into
 * ONE job (each one's node ids prefixed `d<line>-`, the line of its block), exported with `eddy
 * export --to flink-java`, compiled with Maven once and run in a MiniCluster once; each job's sink
 * lines must be the output printed beside it — which test/docs-examples.test.ts checks Eddy
 * against — as a multiset (Flink's order across subtasks and sources is not defined), and what a
 * file sink writes must be the documented file's lines. A job marked `order-dependent` (its output
 * depends on how parallel subtasks interleave) runs with every node at parallelism 1, where the
 * docs print its output. The changelog jobs (rank, regular / semi / anti / temporal joins) run
 * as the export's Rank / RegularJoin / SemiAntiJoin / TemporalJoin functions; their change records — the exact
 * row kinds, compared as a multiset like every job's — are deterministic here: each input is one
 * source subtask, so each key sees its records in order, and the joins' results do not depend on
 * which input comes first (inner and semi joins of inserts, a temporal join fired by watermarks).
 * The jobs that cannot run on Flink are listed in SKIPPED with the reason; each is printed when
 * the file loads, and a test checks the list against the docs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFlinkJava } from '../../engine/export/flink-java.js';
import { stripTypes } from '../../engine/export/strip-types.js';
import type { JobDocument } from '../../engine/graph/schema.js';
import { validateJob } from '../../engine/graph/validate.js';
import { DOC, ROOT, docsExamples, type Example } from '../docs-examples-parse.js';

/** A reason a docs job is not run on Flink, by the example's name (its heading). */
const SKIPPED: Readonly<Record<string, string>> = {
  'Example: late orders to a side output':
    "which orders are late depends on which join input's watermark comes first: Eddy's documented run paces the orders with ratePerSec (2 a second) so the shipments input has ended before the second order; the export paces them too (SteadyRate), but Flink starts the two sources' tasks independently, so on a busy machine the shipments can still be running half a second after the first order, and the second order is joined instead",
  'Example: processing-time windows and the end of the input':
    'processing time: the documented output needs the virtual clock (windows fire when it reaches 999 and 1999); on Flink the wall clock decides where the window bounds fall between the records, so its output differs from run to run',
};

const ALL = docsExamples();
const RUN = ALL.filter((e) => SKIPPED[e.name] === undefined);
const prefix = (e: Example) => `d${e.line}-`;
const DIR = mkdtempSync(join(tmpdir(), 'eddy-docs-jobs-'));
const INPUTS = join(DIR, 'inputs');

console.log(`docs jobs on Flink: ${RUN.length} of the ${ALL.length} job blocks of docs/job-format.md; skipped:`);
for (const e of ALL) if (SKIPPED[e.name] !== undefined) console.log(`  - ${e.name} (line ${e.line}): ${SKIPPED[e.name]}`);

/** The example's job with its node ids prefixed; an order-dependent one at parallelism 1 throughout. */
function prefixed(e: Example): { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } {
  const job = e.job as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
  const p = prefix(e);
  return {
    nodes: job.nodes.map((n) => ({ ...n, id: p + String(n.id), ...(e.orderDependent ? { parallelism: 1 } : {}) })),
    edges: job.edges.map((x) => ({ ...x, from: p + String(x.from), to: p + String(x.to) })),
  };
}

const merged = (examples: readonly Example[]) => {
  const parts = examples.map(prefixed);
  return { format: 'eddy/job@1', name: 'the jobs of docs/job-format.md', parallelism: 2, nodes: parts.flatMap((x) => x.nodes), edges: parts.flatMap((x) => x.edges) };
};

/** A record's JSON with its keys sorted (Java's maps and JavaScript's objects may order fields differently). */
function canonical(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canonical);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, canonical((x as Record<string, unknown>)[k])]));
  return x;
}
const canonicalLine = (l: string) => {
  const r = JSON.parse(l) as { sink: string; op?: string; value: unknown };
  return JSON.stringify({ sink: r.sink, ...(r.op !== undefined && r.op !== '+I' ? { op: r.op } : {}), value: canonical(r.value) });
};

/** Every line of the files under a folder (Flink's FileSink writes part files; in-progress ones start with a dot). */
function writtenLines(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split('/').some((part) => part.startsWith('.')) && statSync(join(dir, f)).isFile())
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l !== '');
}

/** Writes the project, compiles it once, runs it once; Flink's lines (sink ids as in the merged job). */
function runOnFlink(job: JobDocument, examples: readonly Example[]): string[] {
  const dir = join(DIR, 'flink-project');
  for (const f of exportFlinkJava(job, { sourceName: 'docs-jobs.json', stripTypes })) {
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
  // Input files (the ```text file=NAME blocks) go to one folder: source.file paths and ctx.fetch URLs resolve there.
  mkdirSync(INPUTS, { recursive: true });
  const args: string[] = ['--fetch-base', INPUTS];
  for (const e of examples) {
    for (const [name, text] of Object.entries(e.inputs)) {
      if (existsSync(join(INPUTS, name))) throw new Error(`two docs jobs have an input file ${name}; rename one in docs/job-format.md`);
      writeFileSync(join(INPUTS, name), text);
    }
    for (const n of (e.job as { nodes: { id: string; kind: string; params?: { path?: string } }[] }).nodes) {
      if (n.kind === 'source.file' && n.params?.path !== undefined) args.push('--input', `${prefix(e)}${n.id}=${join(INPUTS, n.params.path)}`);
      if (n.kind === 'sink.file') args.push('--output', `${prefix(e)}${n.id}=${join(DIR, 'written', prefix(e) + n.id)}`);
    }
  }
  const cp = `target/classes:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
  const out = execFileSync('java', ['-Duser.timezone=UTC', '-Xmx1g', '-cp', cp, 'eddy.job.Job', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  writeFileSync(join(DIR, 'flink.jsonl'), out);
  // PrintSink prefixes each line with its subtask (`2> `) when the sink runs in parallel.
  return out
    .split('\n')
    .map((l) => l.replace(/^\d+> /, ''))
    .filter((l) => l.startsWith('{'));
}

describe('the jobs of docs/job-format.md give their documented output on Flink 2.3', () => {
  it('skips only jobs the docs have, and every job exports to flink-java', () => {
    const names = new Set(ALL.map((e) => e.name));
    expect(Object.keys(SKIPPED).filter((n) => !names.has(n)), 'SKIPPED names no docs job').toEqual([]);
    const refused: string[] = [];
    for (const e of ALL) {
      const checked = validateJob(e.job);
      if (!checked.ok) throw new Error(`${e.name} (line ${e.line}) is invalid: ${JSON.stringify(checked.errors)}`);
      try {
        exportFlinkJava(checked.job as JobDocument, { sourceName: 'job.json', stripTypes });
      } catch (err) {
        refused.push(e.name);
        console.log(`  export refuses ${e.name}: ${(err as Error).message}`);
      }
    }
    // The changelog nodes only Flink's SQL planner has (rank, join.regular / semiAnti / temporal)
    // export as keyed (co-)process functions of eddy.runtime, so their docs jobs run here too.
    expect(refused).toEqual([]);
    const planner = ALL.filter((e) => SKIPPED[e.name] === undefined && (e.job as { nodes: { kind: string }[] }).nodes.some((n) => ['rank', 'join.regular', 'join.semiAnti', 'join.temporal'].includes(n.kind)));
    expect(planner.map((e) => e.name).sort()).toEqual([
      'Example: orders priced at the rate of their time',
      'Example: orders with their payments',
      'Example: the orders that have a payment',
      'Example: the two largest orders per customer',
    ]);
  });

  it('finds runnable job blocks in docs/job-format.md only (a block elsewhere would be run by no test)', () => {
    const docs = join(ROOT, 'docs');
    const elsewhere = readdirSync(docs)
      .filter((f) => f.endsWith('.md') && join(docs, f) !== DOC)
      .filter((f) => /^```json job/m.test(readFileSync(join(docs, f), 'utf8')));
    expect(elsewhere).toEqual([]);
  });

  let flink: Map<string, string[]>;
  beforeAll(() => {
    const checked = validateJob(merged(RUN));
    if (!checked.ok) throw new Error(`the merged docs job is invalid: ${JSON.stringify(checked.errors)}`);
    writeFileSync(join(DIR, 'job.json'), JSON.stringify(checked.job, null, 2));
    flink = new Map();
    for (const l of runOnFlink(checked.job as JobDocument, RUN)) {
      const sink = (JSON.parse(l) as { sink: string }).sink;
      const e = RUN.find((x) => sink.startsWith(prefix(x)));
      if (e === undefined) throw new Error(`Flink printed a line of no docs job: ${l}`);
      const list = flink.get(e.name) ?? [];
      list.push(canonicalLine(l.replace(`"sink":"${prefix(e)}`, '"sink":"')));
      flink.set(e.name, list);
    }
  });

  // The skipped jobs are printed with their reasons when the file loads (above), and the test
  // "skips only jobs the docs have…" pins the list; they get no test of their own.
  for (const e of RUN) {
    it(`${e.name} (line ${e.line})`, () => {
      const where = `docs/job-format.md:${e.line}; the merged job and Flink's output are in ${DIR}`;
      expect([...(flink.get(e.name) ?? [])].sort(), where).toEqual(e.output.map(canonicalLine).sort());
      for (const [path, text] of Object.entries(e.written)) {
        const sink = (e.job as { nodes: { id: string; kind: string; params?: { path?: string } }[] }).nodes.find((n) => n.kind === 'sink.file' && n.params?.path === path);
        if (sink === undefined) throw new Error(`${where}: no sink.file writes ${path}`);
        const lines = writtenLines(join(DIR, 'written', prefix(e) + sink.id));
        expect(lines.sort(), `${where}: the lines written to ${path}`).toEqual(text.split('\n').filter((l) => l !== '').sort());
      }
    });
  }
});
