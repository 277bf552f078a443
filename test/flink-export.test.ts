/**
 * The exported Maven projects against the real Apache Flink jars: each example is exported,
 * compiled with Maven and run in a local MiniCluster (the job's `main`), and its collect-sink
 * lines must equal Eddy's expected output for the example. Downloads Flink and GraalJS on first
 * use, so it runs only with EDDY_FLINK_COMPILE=1 (needs Java 17+ and Maven). The SQL examples
 * with a GROUP BY's changelog or an outer interval join run there too, and are checked on every
 * run for their DataStream form: parsed Java, golden files, a uid per node.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseJava } from 'java-parser';
import { describe, expect, it } from 'vitest';
import { stripTypes } from '../engine/export/strip-types.js';
import { EXAMPLES_DIR, loadExamples } from '../engine/export/examples.js';
import { exportFlinkJava } from '../engine/export/flink-java.js';

const enabled = process.env.EDDY_FLINK_COMPILE === '1';
const GOLDEN = join(import.meta.dirname, '..', 'engine', 'export', 'golden');
// SQL examples whose GROUP BY changelog / outer interval join used to need Flink's planner.
const sqlOperators = loadExamples().filter((e) => e.sql !== undefined && e.job.nodes.some((n) => n.kind === 'groupAggregate' || n.kind === 'join.sqlInterval'));

describe('SQL examples with changelog and interval-join nodes export as DataStream programs', () => {
  it('are the GROUP BY and the interval-join examples', () => {
    expect(sqlOperators.map((e) => e.name).sort()).toEqual(['sql-changelog-group-by', 'sql-interval-join-shipped']);
  });
  for (const ex of sqlOperators) {
    it(`${ex.name}: every Java file parses, Job.java is the golden file, every node's operator has its id as uid`, () => {
      const project = exportFlinkJava(ex.job, { sourceName: ex.file, stripTypes, sql: ex.sql, sqlSinks: ex.sinks });
      for (const f of project) if (f.path.endsWith('.java')) expect(() => parseJava(f.text), f.path).not.toThrow();
      const java = project.find((f) => f.path === 'src/main/java/eddy/job/Job.java')!.text;
      expect(java).toBe(readFileSync(join(GOLDEN, ex.name, 'Job.java'), 'utf8'));
      expect(java).not.toContain('StreamTableEnvironment');
      expect(java).toContain(ex.job.nodes.some((n) => n.kind === 'groupAggregate') ? '.process(new GroupAggregate(' : 'SqlIntervalJoin.operator(new SqlIntervalJoin(');
      for (const n of ex.job.nodes) {
        // keyBy is a partitioning in Flink, not an operator.
        if (n.kind === 'keyBy') expect(java).not.toContain(`.uid(${JSON.stringify(n.id)})`);
        else expect(java, n.id).toContain(`.uid(${JSON.stringify(n.id)})`);
      }
      expect(project.find((f) => f.path === 'pom.xml')!.text).not.toContain('flink-table');
    });
  }
});
// PrintSink prefixes each line with its subtask (`2> `) when the sink runs in parallel.
const sortedLines = (text: string) => text.split('\n').map((l) => l.replace(/^\d+> /, '')).filter((l) => l.startsWith('{')).sort();

describe.skipIf(!enabled)('exported Flink projects on Flink itself', () => {
  for (const ex of [...loadExamples().filter((e) => e.sql === undefined), ...sqlOperators]) {
    it(`${ex.name}: compiles against Flink 2.3.0 and prints the expected lines in a MiniCluster`, { timeout: 900_000 }, () => {
      const dir = mkdtempSync(join(tmpdir(), `eddy-flink-${ex.name}-`));
      try {
        for (const f of exportFlinkJava(ex.job, { sourceName: ex.file, stripTypes, sql: ex.sql, sqlSinks: ex.sinks })) {
          mkdirSync(dirname(join(dir, f.path)), { recursive: true });
          writeFileSync(join(dir, f.path), f.text);
        }
        execFileSync('mvn', ['-q', 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=cp.txt', '-Dmdep.includeScope=compile'], { cwd: dir, stdio: 'pipe' });
        // A SQL script's tables read their files relative to its folder (the cwd below) instead.
        const args = ex.job.nodes
          .filter((n) => ex.sql === undefined && n.kind === 'source.file' && (n.params as { path?: string }).path !== undefined)
          .flatMap((n) => ['--input', `${n.id}=${join(EXAMPLES_DIR, (n.params as { path: string }).path)}`]);
        // An asyncMap's relative ctx.fetch URLs mean the examples folder, as for `eddy run`.
        if (ex.job.nodes.some((n) => n.kind === 'asyncMap')) args.push('--fetch-base', EXAMPLES_DIR);
        const cp = `${join(dir, 'target', 'classes')}:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
        const cwd = ex.sql === undefined ? dir : join(EXAMPLES_DIR, 'sql');
        const out = execFileSync('java', ['-cp', cp, 'eddy.job.Job', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
        const expected = readFileSync(ex.sql === undefined ? join(EXAMPLES_DIR, 'expected', `${ex.name}.jsonl`) : join(EXAMPLES_DIR, 'sql', 'expected', `${ex.name.replace(/^sql-/, '')}.jsonl`), 'utf8');
        expect(sortedLines(out)).toEqual(sortedLines(expected));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
