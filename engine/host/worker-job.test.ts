import { describe, expect, it } from 'vitest';
import { JobFailure } from '../graph/errors.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import type { SubtaskMetrics } from './slot-protocol.js';
import { type SlotSpawner, WorkerJob } from './worker-job.js';
import { until } from '../testing/until.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import type { Job } from './job.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
const doc = (nodes: unknown[], edges: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'eddy/job@1', nodes, edges, ...extra });
const sortedLines = (r: { results: readonly { sink: string; value: unknown }[] }) => r.results.map((x) => JSON.stringify(x)).sort();

function plan(job: unknown, parallelism?: number) {
  const checked = validateJob(job);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job, parallelism ? { parallelism } : {});
}

const windowJob = doc(
  [
    { id: 'gen', kind: 'source.datagen', params: { count: 20_000, seed: 3, keys: 50, startTs: 0, stepMs: 5, maxOutOfOrdernessMs: 40 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 40, intervalMs: 0 } },
    { id: 'k', kind: 'keyBy', params: { field: 'key' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  chain('gen', 'wm', 'k', 'w', 'out'),
);

describe('worker host (Node worker threads)', () => {
  it('gives the inline host’s results at parallelism 1 to 4', async () => {
    const inline = sortedLines(await runJob(windowJob, { parallelism: 1 }));
    expect(inline.length).toBeGreaterThan(50 * 90);
    for (const parallelism of [1, 2, 3, 4]) {
      expect(sortedLines(await runJob(windowJob, { parallelism, spawner: nodeSlotSpawner })), `parallelism ${parallelism}`).toEqual(inline);
    }
  });

  it('runs subtask i of every vertex in slot i, each slot its own worker thread', async () => {
    const job = new WorkerJob(plan(windowJob, 3), { io: new MemoryIO(), spawner: nodeSlotSpawner });
    await job.run();
    const reports = [...job.slotReports].sort((a, b) => a.slotIndex - b.slotIndex);
    expect(reports.map((r) => r.isWorker)).toEqual([true, true, true]);
    expect(reports.map((r) => r.hasDocument)).toEqual([false, false, false]);
    expect(new Set(reports.map((r) => r.thread)).size).toBe(3);
    expect(reports.map((r) => r.subtasks.map((s) => `${s.vertex}#${s.index}`))).toEqual([
      ['gen#0', 'w#0'],
      ['gen#1', 'w#1'],
      ['gen#2', 'w#2'],
    ]);
    // Records crossed slots: every window subtask read some of every generator's output.
    expect(reports.every((r) => r.subtasks.find((s) => s.vertex === 'w')!.recordsIn > 1000)).toBe(true);
  });

  it('reports where each slot thread spent the run: CPU, slices, waits, channel traffic', async () => {
    const job = new WorkerJob(plan(windowJob, 2), { io: new MemoryIO(), spawner: nodeSlotSpawner });
    await job.run();
    const reports = [...job.slotReports].sort((a, b) => a.slotIndex - b.slotIndex);
    for (const r of reports) {
      const s = r.stats!;
      expect(s.wallMs).toBeGreaterThan(0);
      // Under Node on Linux the slot reads its own thread's CPU time (/proc/thread-self): in
      // nanoseconds from schedstat (with the run-queue time), else in 10 ms ticks from stat.
      expect(s.cpuMs).toBeGreaterThanOrEqual(0);
      expect(s.startupCpuMs).toBeGreaterThan(0);
      if (s.runQueueMs !== undefined) {
        expect(s.cpuMs).toBeGreaterThan(0);
        // One thread cannot run longer than the span it ran in.
        expect(s.cpuMs!).toBeLessThanOrEqual(s.wallMs + 1);
      }
      expect(s.slices).toBeGreaterThan(0);
      // The parts of the wall time add up to it (the clock is read at each slice's ends).
      expect(s.sliceMs + s.yieldMs + s.waitCreditMs + s.waitInputMs).toBeCloseTo(s.wallMs, 3);
      expect(s.tasks.map((t) => t.task).sort()).toEqual([`gen#${r.slotIndex}`, `w#${r.slotIndex}`]);
      // Half the keys' records cross to the other slot, and half of the other's come in.
      expect(s.sent.records).toBeGreaterThan(1000);
      expect(s.received.records).toBeGreaterThan(1000);
      expect(s.sent.bytes).toBeGreaterThan(s.sent.records);
    }
    // What one slot sent, the other received — at least what the sender had posted when it
    // reported: a slot whose tasks finished may still hold batches waiting for a credit, posted
    // after its report (the receiving slot finishes only after them).
    const sent = reports.map((r) => r.stats!.sent.records);
    const received = reports.map((r) => r.stats!.received.records);
    expect(received[1]).toBeGreaterThanOrEqual(sent[0]!);
    expect(received[0]).toBeGreaterThanOrEqual(sent[1]!);
    // Every record of the 20 000 was read by one window subtask: locally or from the other slot.
    expect(reports.reduce((n, r) => n + r.subtasks.find((x) => x.vertex === 'w')!.recordsIn, 0)).toBe(20_000);
  });

  it('shares slots round-robin when fewer slots than subtasks are allowed', async () => {
    const io = new MemoryIO();
    const job = new WorkerJob(plan(windowJob, 4), { io, spawner: nodeSlotSpawner, maxSlots: 2 });
    await job.run();
    expect(job.slotReports).toHaveLength(2);
    expect(sortedLines({ results: io.collected })).toEqual(sortedLines(await runJob(windowJob)));
  });

  it('fails the job with the node id and subtask when a function throws in a slot', async () => {
    const failing = doc(
      [
        { id: 'gen', kind: 'source.datagen', params: { count: 1000, keys: 4 } },
        { id: 'k', kind: 'keyBy', params: { field: 'key' } },
        { id: 'check', kind: 'process', params: { code: "({ onElement(r) { if (r.key === 'key-2') throw new Error('bad key ' + r.key); } })" } },
      ],
      chain('gen', 'k', 'check'),
    );
    const job = new WorkerJob(plan(failing, 2), { io: new MemoryIO(), spawner: nodeSlotSpawner });
    const error = await job.run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobFailure);
    expect(error).toMatchObject({ nodeId: 'check' });
    // The line of the user's code and the record, as the slot reports them.
    expect((error as JobFailure).reason).toMatch(/^bad key key-2 \(line 1, column \d+ of the node's code\) on record \{"key":"key-2"/);
    expect([0, 1]).toContain(((error as JobFailure).origin as { subtask: number }).subtask);
    expect(job.status).toBe('failed');
  });

  it('back-pressures a fast source behind a slow sink, with bounded buffers, and reports it in the metrics', async () => {
    const slow = doc(
      [
        { id: 'gen', kind: 'source.datagen', parallelism: 1, params: { count: 6000, keys: 10 } },
        // Busy for ~0.5 ms per record: far slower than the generator.
        { id: 'slow', kind: 'map', parallelism: 2, params: { code: '(r) => { const end = performance.now() + 0.5; while (performance.now() < end); return r; }' } },
        { id: 'out', kind: 'sink.collect', parallelism: 2 },
      ],
      chain('gen', 'slow', 'out'),
    );
    const samples: SubtaskMetrics[] = [];
    const io = new MemoryIO();
    const job = new WorkerJob(plan(slow), { io, spawner: nodeSlotSpawner, batchSize: 64, channelCapacity: 2, metricsIntervalMs: 100, onMetrics: (s) => samples.push(...s) });
    await job.run();
    expect(io.collected).toHaveLength(6000);
    const source = samples.filter((s) => s.vertex === 'gen');
    const sinks = samples.filter((s) => s.vertex === 'slow');
    expect(source.length).toBeGreaterThan(3);
    // The source spends most of its time waiting for credit…
    expect(Math.max(...source.map((s) => s.backPressuredMsPerSecond))).toBeGreaterThan(300);
    // …with output buffers in use (a receiver returns a buffer as it starts on the batch, so a
    // blocked sender's share in use depends on the moment of the sample).
    expect(Math.max(...source.map((s) => s.outputBufferUsage))).toBeGreaterThan(0);
    // …while the slow subtasks are busy, and their input never holds more than their credits.
    expect(Math.max(...sinks.map((s) => s.busyMsPerSecond))).toBeGreaterThan(500);
    expect(Math.max(...sinks.map((s) => s.inputBufferUsage))).toBeLessThanOrEqual(1);
    expect(Math.max(...sinks.map((s) => s.bytesIn))).toBeGreaterThan(0);
  });

  it('cancels an unbounded job: run() returns and every slot worker is terminated', async () => {
    const endless = doc(
      [
        { id: 'gen', kind: 'source.datagen', params: { keys: 3 } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chain('gen', 'out'),
    );
    const io = new MemoryIO();
    // The Node spawner, counting the slots it started and those it was asked to terminate.
    const spawned = new Set<number>();
    const terminated = new Set<number>();
    const spawner: SlotSpawner = {
      channel: () => nodeSlotSpawner.channel(),
      spawn(index) {
        spawned.add(index);
        const slot = nodeSlotSpawner.spawn(index);
        return { ...slot, terminate: () => (terminated.add(index), slot.terminate()) };
      },
    };
    const job = new WorkerJob(plan(endless, 2), { io, spawner });
    const running = job.run();
    // Running: records arrive (how many does not matter, and a loaded machine delivers few).
    await until(() => io.collected.length >= 100);
    job.cancel();
    await running;
    expect(job.status).toBe('canceled');
    expect([...spawned]).toEqual([0, 1]);
    expect([...terminated].sort()).toEqual([0, 1]);
  });
});

/** A keyed job with checkpoints every `intervalMs` over a datagen source with these params. */
function planOf(gen: Record<string, unknown>, intervalMs = 50) {
  return plan(
    doc(
      [
        { id: 'gen', kind: 'source.datagen', params: { keys: 4, ...gen } },
        { id: 'k', kind: 'keyBy', params: { field: 'key' } },
        { id: 'sum', kind: 'reduce', params: { code: '(a, b) => ({ ...a, value: a.value + b.value })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chain('gen', 'k', 'sum', 'out'),
      { checkpointing: { intervalMs } },
    ),
  );
}

describe('worker host checkpoints (CheckpointDriver on the controller\'s timer) and Job.savepoint', () => {
  it('on the worker host: periodic checkpoints complete while the job runs, and a savepoint goes between them', async () => {
    const completed: Array<{ id: number; kind: string }> = [];
    const workers = new WorkerJob(planOf({ ratePerSec: 2000 }, 50), {
      io: new MemoryIO(),
      spawner: nodeSlotSpawner,
      onCheckpoint: (s) => {
        if (s.status === 'completed') completed.push({ id: s.id, kind: s.kind });
      },
    });
    const running = workers.run();
    await until(() => completed.length >= 2);
    const savepoint = await workers.savepoint();
    await until(() => completed.some((c) => c.id > savepoint.id && c.kind === 'checkpoint'));
    workers.cancel();
    await running;
    const ids = completed.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(completed.find((c) => c.id === savepoint.id)?.kind).toBe('savepoint');
  });

  it('Job.savepoint is taken while the job runs, which goes on running until canceled', async () => {
    const storage = new MemoryCheckpointStorage();
    const workers = new WorkerJob(planOf({ ratePerSec: 2_000 }), { io: new MemoryIO(), spawner: nodeSlotSpawner, storage });
    const asJob: Job = workers;
    const running = asJob.run();
    await until(() => workers.slotApis.length > 0);
    const metadata = await asJob.savepoint();
    expect(asJob.status).toBe('running');
    expect(metadata.kind).toBe('savepoint');
    expect((await storage.load(metadata.id)).metadata.kind).toBe('savepoint');
    asJob.cancel();
    await running;
    expect(asJob.status).toBe('canceled');
  });
});
