/**
 * Every DataStream example of public/examples/ on Apache Flink itself: each is exported with
 * `eddy export --to flink-java`, compiled with Maven and run in a MiniCluster (the job's `main`),
 * and its collect-sink lines must be the example's recorded expected output (as a multiset:
 * Flink's order across subtasks is not deterministic), which test/examples.test.ts checks Eddy
 * against inline and in worker slots. The one example the export refuses (asyncMap: Flink's
 * AsyncDataStream has no counterpart for its fetches in the exported runtime) is named in
 * EXCLUDED and must stay refused. `ORACLE_ONLY=window-firings` runs only the examples whose file
 * name contains one of the comma-separated words.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { EXAMPLES_DIR, loadExamples } from '../../engine/export/examples.js';
import { exportFlinkJava } from '../../engine/export/flink-java.js';
import { stripTypes } from '../../engine/export/strip-types.js';

/** DataStream examples that are not compared, and why. */
const EXCLUDED: Record<string, string> = { 'product-enrichment': 'asyncMap has no Flink Java export (the export refuses it with a sentence)' };
const only = process.env.ORACLE_ONLY?.split(',').filter((s) => s !== '');
const datastream = loadExamples().filter((e) => e.sql === undefined);
const chosen = datastream.filter((e) => EXCLUDED[e.name] === undefined && (only === undefined || only.some((o) => e.file.includes(o))));

it('compares every DataStream example but the excluded ones, which the export refuses', () => {
  expect(datastream.length).toBeGreaterThanOrEqual(12);
  for (const name of Object.keys(EXCLUDED)) {
    const ex = datastream.find((e) => e.name === name);
    expect(ex, `${name} is an example`).toBeDefined();
    expect(() => exportFlinkJava(ex!.job, { sourceName: ex!.file, stripTypes }), `${name}: ${EXCLUDED[name]}`).toThrow();
  }
});

// PrintSink prefixes each line with its subtask (`2> `) when the sink runs in parallel.
const sortedLines = (text: string) => text.split('\n').map((l) => l.replace(/^\d+> /, '')).filter((l) => l.startsWith('{')).sort();

for (const ex of chosen) {
  it(`${ex.file}: the exported job prints the recorded lines on Flink`, () => {
    const dir = mkdtempSync(join(tmpdir(), `eddy-flink-${ex.name}-`));
    try {
      for (const f of exportFlinkJava(ex.job, { sourceName: ex.file, stripTypes })) {
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
      const args = ex.job.nodes
        .filter((n) => n.kind === 'source.file' && (n.params as { path?: string }).path !== undefined)
        .flatMap((n) => ['--input', `${n.id}=${join(EXAMPLES_DIR, (n.params as { path: string }).path)}`]);
      const cp = `target/classes:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
      const out = execFileSync('java', ['-cp', cp, 'eddy.job.Job', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(sortedLines(out)).toEqual(sortedLines(readFileSync(join(EXAMPLES_DIR, 'expected', `${ex.name}.jsonl`), 'utf8')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
