/**
 * The exported Maven projects against the real Apache Flink jars: each example is exported,
 * compiled with Maven and run in a local MiniCluster (the job's `main`), and its collect-sink
 * lines must equal Eddy's expected output for the example. Downloads Flink and GraalJS on first
 * use, so it runs only with EDDY_FLINK_COMPILE=1 (needs Java 17+ and Maven).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripTypes } from '../engine/export/strip-types.js';
import { EXAMPLES_DIR, loadExamples } from '../engine/export/examples.js';
import { exportFlinkJava } from '../engine/export/flink-java.js';

const enabled = process.env.EDDY_FLINK_COMPILE === '1';
// PrintSink prefixes each line with its subtask (`2> `) when the sink runs in parallel.
const sortedLines = (text: string) => text.split('\n').map((l) => l.replace(/^\d+> /, '')).filter((l) => l.startsWith('{')).sort();

describe.skipIf(!enabled)('exported Flink projects on Flink itself', () => {
  for (const ex of loadExamples().filter((e) => e.sql === undefined)) {
    it(`${ex.name}: compiles against Flink 2.3.0 and prints the expected lines in a MiniCluster`, { timeout: 900_000 }, () => {
      const dir = mkdtempSync(join(tmpdir(), `eddy-flink-${ex.name}-`));
      try {
        for (const f of exportFlinkJava(ex.job, { sourceName: ex.file, stripTypes })) {
          mkdirSync(dirname(join(dir, f.path)), { recursive: true });
          writeFileSync(join(dir, f.path), f.text);
        }
        execFileSync('mvn', ['-q', 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=cp.txt', '-Dmdep.includeScope=compile'], { cwd: dir, stdio: 'pipe' });
        const args = ex.job.nodes
          .filter((n) => n.kind === 'source.file' && (n.params as { path?: string }).path !== undefined)
          .flatMap((n) => ['--input', `${n.id}=${join(EXAMPLES_DIR, (n.params as { path: string }).path)}`]);
        // An asyncMap's relative ctx.fetch URLs mean the examples folder, as for `eddy run`.
        if (ex.job.nodes.some((n) => n.kind === 'asyncMap')) args.push('--fetch-base', EXAMPLES_DIR);
        const cp = `target/classes:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
        const out = execFileSync('java', ['-cp', cp, 'eddy.job.Job', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
        const expected = readFileSync(join(EXAMPLES_DIR, 'expected', `${ex.name}.jsonl`), 'utf8');
        expect(sortedLines(out)).toEqual(sortedLines(expected));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
