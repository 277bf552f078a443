import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const tmp = mkdtempSync(join(tmpdir(), 'eddy-watchdog-'));
let n = 0;
function jobFile(doc: unknown): string {
  const path = join(tmp, `job-${n++}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Records 1…4, one every 50 ms, through a map that never returns on 3. */
const hangingJob = (extra: Record<string, unknown> = {}) => ({
  format: 'eddy/job@1',
  execution: { functionTimeoutMs: 1000 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3, 4], ratePerSec: 20 } },
    { id: 'stuck', kind: 'map', params: { code: '(n) => { if (n === 3) while (true) {} return n * 10; }' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'stuck' },
    { from: 'stuck', to: 'out' },
  ],
  ...extra,
});

const OUTPUT_BEFORE_HANG = '{"sink":"out","value":10}\n{"sink":"out","value":20}\n';

describe('eddy run with a function that never returns', () => {
  it('--host workers exits 1 naming the node, after printing what came before', async () => {
    const r = await cli('run', jobFile(hangingJob()), '--host', 'workers');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('eddy: job failed: node "stuck" (subtask 0) failed: did not return within 1 s');
    expect(r.stdout).toBe(OUTPUT_BEFORE_HANG);
  });

  it('--function-timeout overrides the job, and restarts are reported before the job fails', async () => {
    const doc = hangingJob({ execution: { functionTimeoutMs: 600_000 }, restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 10 } });
    const r = await cli('run', jobFile(doc), '--host', 'workers', '--function-timeout', '500');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('eddy: restart 1 after a failure: node "stuck" (subtask 0) failed: did not return within 500 ms');
    expect(r.stderr).toContain('eddy: job failed: node "stuck" (subtask 0) failed: did not return within 500 ms');
  });

  it('rejects a --function-timeout that is not a whole number of ms', async () => {
    const r = await cli('run', jobFile(hangingJob()), '--function-timeout', '1.5s');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--function-timeout must be a whole number of milliseconds');
  });

  it('the eddy process itself ends with exit code 1 (no thread left hanging)', async () => {
    const run = promisify(execFile);
    const failed = await run(process.execPath, ['bin/eddy.js', 'run', jobFile(hangingJob()), '--host', 'workers']).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stdout: OUTPUT_BEFORE_HANG });
    expect((failed as { stderr: string }).stderr).toContain('did not return within 1 s');
  });
});

describe('eddy run --host inline with a function that never returns', () => {
  it('exits 1 naming the node, after printing what came before', async () => {
    const r = await cli('run', jobFile(hangingJob()));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('eddy: job failed: node "stuck" (subtask 0) failed: did not return within 1 s');
    expect(r.stdout).toBe(OUTPUT_BEFORE_HANG);
  });

  it('restarts from the checkpoint in memory, publishing each covered record once, until the strategy gives up', async () => {
    const records = Array.from({ length: 12 }, (_, i) => i + 1);
    const doc = hangingJob({ checkpointing: { intervalMs: 20 }, restart: { strategy: 'fixed-delay', attempts: 2, delayMs: 10 } });
    doc.nodes[0]!.params = { records, ratePerSec: 40 };
    doc.nodes[1]!.params = { code: '(n) => { if (n === 9) while (true) {} return n * 10; }' };
    const r = await cli('run', jobFile(doc));
    expect(r.code).toBe(1);
    expect(r.stderr.match(/restart \d after a failure: node "stuck" \(subtask 0\) failed: did not return within 1 s/g)).toHaveLength(2);
    const values = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).value);
    expect(values.length).toBeGreaterThan(0);
    expect(values).toEqual(records.slice(0, values.length).map((x) => x * 10));
    expect(values.length).toBeLessThanOrEqual(8);
  });
});
