/**
 * A job exported to flink-java in `dir`, built with SavepointRun beside it (stop with a savepoint,
 * restore from one): compiled by Maven (offline first, then online), and a `java` that runs
 * SavepointRun with the project's classpath and returns what it printed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportFlinkJava } from '../../../engine/export/flink-java.js';
import { stripTypes } from '../../../engine/export/strip-types.js';
import { validateJob } from '../../../engine/graph/validate.js';

export function savepointProject(job: unknown, sourceName: string, dir: string): (args: string[]) => string {
  const exported = validateJob(job);
  if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
  for (const f of exportFlinkJava(exported.job, { sourceName, stripTypes })) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  copyFileSync(join(import.meta.dirname, 'SavepointRun.java'), join(dir, 'src/main/java/eddy/job/SavepointRun.java'));
  const mvn = (offline: boolean) =>
    execFileSync('mvn', ['-q', ...(offline ? ['-o'] : []), 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=cp.txt', '-Dmdep.includeScope=compile'], { cwd: dir, stdio: 'pipe' });
  try {
    mvn(true);
  } catch {
    mvn(false);
  }
  const cp = `target/classes:${readFileSync(join(dir, 'cp.txt'), 'utf8').trim()}`;
  return (args) => execFileSync('java', ['-cp', cp, 'eddy.job.SavepointRun', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
}
