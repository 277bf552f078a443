// `eddy run job.json < in.jsonl > out.jsonl`: a file source with path "-" reads standard input,
// a file sink with path "-" writes standard output, and everything else goes to standard error.
// Standard input is a stream: a record reaches standard output while the input is still open.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../testing/until.js';

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

/** `npx eddy run ARGS` with its standard input left open: the test writes lines and reads what comes out. */
function live(args: string[]) {
  const child = spawn('npx', ['eddy', 'run', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const lines = () => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
  return { child, exit, lines, stderr: () => stderr, write: (text: string) => child.stdin.write(text) };
}

const streaming = {
  format: 'eddy/job@1',
  nodes: [
    { id: 'in', kind: 'source.file', params: { path: '-' } },
    { id: 'big', kind: 'filter', params: { code: '(r) => r.amount >= 10' } },
    { id: 'out', kind: 'sink.file', params: { path: '-' } },
    { id: 'bad', kind: 'sink.collect', params: {} },
  ],
  edges: [
    { from: 'in', to: 'big' },
    { from: 'big', to: 'out' },
    { from: 'in', fromPort: 'errors', to: 'bad' },
  ],
};

/** A running count per key, written to standard output. */
const counting = {
  format: 'eddy/job@1',
  checkpointing: { intervalMs: 60000 },
  nodes: [
    { id: 'in', kind: 'source.file', params: { path: '-' } },
    { id: 'byKey', kind: 'keyBy', params: { field: 'k' } },
    { id: 'count', kind: 'reduce', params: { code: '(a, b) => ({ k: a.k, n: a.n + b.n })' } },
    { id: 'out', kind: 'sink.file', params: { path: '-' } },
  ],
  edges: [
    { from: 'in', to: 'byKey' },
    { from: 'byKey', to: 'count' },
    { from: 'count', to: 'out' },
  ],
};

describe('eddy run with standard input as a stream', () => {
  for (const [host, p] of [
    ['inline', '1'],
    ['inline', '3'],
    ['workers', '2'],
    ['workers', '3'],
  ] as const) {
    it(`writes each record to stdout while stdin is still open, malformed lines with their line number to "errors" (--host ${host}, p${p})`, async () => {
      const run = live([writeJob(`live-${host}.json`, streaming), '--host', host, '--parallelism', p]);
      const has = (v: unknown) => run.lines().some((l) => JSON.stringify(l) === JSON.stringify(v));
      run.write('{"id":1,"amount":12}\n');
      await until(() => has({ id: 1, amount: 12 }));
      run.write('{"id":2,"amount":3}\n{"id":3,"amount":30}\n');
      await until(() => has({ id: 3, amount: 30 }));
      expect(run.lines()).toEqual([
        { id: 1, amount: 12 },
        { id: 3, amount: 30 },
      ]);
      run.write('{"id":\n');
      await until(() => run.lines().length === 3);
      expect(run.lines()[2]).toEqual({ sink: 'bad', value: { line: 4, reason: expect.stringMatching(/JSON/), text: '{"id":' } });
      run.child.stdin.end('{"id":5,"amount":50}');
      expect(await run.exit).toBe(0);
      expect(run.stderr()).toBe('');
      expect(run.lines().at(-1)).toEqual({ id: 5, amount: 50 });
      expect(run.lines()).toHaveLength(4);
    });
  }

  for (const host of ['inline', 'workers']) {
    it(`after a failure, reads again from the run's spool what no checkpoint covers: state exactly once, stdout at least once (--host ${host})`, async () => {
      // No checkpoint completes (60 s), so the restart begins from the start: the lines the
      // killed attempt read come again from the spool (the pipe cannot give them twice), and
      // results it wrote are written again. The kill comes 200–1500 ms after the deployment:
      // before the first results (they are then written once) or after them (twice).
      const job = writeJob(`replay-${host}.json`, { ...counting, checkpointing: { intervalMs: 60000 } });
      const run = live([job, '--host', host, '--chaos', 'kill=1', '--seed', '3']);
      run.write('{"k":"a","n":1}\n{"k":"b","n":1}\n{"k":"a","n":1}\n');
      await until(() => run.stderr().includes('restart 1 after a failure'));
      await until(() => run.lines().length >= 3);
      run.child.stdin.end('{"k":"a","n":1}\n');
      expect(await run.exit).toBe(0);
      const first = [
        { k: 'a', n: 1 },
        { k: 'b', n: 1 },
        { k: 'a', n: 2 },
      ];
      const lines = run.lines();
      // The count goes on from the replayed lines: none lost, none counted twice.
      expect(lines.at(-1)).toEqual({ k: 'a', n: 3 });
      expect([[...first, { k: 'a', n: 3 }], [...first, ...first, { k: 'a', n: 3 }]]).toContainEqual(lines);
    });
  }

  it('restored from a savepoint, reads the new standard input from its first line, the state goes on (--host workers)', async () => {
    const job = writeJob('counting.json', counting);
    const savepoint = join(dir, 'counting.savepoint');
    const first = await eddy(['run', job, '--host', 'workers', '--savepoint', savepoint], '{"k":"a","n":1}\n{"k":"b","n":1}\n{"k":"a","n":1}\n');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { k: 'a', n: 1 },
      { k: 'b', n: 1 },
      { k: 'a', n: 2 },
    ]);
    // The savepoint's offset (line 3) belongs to the first pipe: the second input is read from its first line.
    const second = await eddy(['run', job, '--host', 'workers', '--from-savepoint', savepoint], '{"k":"a","n":1}\n{"k":"c","n":1}\n');
    expect(second.code).toBe(0);
    expect(second.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { k: 'a', n: 3 },
      { k: 'c', n: 1 },
    ]);
  });
});
