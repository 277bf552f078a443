/**
 * Every example job in public/examples runs and gives its recorded output: exactly, in order,
 * at the job's own parallelism; as the same multiset at parallelism 1 to 4 (inline) and 1 to 3
 * (worker-thread slots); and from the real CLI. The recorded outputs were checked by hand against
 * Flink's semantics.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { runJob } from '../engine/run-job.js';
import { fileFetch } from '../engine/host/node/file-fetch.js';

const dir = join(import.meta.dirname, '..', 'public', 'examples');
const gallery = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Array<{ file: string; title: string }>;
/** The gallery's jobs; its SQL scripts (sql/*.sql) are checked by test/sql.test.ts. */
const index = gallery.filter((e) => e.file.endsWith('.json'));

function load(file: string) {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // File sources name paths relative to the job file, as the CLI resolves them.
  const files: Record<string, string> = {};
  for (const n of doc.nodes) if (n.kind === 'source.file') files[n.params.path] = readFileSync(join(dir, n.params.path), 'utf8');
  const expected = readFileSync(join(dir, 'expected', file.replace(/\.json$/, '.jsonl')), 'utf8').trim().split('\n');
  return { doc, files, expected };
}

/** asyncMap's `ctx.fetch` reads files relative to the job, as the CLI's does. */
const fetch = fileFetch(dir);

const lines = (r: { results: readonly { sink: string; value: unknown }[] }) => r.results.map((x) => JSON.stringify({ sink: x.sink, value: x.value }));

describe('example jobs', () => {
  it('index.json lists every example in the folder', () => {
    const onDisk = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(index.map((e) => e.file).sort()).toEqual(onDisk.sort());
    expect(index.length).toBeGreaterThanOrEqual(5);
    const scripts = readdirSync(join(dir, 'sql')).filter((f) => f.endsWith('.sql'));
    expect(gallery.filter((e) => e.file.endsWith('.sql')).map((e) => e.file).sort()).toEqual(scripts.map((f) => `sql/${f}`).sort());
  });

  for (const { file, title } of index) {
    it(`${title} (${file}) gives its recorded output, in order`, async () => {
      const { doc, files, expected } = load(file);
      expect(lines(await runJob(doc, { files, fetch }))).toEqual(expected);
    });

    it(`${title} (${file}) gives the same results at parallelism 1 to 4`, async () => {
      const { doc, files, expected } = load(file);
      for (const parallelism of [1, 2, 3, 4]) {
        const { nodes } = doc;
        // The default parallelism of the job is overridden; explicit per-node values stay.
        expect(lines(await runJob({ ...doc, nodes }, { files, fetch, parallelism })).sort()).toEqual([...expected].sort());
      }
    });
  }

  for (const { file, title } of index) {
    it(`${title} (${file}) gives the same results in worker-thread slots at parallelism 1 to 3`, async () => {
      const { doc, files, expected } = load(file);
      for (const parallelism of [1, 2, 3]) {
        const r = await runJob(doc, { files, fetch, parallelism, spawner: nodeSlotSpawner });
        expect(lines(r).sort(), `parallelism ${parallelism}`).toEqual([...expected].sort());
      }
    });
  }

  it('the CLI prints the recorded output of every example', async () => {
    const run = promisify(execFile);
    for (const { file } of index) {
      const { expected } = load(file);
      const { stdout } = await run(process.execPath, ['bin/eddy.js', 'run', join(dir, file)], { cwd: join(import.meta.dirname, '..') });
      expect(stdout.trim().split('\n'), file).toEqual(expected);
    }
  });

  it('sliding windows of size 2 × slide count every generated value twice', async () => {
    const { doc } = load('datagen-sliding.json');
    const gen = doc.nodes.find((n: { id: string }) => n.id === 'gen');
    const raw = await runJob({ format: 'eddy/job@1', nodes: [gen, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'gen', to: 'out' }] });
    const total = raw.results.reduce((s, r) => s + (r.value as { value: number }).value, 0);
    const windows = await runJob(doc);
    expect(windows.results.reduce((s, r) => s + (r.value as { value: number }).value, 0)).toBe(2 * total);
  });
});
