import { describe, expect, it } from 'vitest';
import { InlineJob, type JobDocument, WorkerJob, planJob, validateJob } from '../../engine/index';
import { MemoryCheckpointStorage } from '../../engine/checkpoint/storage';
import { decodeCheckpoint, restoreStateFor } from '../../engine/checkpoint/restore';
import { nodeSlotSpawner } from '../../engine/host/node/node-slots';
import { until } from '../../engine/testing/until';
import type { CollectedRecord } from '../../engine/index';
import { type InputFile, readUpload } from './input-files';
import { StreamedInputIO } from './streamed-input-io';

const JOB = {
  format: 'eddy/job@1',
  parallelism: 2,
  nodes: [
    { id: 'readings', kind: 'source.file', params: { path: 'readings.jsonl', format: 'jsonl' } },
    { id: 'double', kind: 'map', params: { code: '(r) => r.v * 2' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'readings', to: 'double' },
    { from: 'double', to: 'out' },
  ],
};

/** Runs the job inline, or in slot workers as the IDE does (the slots ask the page's I/O for lines). */
async function run(files: Readonly<Record<string, InputFile>>, sliceBytes: number, host: 'inline' | 'workers' = 'inline', doc: object = JOB): Promise<CollectedRecord[]> {
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const collected: CollectedRecord[] = [];
  const io = new StreamedInputIO(files, (r) => collected.push(r), {}, sliceBytes);
  const plan = planJob(checked.job as JobDocument);
  await (host === 'inline' ? new InlineJob(plan, { io, clock: 'virtual' }) : new WorkerJob(plan, { io, spawner: nodeSlotSpawner })).run();
  return collected;
}

describe('a run’s inputs, streamed', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ v: i, pad: 'é'.repeat(i % 7) }));
  const content = `${lines.join('\n')}\n`;
  const expected = lines.map((_, i) => i * 2).sort((a, b) => a - b);
  const linesBefore = (line: number) => lines.slice(0, line).map((l) => `${l}\n`).join('');

  it('reads an upload slice by slice into a file source: every record once, the page holding only its first lines', async () => {
    const upload = await readUpload(new File([content], 'readings.jsonl'), 1024);
    expect(upload.complete).toBe(false);
    expect(upload.head.length).toBeLessThan(1024);
    expect(upload.head.endsWith('\n')).toBe(true);
    const results = await run({ readings: upload }, 512);
    expect(results.map((r) => r.value as number).sort((a, b) => a - b)).toEqual(expected);
  });

  it('feeds slot workers the same way, with checkpoints on too', async () => {
    const upload = await readUpload(new File([content], 'readings.jsonl'), 1024);
    const inWorkers = await run({ readings: upload }, 700, 'workers');
    expect(inWorkers.map((r) => r.value as number).sort((a, b) => a - b)).toEqual(expected);
    const checkpointed = await run({ readings: upload }, 700, 'inline', { ...JOB, checkpointing: { intervalMs: 50 } });
    expect(checkpointed.map((r) => r.value as number).sort((a, b) => a - b)).toEqual(expected);
  });

  it('reads a text input (an example’s fetched file) the same way, by its path', async () => {
    const results = await run({ 'readings.jsonl': content }, 4096);
    expect(results).toHaveLength(lines.length);
  });

  it('fails the source, naming the missing file, when no input was given', async () => {
    await expect(run({}, 512)).rejects.toThrow(/no such input file: readings\.jsonl/);
  });

  it('restores a savepoint taken mid-upload at its line, seeking to the checkpointed byte offset instead of reading the lines before it', async () => {
    const doc = { ...JOB, checkpointing: { intervalMs: 100 } };
    const checked = validateJob(doc);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const planOf = () => planJob(checked.job as JobDocument);
    const storage = new MemoryCheckpointStorage();
    const upload = await readUpload(new File([content], 'readings.jsonl'), 1024);
    const first: CollectedRecord[] = [];
    const running = new WorkerJob(planOf(), { io: new StreamedInputIO({ readings: upload }, (r) => first.push(r), {}, 256), spawner: nodeSlotSpawner, storage });
    const done = running.run();
    await until(() => running.slotApis.length > 0);
    // Slowed from the start (one record per ms), so the savepoint falls inside the file.
    await running.applyChaos({ kind: 'slow', nodeId: 'readings', delayMs: 1, seconds: 3600 });
    await until(() => first.length > 0);
    const savepoint = await running.stopWithSavepoint();
    await done;
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(lines.length);
    // The source's offset is its line and where that line starts in the upload.
    const state = decodeCheckpoint(await storage.load(savepoint.id));
    const offset = state.byNode.readings![0]!.operator as { line: number; byte?: number };
    expect(offset.line).toBeGreaterThan(0);
    expect(offset.byte).toBe(new TextEncoder().encode(linesBefore(offset.line)).length);
    // A new run (as after a reload) reads the upload from the byte before that line on, never earlier.
    const slices: number[] = [];
    const watched = new (class extends Blob {
      override slice(start?: number, end?: number): Blob {
        slices.push(start ?? 0);
        return super.slice(start, end);
      }
    })([content]);
    const second: CollectedRecord[] = [];
    const plan2 = planOf();
    const io = new StreamedInputIO({ readings: { ...upload, blob: watched } }, (r) => second.push(r), {}, 256);
    await new WorkerJob(plan2, { io, spawner: nodeSlotSpawner, storage, restore: restoreStateFor(plan2, state) }).run();
    expect(Math.min(...slices)).toBe(offset.byte! - 1);
    expect([...first, ...second].map((r) => r.value as number).sort((a, b) => a - b)).toEqual(expected);
  });
});
