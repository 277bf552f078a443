/**
 * The large-state checkpoint of `npm run bench` (issue 14: a 10 MB state checkpoint completes in
 * < 200 ms in Chromium). Browser-safe: the bench page runs it with its Web Worker slots and the
 * IDE's IndexedDB checkpoint storage; Node can run it with worker threads and memory storage.
 *
 * The job: an unbounded datagen (rate-limited so the source does not take the CPU the
 * checkpoint needs) → keyBy key → a keyed process function that stores one payload string per key
 * the first time it sees the key → collect (nothing reaches it). Once every key has its payload,
 * the state no longer changes: keys × payload characters, 10 MB by default. Checkpoints run
 * every `intervalMs`; those taken of the full state are timed by the coordinator — from
 * triggering the barrier to the blob stored (`CheckpointStats.durationMs`: barrier travel,
 * snapshot, the state codec, the transfer to the controller, CRC-32; and until the storage has
 * it) — and the job is cancelled after `checkpoints` of them.
 */
import type { CheckpointPhases, CheckpointStats } from '../engine/checkpoint/coordinator.js';
import type { CheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import type { JobDocument } from '../engine/graph/schema.js';
import { type SlotSpawner, WorkerJob } from '../engine/host/worker-job.js';
import type { OperatorIO } from '../engine/operators/operator.js';
import { planJob } from '../engine/plan/plan-job.js';

export interface CheckpointSpec {
  /** Distinct keys, each with one payload. */
  keys: number;
  /** Characters of each key's payload. */
  payloadChars: number;
  /** Checkpoints of the full state to time. */
  checkpoints: number;
  intervalMs: number;
  parallelism: number;
}

export const DEFAULT_CHECKPOINT_SPEC: CheckpointSpec = { keys: 1000, payloadChars: 10_000, checkpoints: 5, intervalMs: 500, parallelism: 1 };

export interface CheckpointRun {
  /** State the job holds, in characters of payload (keys × payloadChars). */
  stateChars: number;
  /**
   * Every completed checkpoint of the full state: `durationMs`, the coordinator's (trigger to the
   * last acknowledgement, checksummed — what the IDE's Checkpoints tab shows); `storedMs`, trigger
   * to the checkpoint saved in storage (the completion the target is about); its size.
   */
  checkpoints: Array<{ id: number; durationMs: number; storedMs: number; bytes: number; phases?: CheckpointPhases }>;
  /** Checkpoints taken while the state was still filling (not timed). */
  warmup: number;
  storage: string;
}

export function largeStateJob(s: CheckpointSpec): unknown {
  // The payload is built once per function instance, not per record.
  const code = `(() => {
    const payload = 'x'.repeat(${s.payloadChars});
    return {
      onElement(r, ctx) {
        const blob = ctx.state.value('blob');
        if (blob.get() === undefined) blob.update(payload);
      },
    };
  })()`;
  return {
    format: 'eddy/job@1',
    name: 'bench: large keyed state, checkpoints',
    parallelism: s.parallelism,
    checkpointing: { intervalMs: s.intervalMs, mode: 'exactly-once' },
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { seed: 7, keys: s.keys, stepMs: 1, ratePerSec: Math.max(1000, s.keys * 20) } },
      { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
      { id: 'keep', kind: 'process', params: { code } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'by-key' },
      { from: 'by-key', to: 'keep' },
      { from: 'keep', to: 'out' },
    ],
  };
}

const NO_IO: OperatorIO = {
  readText: () => {
    throw new Error('the checkpoint bench reads no files');
  },
  appendText: () => {},
  collect: () => {},
};

/**
 * Runs the large-state job until `checkpoints` checkpoints of the full state have completed,
 * then cancels it. A checkpoint is "of the full state" once two in a row have the same size
 * (every key holds its payload; the source's offsets keep the same encoded length).
 */
export async function runCheckpointBench(spec: CheckpointSpec, spawner: SlotSpawner, storage: CheckpointStorage | undefined, storageName: string): Promise<CheckpointRun> {
  const checked = validateJob(largeStateJob(spec));
  if (!checked.ok) throw new Error(`invalid checkpoint bench job: ${JSON.stringify(checked.errors)}`);
  const plan = planJob(checked.job as JobDocument, { parallelism: spec.parallelism });
  const timed: CheckpointRun['checkpoints'] = [];
  let warmup = 0;
  let lastSize = -1;
  let full = false;
  let job: WorkerJob | null = null;
  let failure: Error | null = null;
  let finish!: () => void;
  const enough = new Promise<void>((resolve) => (finish = resolve));
  const onCheckpoint = (stats: CheckpointStats) => {
    if (stats.status === 'declined') {
      failure ??= new Error(`checkpoint ${stats.id} was declined: ${stats.reason ?? 'no reason given'}`);
      finish();
      return;
    }
    if (stats.status !== 'completed' || stats.size === undefined || stats.durationMs === undefined) return;
    // Stable within a few bytes: the datagen offsets grow by a digit now and then.
    full ||= lastSize > spec.keys * spec.payloadChars && Math.abs(stats.size - lastSize) < 64;
    lastSize = stats.size;
    if (!full) {
      warmup++;
      return;
    }
    // The coordinator reports a completion once the storage has the checkpoint.
    timed.push({ id: stats.id, durationMs: stats.durationMs, storedMs: Date.now() - stats.triggeredAt, bytes: stats.size, ...(stats.phases ? { phases: stats.phases } : {}) });
    if (timed.length >= spec.checkpoints) finish();
  };
  job = new WorkerJob(plan, { io: NO_IO, spawner, onCheckpoint, ...(storage ? { storage } : {}) });
  const ran = job.run().then(
    () => {
      failure ??= new Error('the large-state job ended before its checkpoints were timed');
    },
    (e: unknown) => {
      failure ??= e instanceof Error ? e : new Error(String(e));
    },
  );
  await Promise.race([enough, ran]);
  job.cancel();
  await ran;
  if (failure !== null && timed.length < spec.checkpoints) throw failure;
  return { stateChars: spec.keys * spec.payloadChars, checkpoints: timed, warmup, storage: storageName };
}
