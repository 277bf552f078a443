import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const tmp = mkdtempSync(join(tmpdir(), 'eddy-cli-'));
let n = 0;
function jobFile(doc: unknown): string {
  const path = join(tmp, `job-${n++}.json`);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const pipeline = (code = '(n) => n * 10') => ({
  format: 'eddy/job@1',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
    { id: 'times', kind: 'map', params: { code } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'times' },
    { from: 'times', to: 'out' },
  ],
});

describe('eddy run', () => {
  it('prints one JSON line per collected record and exits 0', async () => {
    const r = await cli('run', jobFile(pipeline()));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"sink":"out","value":10}\n{"sink":"out","value":20}\n{"sink":"out","value":30}\n');
    expect(r.stderr).toBe('');
  });

  it('exits 2 naming the node and field of every error in an invalid job', async () => {
    const doc = pipeline();
    doc.nodes[1] = { id: 'times', kind: 'mapp', params: { code: '' } } as never;
    doc.edges.push({ from: 'times', to: 'nowhere' });
    const r = await cli('run', jobFile(doc));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('node "times", field kind');
    expect(r.stderr).toContain('unknown node kind "mapp"');
    expect(r.stderr).toMatch(/nowhere/);
  });

  it('exits 2 on a cycle and on a port that does not exist', async () => {
    const cyclic = pipeline();
    cyclic.edges.push({ from: 'times', to: 'times' } as never);
    const r1 = await cli('run', jobFile(cyclic));
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('[cycle]');
    const badPort = pipeline();
    badPort.edges[1] = { from: 'times', fromPort: 'late', to: 'out' } as never;
    const r2 = await cli('run', jobFile(badPort));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('[unknown-port]');
  });

  it('exits 2 for a file that is not JSON, and for a syntax error in user code', async () => {
    const r1 = await cli('run', jobFile('{ nope'));
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('is not valid JSON');
    const r2 = await cli('run', jobFile(pipeline('(n) => n *')));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('node "times", field params.code');
  });

  it('exits 1 with the node id and message when a function throws at run time', async () => {
    const r = await cli('run', jobFile(pipeline("(n) => { if (n > 1) throw new Error('too big: ' + n); return n; }")));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('{"sink":"out","value":1}\n');
    expect(r.stderr).toContain('node "times" (subtask 0) failed: too big: 2');
  });

  it('exits 1 naming the node and the line when a file has a malformed line and "errors" is not wired, on both hosts', async () => {
    const input = join(tmp, 'bad.jsonl');
    writeFileSync(input, '{"v":1}\n{"v":\n{"v":3}\n');
    const file = (extra: object = {}) =>
      jobFile({
        format: 'eddy/job@1',
        nodes: [
          { id: 'src', kind: 'source.file', params: { format: 'jsonl', ...extra } },
          { id: 'out', kind: 'sink.collect' },
        ],
        edges: [{ from: 'src', to: 'out' }],
      });
    for (const host of ['inline', 'workers']) {
      const r = await cli('run', file(), '--input', `src=${input}`, '--host', host);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/node "src" \(subtask 0\) failed: line 2: .*Wire the "errors" side output/);
    }
    // Flink's ignore-parse-errors: the line is skipped, the job finishes, and stderr counts what was skipped.
    for (const host of ['inline', 'workers']) {
      const skipped = await cli('run', file({ ignoreParseErrors: true }), '--input', `src=${input}`, '--host', host);
      expect(skipped.code).toBe(0);
      expect(skipped.stdout).toBe('{"sink":"out","value":{"v":1}}\n{"sink":"out","value":{"v":3}}\n');
      expect(skipped.stderr).toBe('eddy: node "src" skipped 1 malformed line (ignoreParseErrors; wire its "errors" output to keep them)\n');
    }
  });

  it('exits 1 at once naming the node and params.path when an input file does not exist, on both hosts, without restarts', async () => {
    const doc = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.file', params: { path: 'no-such-input.jsonl', format: 'jsonl' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [{ from: 'src', to: 'out' }],
      checkpointing: { intervalMs: 100 },
      restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 10 },
    };
    const path = jobFile(doc);
    for (const host of ['inline', 'workers']) {
      const r = await cli('run', path, '--host', host);
      expect(r.code, host).toBe(1);
      expect(r.stderr, host).toBe(`eddy: job failed: node "src" (subtask 0) failed: params.path: cannot read the input file: no such file: ${join(tmp, 'no-such-input.jsonl')}\n`);
    }
  });

  it('--input gives a collection source its records from a JSON lines file', async () => {
    const input = join(tmp, 'numbers.jsonl');
    writeFileSync(input, '7\n8\n');
    const r = await cli('run', jobFile(pipeline()), '--input', `src=${input}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"sink":"out","value":70}\n{"sink":"out","value":80}\n');
  });

  it('--input gives a file source its file, and a file sink writes beside the job', async () => {
    const input = join(tmp, 'in.csv');
    writeFileSync(input, 'a,b\n1,x\n2,y\n');
    const r = await cli(
      'run',
      jobFile({
        format: 'eddy/job@1',
        nodes: [
          { id: 'file', kind: 'source.file', params: { format: 'csv' } },
          { id: 'save', kind: 'sink.file', params: { path: 'copy.jsonl', format: 'jsonl' } },
        ],
        edges: [{ from: 'file', to: 'save' }],
      }),
      '--input',
      `file=${input}`,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(tmp, 'copy.jsonl'), 'utf8')).toBe('{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n');
  });

  it('--metrics prints per-subtask metrics to stderr as JSON lines, for both hosts', async () => {
    for (const host of ['inline', 'workers']) {
      const r = await cli('run', jobFile(pipeline()), '--metrics', '--host', host);
      expect(r.code).toBe(0);
      const samples = r.stderr.trim().split('\n').map((l) => JSON.parse(l).metrics);
      const last = samples.filter((m) => m.vertex === 'src').at(-1);
      expect(last.operators.map((o: { nodeId: string }) => o.nodeId)).toEqual(['src', 'times', 'out']);
      // Records without timestamps: no newest timestamp (−∞ is null in JSON), and a map keeps no state.
      expect(last.operators[1]).toMatchObject({ nodeId: 'times', recordsOut: 3, newestTimestamp: null, outputIdle: false, stateKeys: 0, stateBytes: 0 });
      expect(last).toMatchObject({ inputIdle: false });
      expect(last).toHaveProperty('backPressuredMsPerSecond');
    }
  });

  it('rejects a --parallelism above the job\'s maxParallelism with exit 2', async () => {
    const r = await cli('run', jobFile({ ...pipeline(), maxParallelism: 4 }), '--parallelism', '8');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('above the job\'s maxParallelism 4');
  });

  it('rejects usage errors with exit 2 and the usage text', async () => {
    for (const argv of [[], ['go'], ['run'], ['run', 'x.json', '--parallelism', '0'], ['run', 'x.json', '--wat']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: eddy run');
    }
  });

  it('runs the job in worker-thread slots with --host workers, with the same results', async () => {
    const r = await cli('run', jobFile(pipeline()), '--host', 'workers');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(['{"sink":"out","value":10}', '{"sink":"out","value":20}', '{"sink":"out","value":30}']);
  });

  it('the installed bin exits with the documented codes', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, ['bin/eddy.js', 'run', jobFile(pipeline())]);
    expect(ok.stdout.split('\n')[0]).toBe('{"sink":"out","value":10}');
    const bad = await run(process.execPath, ['bin/eddy.js', 'run', jobFile({ format: 'eddy/job@2' })]).catch((e: { code: number }) => e);
    expect((bad as { code: number }).code).toBe(2);
  });
});
