/**
 * The CEP cases of test/fixtures/cep-flink-cases.json on Apache Flink itself: the job is exported
 * with `eddy export --to flink-java` (FlinkCEP's Pattern API, conditions and select in GraalJS),
 * compiled with Maven and run in a MiniCluster; what it prints must be the recorded expected
 * lines, which test/cep-flink-cases.test.ts checks Eddy against.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { exportFlinkJava } from '../../engine/export/flink-java.js';
import { stripTypes } from '../../engine/export/strip-types.js';
import type { JobDocument } from '../../engine/graph/schema.js';
import { validateJob } from '../../engine/graph/validate.js';
import { ROOT } from './oracle.js';

const fixtures = join(ROOT, 'test', 'fixtures');

it('the exported CEP cases print the recorded lines on Flink', () => {
  const checked = validateJob(JSON.parse(readFileSync(join(fixtures, 'cep-flink-cases.json'), 'utf8')));
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const dir = mkdtempSync(join(tmpdir(), 'eddy-flink-cep-'));
  try {
    for (const f of exportFlinkJava(checked.job as JobDocument, { sourceName: 'cep-flink-cases.json', stripTypes })) {
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
    const cp = `target/classes:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
    const out = execFileSync('java', ['-cp', cp, 'eddy.job.Job'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    // PrintSink prefixes each line with its subtask (`2> `) when the sink runs in parallel.
    const got = out.split('\n').map((l) => l.replace(/^\d+> /, '')).filter((l) => l.startsWith('{')).sort();
    expect(got).toEqual(readFileSync(join(fixtures, 'cep-flink-cases.expected.jsonl'), 'utf8').trim().split('\n').sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
