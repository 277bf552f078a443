import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const tmp = mkdtempSync(join(tmpdir(), 'eddy-trace-cli-'));
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
  const steps = stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { step: number; node: string; subtask: number; events: Array<Record<string, unknown>> });
  return { code, stdout, stderr, steps };
}

/** Two keys, a tumbling window of 10 s, watermarks from markers. */
const windowed = {
  format: 'eddy/job@1',
  nodes: [
    {
      id: 'src',
      kind: 'source.collection',
      params: {
        timestampField: 'ts',
        records: [{ k: 'key1', ts: 1000 }, { k: 'key2', ts: 2000 }, { $watermark: 9999 }, { k: 'key1', ts: 12000 }],
      },
    },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'win', kind: 'window', params: { assigner: { type: 'tumbling', time: 'event', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by' },
    { from: 'by', to: 'win' },
    { from: 'win', to: 'out' },
  ],
};

describe('eddy trace', () => {
  it('prints one JSON line per step, numbered from 0 without gaps, and exits 0', async () => {
    const r = await cli('trace', jobFile(windowed));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.steps.map((s) => s.step)).toEqual(r.steps.map((_, i) => i));
    expect(r.steps[0]).toEqual({ step: 0, node: 'src', subtask: 0, events: [{ type: 'source.emit', node: 'src', offset: 0, value: { k: 'key1', ts: 1000 } }] });
    // Collect-sink lines are not printed; sink.emit events show the records.
    expect(r.stdout).not.toContain('{"sink":"out"');
    const sunk = r.steps.flatMap((s) => s.events.filter((e) => e.type === 'sink.emit'));
    expect(sunk).toHaveLength(3);
    // ±∞ as text: the end of input.
    expect(r.stdout).toContain('"watermark":"Infinity"');
  });

  it('--until stops after the first step with a matching event', async () => {
    const r = await cli('trace', jobFile(windowed), '--until', 'window.fire:key=key2');
    expect(r.code).toBe(0);
    const last = r.steps[r.steps.length - 1]!;
    const fires = (s: (typeof r.steps)[number]) => s.events.filter((e) => e.type === 'window.fire' && e.key === 'key2');
    expect(fires(last)).toHaveLength(1);
    expect(r.steps.slice(0, -1).flatMap(fires)).toEqual([]);
    // The firing by the marker's watermark names the marker as its cause.
    expect(fires(last)[0]!.cause).toEqual({ node: 'src', offset: 2 });
  });

  it('--until with a dot path and several fields', async () => {
    const r = await cli('trace', jobFile(windowed), '--until=window.fire:window.start=0,key=key1', '--parallelism', '2');
    expect(r.code).toBe(0);
    expect(r.steps[r.steps.length - 1]!.events.some((e) => e.type === 'window.fire' && e.key === 'key1')).toBe(true);
  });

  it('runs to the end when --until never matches', async () => {
    const all = await cli('trace', jobFile(windowed));
    const r = await cli('trace', jobFile(windowed), '--until', 'window.fire:key=nobody');
    expect(r.code).toBe(0);
    expect(r.steps).toEqual(all.steps);
  });

  it('takes --input for a collection source', async () => {
    const input = join(tmp, 'records.jsonl');
    writeFileSync(input, '{"k":"a","ts":5}\n');
    const r = await cli('trace', jobFile(windowed), '--input', `src=${input}`);
    expect(r.code).toBe(0);
    expect(r.steps[0]!.events[0]).toMatchObject({ type: 'source.emit', offset: 0, value: { k: 'a', ts: 5 } });
  });

  it('exits 1 naming the node when a function throws, after printing the steps before', async () => {
    const doc = {
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
        { id: 'boom', kind: 'map', params: { code: "(n) => { if (n > 1) throw new Error('too big: ' + n); return n; }" } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'boom' },
        { from: 'boom', to: 'out' },
      ],
    };
    const r = await cli('trace', jobFile(doc));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('boom');
    expect(r.stderr).toContain('too big: 2');
    expect(r.steps.length).toBeGreaterThan(0);
  });

  it('exits 2 for an invalid job, naming the node and field', async () => {
    const bad = { ...windowed, nodes: windowed.nodes.map((x) => (x.id === 'win' ? { ...x, params: { assigner: { type: 'tumbling', time: 'event' } } } : x)) };
    const r = await cli('trace', jobFile(bad));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('win');
    expect(r.stdout).toBe('');
  });

  it('exits 2 for bad arguments', async () => {
    for (const argv of [['trace'], ['trace', jobFile(windowed), '--until', 'nonsense'], ['trace', jobFile(windowed), '--until', 'window.fire:key'], ['trace', jobFile(windowed), '--parallelism', '0'], ['trace', jobFile(windowed), '--bogus'], ['trace', join(tmp, 'missing.json')]]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
  });

  it('prints the example of docs/trace.md', async () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'trace.md'), 'utf8');
    const block = (info: string) => new RegExp('```' + info + '\\n([\\s\\S]*?)\\n```').exec(doc)![1]!;
    const r = await cli('trace', jobFile(block('json trace-job')), '--until', 'window.fire:key=bob');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(block('jsonl trace-output'));
  });

  it('steps a job with an asyncMap: each call completes as a step of its own, and the sinks get what eddy run prints', async () => {
    const examples = join(import.meta.dirname, '..', '..', 'public', 'examples');
    // The job file's own folder: its ctx.fetch reads data/products/*.json beside it.
    const r = await cli('trace', join(examples, 'product-enrichment.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const completions = r.steps.filter((s) => s.events.some((e) => e.type === 'async.complete'));
    expect(completions).toHaveLength(10);
    for (const s of completions) {
      expect(s.node).toBe('enrich');
      expect(s.events[0]).toMatchObject({ type: 'async.complete', node: 'enrich', attempt: 1, outcome: 'completed' });
    }
    const sunk = r.steps.flatMap((s) => s.events.filter((e) => e.type === 'sink.emit').map((e) => JSON.stringify({ sink: e.sink, value: e.value })));
    expect(sunk).toEqual(readFileSync(join(examples, 'expected', 'product-enrichment.jsonl'), 'utf8').trim().split('\n'));
    // --until an async event.
    const until = await cli('trace', join(examples, 'product-enrichment.json'), '--until', 'async.complete:value.order=3');
    expect(until.code).toBe(0);
    expect(until.steps.at(-1)!.events[0]).toMatchObject({ type: 'async.complete', value: { order: 3, product: 'p3' }, result: [{ order: 3, name: expect.any(String) }] });
  });

  it('--help prints the usage', async () => {
    let stdout = '';
    const code = await main(['trace', '--help'], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain('--until');
  });
});

describe('eddy trace SCRIPT.sql', () => {
  const script = readFileSync(new URL('../../public/examples/sql/datagen-tumble.sql', import.meta.url), 'utf8');
  const sqlFile = (text: string) => {
    const path = join(tmp, `script-${n++}.sql`);
    writeFileSync(path, text);
    return path;
  };

  it('compiles the script as eddy run does and traces its job: one sink.emit per row eddy run prints', async () => {
    const path = sqlFile(script);
    const traced = await cli('trace', path);
    expect(traced.stderr).toBe('');
    expect(traced.code).toBe(0);
    expect(traced.steps.map((s) => s.step)).toEqual(traced.steps.map((_, i) => i));
    expect(traced.steps[0]!.events[0]!['type']).toBe('source.emit');
    const emitted = traced.steps.flatMap((s) => s.events.filter((e) => e['type'] === 'sink.emit'));
    let runOut = '';
    expect(await main(['run', path], { stdout: (t) => (runOut += t), stderr: () => {} })).toBe(0);
    const rows = runOut.split('\n').filter((l) => l !== '');
    expect(rows.length).toBeGreaterThan(0);
    expect(emitted).toHaveLength(rows.length);
    expect(traced.steps.some((s) => s.events.some((e) => e['type'] === 'window.fire'))).toBe(true);
  });

  it('stops at --until on a script too', async () => {
    const { code, steps } = await cli('trace', sqlFile(script), '--until', 'window.fire');
    expect(code).toBe(0);
    expect(steps.at(-1)!.events.some((e) => e['type'] === 'window.fire')).toBe(true);
    expect(steps.slice(0, -1).some((s) => s.events.some((e) => e['type'] === 'window.fire'))).toBe(false);
  });

  it('a script with an error exits 2 naming its line and column; EXPLAIN alone prints its plan on stderr and no steps', async () => {
    const bad = sqlFile('SELECT nope FROM Missing;');
    const r = await cli('trace', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: `));
    expect(r.stderr).not.toContain('not valid JSON');
    const explain = await cli('trace', sqlFile(script.replace('SELECT window_start', 'EXPLAIN SELECT window_start')));
    expect(explain.code).toBe(0);
    expect(explain.stdout).toBe('');
    expect(explain.stderr).toMatch(/TUMBLE|Window/i);
  });
});
