/**
 * A host's I/O may be a class instance whose methods use `this` (the browser's StreamedInputIO is):
 * both hosts call each of its methods on the I/O object, never a method taken off it unbound.
 */
import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import type { StreamedLines } from '../operators/operator.js';
import { planJob } from '../plan/plan-job.js';
import { blobBytes } from './byte-source.js';
import { runInline } from './inline-recovery.js';
import { LineReader } from './line-reader.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import { WorkerJob } from './worker-job.js';

/** Streams its file sources' inputs through methods that reach the instance's own fields. */
class StreamingIO extends MemoryIO {
  readonly streamsFiles = true;
  readonly asked: string[] = [];
  readonly #readers = new Map<string, LineReader>();

  constructor(private readonly inputs: Readonly<Record<string, string>>) {
    super();
  }

  readLines(nodeId: string, fromLine: number, path?: string, fromByte?: number): Promise<StreamedLines> {
    this.asked.push(`${nodeId}@${fromLine}`);
    let reader = this.#readers.get(nodeId);
    if (reader === undefined) this.#readers.set(nodeId, (reader = new LineReader(blobBytes(new Blob([this.inputs[path ?? nodeId]!])), 32)));
    return reader.read(fromLine, fromByte);
  }

  checkInput(nodeId: string, path: string | undefined): void {
    if (this.inputs[path ?? nodeId] === undefined) throw new Error(`no such input file: ${path}`);
  }
}

const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ v: i }));
const doc = {
  format: 'eddy/job@1',
  parallelism: 2,
  nodes: [
    { id: 'src', kind: 'source.file', params: { path: 'in.jsonl', format: 'jsonl' } },
    { id: 'double', kind: 'map', params: { code: '(r) => r.v * 2' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'double' },
    { from: 'double', to: 'out' },
  ],
};

function plan(extra: Record<string, unknown> = {}) {
  const checked = validateJob({ ...doc, ...extra });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job);
}

const expected = lines.map((_, i) => i * 2);
const sortedValues = (io: MemoryIO) => io.collected.map((r) => r.value as number).sort((a, b) => a - b);

describe('an I/O whose methods use `this`', () => {
  it('streams a file source on the inline host, with checkpoints on (its I/O wrapped for two-phase commit)', async () => {
    const io = new StreamingIO({ 'in.jsonl': `${lines.join('\n')}\n` });
    await runInline(plan({ checkpointing: { intervalMs: 10 }, restart: { strategy: 'none' } }), { io, clock: 'virtual' });
    expect(sortedValues(io)).toEqual(expected);
    expect(io.asked.length).toBeGreaterThan(1);
  });

  it('streams a file source to worker slots (the controller answers their reads)', async () => {
    const io = new StreamingIO({ 'in.jsonl': `${lines.join('\n')}\n` });
    await new WorkerJob(plan(), { io, spawner: nodeSlotSpawner }).run();
    expect(sortedValues(io)).toEqual(expected);
    expect(io.asked.length).toBeGreaterThan(1);
  });
});
