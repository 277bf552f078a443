/**
 * asyncMap and checkpoints (Flink's AsyncWaitOperator keeps its queued inputs in operator
 * state): a job restored from a checkpoint taken while calls were in flight produces, with what
 * the first run had published by that checkpoint, exactly the output of a run without failure —
 * at parallelism 1 to 3, on the inline host and in worker-thread slots, and across a rescale.
 */
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, restoreStateFor } from '../engine/checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../engine/checkpoint/storage.js';
import { validateJob } from '../engine/graph/validate.js';
import { InlineJob } from '../engine/host/inline-host.js';
import { MemoryIO } from '../engine/host/memory-io.js';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { WorkerJob } from '../engine/host/worker-job.js';
import { createCoordinator } from '../engine/checkpoint/recovery.js';
import type { OperatorSnapshot } from '../engine/operators/operator.js';
import { planJob } from '../engine/plan/plan-job.js';
import { until } from '../engine/testing/until.js';

type Host = 'inline' | 'workers';

function job(mode: 'ordered' | 'unordered', checkpointing: boolean) {
  return {
    format: 'eddy/job@1',
    ...(checkpointing ? { checkpointing: { intervalMs: 40, retained: 100 } } : {}),
    nodes: [
      { id: 'gen', kind: 'source.datagen', params: { count: 2000, ratePerSec: 2000, keys: 5, seed: 3 } },
      {
        id: 'enrich',
        kind: 'asyncMap',
        // Calls of 0–3 ms, so the queue holds calls in flight at most checkpoints.
        params: { code: 'async (r) => { await new Promise((done) => setTimeout(done, r.value % 4)); return { ...r, doubled: r.value * 2 }; }', timeoutMs: 60_000, capacity: 16, mode },
      },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'enrich' },
      { from: 'enrich', to: 'out' },
    ],
  };
}

function plan(doc: unknown, parallelism: number) {
  const c = validateJob(doc);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return planJob(c.job, { parallelism });
}

const lines = (io: MemoryIO) => io.collected.map((r) => JSON.stringify(r));

interface RunOptions {
  storage?: MemoryCheckpointStorage;
  restore?: Record<string, OperatorSnapshot[]>;
  onCheckpoint?: (id: number, published: number) => void;
  /** Worker slots: the running job, once deployed (to slow its source). */
  whileRunning?: (job: WorkerJob) => Promise<void>;
}

async function run(host: Host, doc: unknown, parallelism: number, o: RunOptions = {}): Promise<MemoryIO> {
  const io = new MemoryIO();
  const p = plan(doc, parallelism);
  const onCheckpoint = (s: { id: number; status: string }) => {
    if (s.status === 'completed') o.onCheckpoint?.(s.id, io.collected.length);
  };
  if (host === 'workers') {
    const job = new WorkerJob(p, { io, spawner: nodeSlotSpawner, ...(o.storage ? { storage: o.storage } : {}), ...(o.restore ? { restore: o.restore } : {}), onCheckpoint });
    const running = job.run();
    if (o.whileRunning) await o.whileRunning(job);
    await running;
    return io;
  }
  const coordinator = o.storage ? await createCoordinator(p, o.storage, io, onCheckpoint) : null;
  await new InlineJob(p, { io, clock: 'system', ...(coordinator ? { coordinator } : {}), ...(o.restore ? { restore: o.restore } : {}) }).run();
  // The job finished: what it holds is final (what the recovery loop does after the last attempt).
  coordinator?.finish();
  return io;
}

/** Runs with checkpoints, restores from the first one that holds queued calls, and returns what both runs produced. */
async function restoredOutput(host: Host, mode: 'ordered' | 'unordered', parallelism: number, restoreParallelism = parallelism) {
  const storage = new MemoryCheckpointStorage();
  const published = new Map<number, number>();
  const queuedIn = async (id: number) => {
    const state = decodeCheckpoint(await storage.load(id));
    return (state.byNode.enrich ?? []).reduce((n, s) => n + (((s?.operator as { queue?: unknown[] } | undefined)?.queue?.length) ?? 0), 0);
  };
  // In worker slots the source is slowed until such a checkpoint is taken, so even a loaded
  // machine, where the whole input can pass before a checkpoint completes, takes one.
  let workerJob: WorkerJob | null = null;
  let found = false;
  const first = await run(host, job(mode, true), parallelism, {
    storage,
    onCheckpoint: (id, n) => {
      published.set(id, n);
      if (workerJob === null || found || n === 0) return;
      const slowed = workerJob;
      queuedIn(id).then((queued) => {
        if (queued > 0 && !found) {
          found = true;
          slowed.applyChaos({ kind: 'end', nodeId: 'gen' }).catch(() => {});
        }
      }, () => {});
    },
    whileRunning: async (running) => {
      await until(() => running.slotApis.length > 0);
      await running.applyChaos({ kind: 'slow', nodeId: 'gen', delayMs: 1, seconds: 3600 });
      workerJob = running;
    },
  });
  let chosen: { id: number; queued: number } | null = null;
  for (const [id] of published) {
    const queued = await queuedIn(id);
    // Not the first: its output before the cut must be part of the comparison.
    if (queued > 0 && published.get(id)! > 0) {
      chosen = { id, queued };
      break;
    }
  }
  if (chosen === null) throw new Error(`no checkpoint of ${published.size} held queued calls`);
  const p = plan(job(mode, true), restoreParallelism);
  const second = await run(host, job(mode, true), restoreParallelism, { restore: restoreStateFor(p, decodeCheckpoint(await storage.load(chosen.id))) });
  return { before: lines(first).slice(0, published.get(chosen.id)!), after: lines(second), firstAll: lines(first) };
}

describe('asyncMap with checkpoints', () => {
  for (const host of ['inline', 'workers'] as const) {
    for (const parallelism of [1, 2, 3]) {
      it(`${host}, parallelism ${parallelism}: a restore from a checkpoint with calls in flight gives the failure-free output`, async () => {
        const reference = lines(await run(host, job('ordered', false), parallelism));
        const { before, after, firstAll } = await restoredOutput(host, 'ordered', parallelism);
        expect([...firstAll].sort()).toEqual([...reference].sort());
        if (parallelism === 1) expect([...before, ...after]).toEqual(reference);
        else expect([...before, ...after].sort()).toEqual([...reference].sort());
      });
    }
  }

  it('inline, unordered, rescaled 2 → 3: every record once', async () => {
    const reference = lines(await run('inline', job('unordered', false), 2)).sort();
    const { before, after } = await restoredOutput('inline', 'unordered', 2, 3);
    expect([...before, ...after].sort()).toEqual(reference);
  });
});

describe('asyncMap draining after its input ended', () => {
  it('still takes part in checkpoints, with the calls it waits for in its state', async () => {
    const g = globalThis as { __drain?: Array<() => void> };
    g.__drain = [];
    const doc = {
      format: 'eddy/job@1',
      checkpointing: { intervalMs: 20, retained: 100 },
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3, 4, 5] } },
        // Each call waits until the test lets it go.
        { id: 'enrich', kind: 'asyncMap', params: { code: '(r) => new Promise((done) => globalThis.__drain.push(() => done(r * 10)))', timeoutMs: 600_000 } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'enrich' },
        { from: 'enrich', to: 'out' },
      ],
    };
    const storage = new MemoryCheckpointStorage();
    const completed: number[] = [];
    const first = run('inline', doc, 1, { storage, onCheckpoint: (id) => completed.push(id) });
    // The source has ended and every call waits: a checkpoint completes all the same.
    await until(() => g.__drain!.length === 5);
    const after = completed.length;
    await until(() => completed.length > after + 1);
    const id = completed[completed.length - 1]!;
    const queue = (decodeCheckpoint(await storage.load(id)).byNode.enrich![0]!.operator as { queue: unknown[] }).queue;
    expect(queue).toEqual([{ v: 1, t: -Infinity }, { v: 2, t: -Infinity }, { v: 3, t: -Infinity }, { v: 4, t: -Infinity }, { v: 5, t: -Infinity }, { w: Infinity }]);
    for (const go of g.__drain!.splice(0)) go();
    expect(lines(await first).map((l) => JSON.parse(l).value)).toEqual([10, 20, 30, 40, 50]);

    // From that checkpoint the five calls are made again.
    const p = plan(doc, 1);
    const second = run('inline', doc, 1, { restore: restoreStateFor(p, decodeCheckpoint(await storage.load(id))) });
    await until(() => g.__drain!.length === 5);
    for (const go of g.__drain!.splice(0)) go();
    expect(lines(await second).map((l) => JSON.parse(l).value)).toEqual([10, 20, 30, 40, 50]);
  });
});

describe('asyncMap at the end of its input (Flink: retries stop, a pending retry runs at once)', () => {
  // Capacity 2 in unordered mode: records 1 and 2 fill the queue, so the source's final watermark
  // (which takes a place in the queue, as in Flink's AsyncWaitOperator) and with it the end of
  // input reach the node only after record 2 left — and record 1's first call, made before it, has
  // failed by then, with its retry an hour away. (With room for the watermark the end could come
  // while that first call is in flight, and a first call in flight at the end is final.)
  function endJob(code: string) {
    return {
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: [1, 2] } },
        {
          id: 'enrich',
          kind: 'asyncMap',
          params: {
            code,
            capacity: 2,
            mode: 'unordered',
            timeoutMs: 7_200_000,
            retry: { strategy: 'fixedDelay', maxAttempts: 5, delayMs: 3_600_000, onException: true, onEmptyResult: true },
          },
        },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'enrich' },
        { from: 'enrich', to: 'out' },
      ],
    };
  }

  for (const host of ['inline', 'workers'] as const) {
    it(`${host}: the retry an hour away runs when the input ends, and its answer stands`, async () => {
      // Record 1 answers nothing until its third call; with retries cut short, its second call is its last.
      const io = await run(host, endJob('(r, ctx) => (r === 1 && ctx.attempt < 3 ? [] : [{ r, attempt: ctx.attempt }])'), 1);
      expect(lines(io).map((l) => JSON.parse(l).value)).toEqual([{ r: 2, attempt: 1 }]);
    });

    it(`${host}: a failed final attempt fails the job, although retries were left`, async () => {
      const doc = endJob('(r, ctx) => (r === 1 ? Promise.reject(new Error(`busy (call ${ctx.attempt})`)) : r)');
      await expect(run(host, doc, 1)).rejects.toThrow(/the async call failed \(after 2 attempts\): busy \(call 2\)/);
    });
  }
});
