import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../../checkpoint/storage.js';
import { decodeCheckpoint, restoreStateFor } from '../../checkpoint/restore.js';
import { validateJob } from '../../graph/validate.js';
import { planJob } from '../../plan/plan-job.js';
import { runJob } from '../../run-job.js';
import { until } from '../../testing/until.js';
import { WorkerJob } from '../worker-job.js';
import { nodeIO } from './node-io.js';
import { nodeSlotSpawner } from './node-slots.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-streamed-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// JSON lines with CRLF ends here and there, multi-byte characters, blank and malformed lines, no final newline.
const rows: string[] = [];
for (let i = 0; i < 3000; i++) {
  if (i % 97 === 5) rows.push(`{"i":${i},broken`);
  else if (i % 211 === 7) rows.push('');
  else rows.push(`{"i":${i},"key":"k${i % 7}","name":"wörld ${'€'.repeat(i % 4)} 𝄞"}${i % 5 === 0 ? '\r' : ''}`);
}
// The last line, without newline, is malformed: its error names line 3000.
rows[2999] = '{"last":';
const content = rows.join('\n');
const path = join(dir, 'input.jsonl');
writeFileSync(path, content);

const job = (extra: Record<string, unknown> = {}) => ({
  format: 'eddy/job@1',
  nodes: [
    { id: 'src', kind: 'source.file', params: { path: 'input.jsonl', format: 'jsonl' } },
    { id: 'k', kind: 'keyBy', params: { field: 'key' } },
    { id: 'count', kind: 'process', params: { code: '({ onElement(r, ctx, out) { const n = ctx.state.value("n"); n.update((n.get() ?? 0) + 1); out.collect({ ...r, n: n.get() }); } })' } },
    { id: 'out', kind: 'sink.collect' },
    { id: 'errors', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'k' },
    { from: 'k', to: 'count' },
    { from: 'count', to: 'out' },
    { from: 'src', fromPort: 'errors', to: 'errors' },
  ],
  ...extra,
});

function plan(doc: unknown, parallelism: number) {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job, { parallelism });
}

/** The CLI's I/O streaming the file in chunks far smaller than it; the collected lines as `{sink, value}` JSON. */
function streamingIO(chunkBytes: number) {
  const collected: string[] = [];
  const io = nodeIO(dir, new Map(), (text) => collected.push(text), undefined, { chunkBytes });
  return { io, collected };
}

/** What the inline host gives reading the whole text at once (the unstreamed path). */
async function reference(): Promise<string[]> {
  const r = await runJob(job(), { files: { 'input.jsonl': content } });
  return r.results.map((x) => JSON.stringify({ sink: x.sink, value: x.value })).sort();
}

describe('a file source streamed in chunks to worker slots (the CLI)', () => {
  it('gives the inline host’s records and error lines with a chunk far smaller than the file', async () => {
    const expected = await reference();
    expect(expected.some((l) => l.includes('"sink":"errors"'))).toBe(true);
    expect(expected.some((l) => l.includes('"line":3000'))).toBe(true);
    const { io, collected } = streamingIO(48);
    expect(io.streamsFiles).toBe(true);
    await new WorkerJob(plan(job(), 2), { io, spawner: nodeSlotSpawner }).run();
    expect(collected.sort()).toEqual(expected);
  });

  it('restores from a savepoint taken mid-file and goes on at the right line', async () => {
    const expected = await reference();
    const doc = job({ checkpointing: { intervalMs: 100 } });
    const storage = new MemoryCheckpointStorage();
    const first = streamingIO(64);
    const running = new WorkerJob(plan(doc, 2), { io: first.io, spawner: nodeSlotSpawner, storage });
    const done = running.run();
    await until(() => running.slotApis.length > 0);
    // Slowed from the start (one record per ms), so the savepoint falls inside the file.
    await running.applyChaos({ kind: 'slow', nodeId: 'src', delayMs: 1, seconds: 3600 });
    await until(() => first.collected.length > 0);
    const savepoint = await running.stopWithSavepoint();
    await done;
    expect(first.collected.length).toBeGreaterThan(0);
    expect(first.collected.length).toBeLessThan(expected.length);
    // The source's offset is its line and where that line starts in the file.
    const state = decodeCheckpoint(await storage.load(savepoint.id));
    const offset = state.byNode.src![0]!.operator as { line: number; byte?: number };
    expect(offset.line).toBeGreaterThan(0);
    expect(offset.byte).toBe(Buffer.byteLength(rows.slice(0, offset.line).map((r) => `${r}\n`).join('')));
    // A new reader (as in a new process) seeks to that byte.
    const second = streamingIO(64);
    const plan2 = plan(doc, 2);
    await new WorkerJob(plan2, { io: second.io, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan2, state) }).run();
    expect([...first.collected, ...second.collected].sort()).toEqual(expected);
    // A checkpoint from before the byte offset was kept restores too: the reader counts lines.
    const old = structuredClone(state);
    delete (old.byNode.src![0]!.operator as { byte?: number }).byte;
    const third = streamingIO(64);
    const plan3 = plan(doc, 2);
    await new WorkerJob(plan3, { io: third.io, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan3, old) }).run();
    expect([...first.collected, ...third.collected].sort()).toEqual(expected);
  });
});
