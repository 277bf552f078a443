/**
 * An asyncMap exported with `eddy export --to flink-java` and run on Flink 2.3 (a MiniCluster)
 * prints what `eddy run` prints, for the parts of Async I/O that depend on the GraalJS wrapper
 * (engine/export/flink-runtime/.../JsAsyncMap.java) rather than on Flink: calls overlap (record 1
 * finishes only once record 2's call has started, so one call at a time never ends),
 * `params.timeout` answers for a call that never settles, and timeouts with retries (node
 * "retried", timeoutMs 1000 for all attempts): record 1's empty answers are retried twice
 * (onEmptyResult), the third call never answers, and its timeout function — seeing ctx.attempt 3,
 * which JsAsyncMap counts per Flink result handler — returns nothing, which Flink 2.3 does not
 * retry (`processRetry` retries only while `!isTimeout()`), though a fourth call would answer.
 * Node "late" holds record 2 for 2.5 s, so the input of "retried" is still open meanwhile (the
 * end of input would stop the retries). Record 2 then times out with attempt 1. The fixture is
 * test/fixtures/async-map-flink.json.
 *
 * Not retries racing the end of input: when the input ends, Flink's AsyncWaitOperator (`endInput`
 * → `finishInFlightDelayedRetry`) and Eddy's asyncMap both cut pending retries short, so on a
 * bounded input whether a failed call gets its retries depends on when the end arrives — a CI run
 * saw Flink fail a call after 2 attempts where a run of Eddy (then still retrying after the end)
 * succeeded on the third. engine/operators/async-map.test.ts checks the end-of-input rule.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../../engine/cli/main.js';
import { exportFlinkJava } from '../../engine/export/flink-java.js';
import { stripTypes } from '../../engine/export/strip-types.js';
import type { JobDocument } from '../../engine/graph/schema.js';
import { validateJob } from '../../engine/graph/validate.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'async-map-flink.json');
const sorted = (text: string) => text.split('\n').map((l) => l.replace(/^\d+> /, '')).filter((l) => l.startsWith('{')).sort();

it('overlapping calls, the timeout function and timeouts with retries give eddy run\'s lines on Flink', async () => {
  let eddy = '';
  expect(await main(['run', FIXTURE], { stdout: (t) => (eddy += t), stderr: () => {} })).toBe(0);
  const v = validateJob(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const dir = mkdtempSync(join(tmpdir(), 'eddy-flink-async-'));
  try {
    for (const f of exportFlinkJava(v.job as JobDocument, { sourceName: 'async-map-flink.json', stripTypes })) {
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
    const flink = execFileSync('java', ['-cp', cp, 'eddy.job.Job'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(sorted(eddy)).toHaveLength(5);
    expect(sorted(eddy).filter((l) => l.includes('out-retried'))).toEqual(['{"sink":"out-retried","value":{"r":2,"timedOut":true,"attempt":1}}']);
    expect(sorted(flink)).toEqual(sorted(eddy));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
