// `eddy run job.json < in.jsonl > out.jsonl`: a file source with path "-" reads standard input,
// a file sink with path "-" writes standard output, and everything else goes to standard error.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'eddy-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJob(name: string, job: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(job));
  return path;
}

/** Runs the CLI as a child process with `input` piped to its standard input. */
function eddy(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/eddy.js', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const pipeline = (sinkFormat: 'jsonl' | 'csv' = 'jsonl') => ({
  format: 'eddy/job@1',
  nodes: [
    { id: 'in', kind: 'source.file', params: { path: '-' } },
    { id: 'big', kind: 'filter', params: { code: '(r) => r.amount >= 10' } },
    { id: 'out', kind: 'sink.file', params: { path: '-', format: sinkFormat } },
  ],
  edges: [
    { from: 'in', to: 'big' },
    { from: 'big', to: 'out' },
  ],
});

const input = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: i, amount: i % 20 })).join('\n') + '\n';
const expected = Array.from({ length: 1000 }, (_, i) => ({ id: i, amount: i % 20 })).filter((r) => r.amount >= 10);

describe('eddy run with standard input and output', () => {
  for (const host of ['inline', 'workers']) {
    it(`reads the piped JSON lines and writes the results as JSON lines, nothing else on stdout (--host ${host})`, async () => {
      const job = writeJob(`pipe-${host}.json`, pipeline());
      const r = await eddy(['run', job, '--host', host], input);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.endsWith('\n')).toBe(true);
      expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(expected);
    });
  }

  it('writes CSV to stdout too, and messages about the run go to stderr only', async () => {
    const job = writeJob('csv.json', pipeline('csv'));
    const r = await eddy(['run', job, '--metrics'], '{"id":1,"amount":12}\n{"id":2,"amount":3}\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('id,amount\n1,12\n');
    expect(r.stderr).toContain('{"metrics"');
  });

  it('fails with the node and the line of a malformed input line on stderr, exit 1', async () => {
    const job = writeJob('bad.json', pipeline());
    const r = await eddy(['run', job], '{"id":1,"amount":12}\n{"id":\n');
    expect(r.code).toBe(1);
    // Only records ever reach stdout (the sink writes its buffered lines at the end or at a checkpoint).
    for (const l of r.stdout.split('\n').filter((x) => x !== '')) expect(JSON.parse(l)).toEqual({ id: 1, amount: 12 });
    expect(r.stderr).toMatch(/node "in".*line 2/);
  });

  it('refuses two sources reading standard input, naming them (exit 2)', async () => {
    const doc = pipeline();
    doc.nodes.push({ id: 'in2', kind: 'source.file', params: { path: '-' } }, { id: 'both', kind: 'union', params: {} } as never);
    doc.edges.splice(0, 1, { from: 'in', to: 'both' }, { from: 'in2', to: 'both' }, { from: 'both', to: 'big' });
    const r = await eddy(['run', writeJob('two.json', doc)], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nodes "in", "in2" all read standard input');
  });
});
