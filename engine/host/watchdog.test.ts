import { describe, expect, it } from 'vitest';
import { JobFailure } from '../graph/errors.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { BEACON, BEACON_BYTES, ProgressBeacon } from '../runtime/progress-beacon.js';
import { InlineJob } from './inline-host.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import { type Stall, Watchdog, timeoutReason } from './watchdog.js';
import { WorkerJob } from './worker-job.js';

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));

/** A job whose nodes are chained in one task; a 1 s watchdog unless `extra` says otherwise. */
function job(nodes: unknown[], extra: Record<string, unknown> = {}) {
  const doc = { format: 'eddy/job@1', execution: { functionTimeoutMs: 1000 }, nodes, edges: chain(...nodes.map((n) => (n as { id: string }).id)), ...extra };
  const checked = validateJob(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return planJob(checked.job);
}

const src = (records: unknown[], ratePerSec?: number) => ({ id: 'src', kind: 'source.collection', params: { records, ...(ratePerSec ? { ratePerSec } : {}) } });
const map = (id: string, code: string) => ({ id, kind: 'map', params: { code } });
const out = { id: 'out', kind: 'sink.collect' };
const HANG_ON_3 = '(n) => { if (n === 3) while (true) {} return n * 10; }';

async function failureOf(run: Promise<void>): Promise<JobFailure> {
  const e = await run.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(JobFailure);
  return e as JobFailure;
}

describe('the progress beacon', () => {
  it('beats every 64 records of a large input batch: a slow function that gets through its batch is never taken for a stuck one', async () => {
    // 4 000 records in batches of up to 1 024: per burst (up to 1 024 steps) the beacon would beat
    // a handful of times; every 64 records the map's task alone beats at least 62 times.
    const records = Array.from({ length: 4000 }, (_, i) => i);
    const plan = job([src(records), map('m', '(n) => n + 1'), out], {
      parallelism: 1,
      // The map in a task of its own, reading full batches from its input channel.
      edges: [{ from: 'src', to: 'm', partition: 'rebalance' }, { from: 'm', to: 'out' }],
    });
    const beacon = new ProgressBeacon(new ArrayBuffer(BEACON_BYTES), plan);
    const io = new MemoryIO();
    await new InlineJob(plan, { io, beacon }).run();
    expect(io.collected.length).toBe(4000);
    expect(Atomics.load(beacon.cells, BEACON.beats)).toBeGreaterThanOrEqual(4000 / 64);
  });
});

describe('Watchdog', () => {
  const plan = job([src([1]), map('m', '(n) => n'), out]);
  const setUp = (timeoutMs: number) => {
    let now = 0;
    const memory = new SharedArrayBuffer(BEACON_BYTES);
    const beacon = new ProgressBeacon(memory, plan);
    const fired: Stall[] = [];
    const seen: Array<Stall | null> = [];
    const dog = new Watchdog({ plan, timeoutMs, now: () => now, onTimeout: (s) => fired.push(s), onUnresponsive: (_slot, s) => seen.push(s) });
    dog.watch(0, memory);
    return { beacon, fired, seen, dog, at: (ms: number) => ((now = ms), dog.check()) };
  };

  it('fires once, naming the node and subtask, when a burst makes no progress for the timeout', () => {
    const { beacon, fired, seen, at } = setUp(3000);
    beacon.enter(0, beacon.nodeIndex('m'));
    at(0);
    at(999);
    expect(seen).toEqual([]);
    at(1500);
    expect(seen.at(-1)).toMatchObject({ nodeId: 'm', subtask: 0, stalledMs: 1500 });
    at(3000);
    at(4000);
    expect(fired).toEqual([{ slot: 0, nodeId: 'm', subtask: 0, stalledMs: 3000, vertex: 'src', others: [] }]);
  });

  it('counts from the last beat, says when the slot moves again, and ignores a thread that waits for messages', () => {
    const { beacon, fired, seen, at } = setUp(3000);
    beacon.enter(1, beacon.nodeIndex('m'));
    at(0);
    at(2000);
    beacon.beat();
    at(2500);
    expect(seen).toEqual([expect.objectContaining({ stalledMs: 2000, subtask: 1 }), null]);
    at(5000);
    beacon.leave();
    at(9000);
    at(20_000);
    expect(fired).toEqual([]);
    expect(Atomics.load(beacon.cells, BEACON.busy)).toBe(0);
  });

  it('never fires with a timeout of 0, but still reports the stall', () => {
    const { beacon, fired, seen, at } = setUp(0);
    beacon.enter(0, 0);
    at(0);
    at(60_000);
    expect(fired).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ stalledMs: 60_000 });
  });

  it('words the timeout in seconds or milliseconds', () => {
    expect(timeoutReason(10_000)).toMatch(/^did not return within 10 s/);
    expect(timeoutReason(1500)).toMatch(/^did not return within 1\.5 s/);
    expect(timeoutReason(250)).toMatch(/^did not return within 250 ms/);
  });
});

describe('worker host watchdog', () => {
  it('fails the job naming the node whose function never returns, and terminates its slot', async () => {
    const io = new MemoryIO();
    const stalls: Array<Stall | null> = [];
    const workers = new WorkerJob(job([src([1, 2, 3, 4]), map('m', HANG_ON_3), out]), { io, spawner: nodeSlotSpawner, onUnresponsive: (_s, stall) => stalls.push(stall) });
    const failure = await failureOf(workers.run());
    expect(failure.nodeId).toBe('m');
    expect(failure.message).toContain('node "m" (subtask 0) failed: did not return within 1 s');
    expect(workers.status).toBe('failed');
    expect(stalls.at(-1)).toBeNull();
  });

  it('with several functions chained in one task, names them all, then the exact one after a restart', async () => {
    // The flatMap's generator hangs after its downstream map returned: the marker is back on it.
    const hangsAfterEmit = 'function* (n) { yield n; if (n === 2) while (true) {} }';
    const cases: Array<[unknown[], string, string]> = [
      [[src([1, 2, 3]), map('a', '(n) => n'), map('b', HANG_ON_3), out], 'b', 'node "a" (subtask 0) failed: did not return within 1 s (an endless loop?); if it is only slow, raise the job\'s execution.functionTimeoutMs — or one of "b", chained'],
      [[src([1, 2, 3]), map('a', HANG_ON_3), map('b', '(n) => n'), out], 'a', 'node "a" (subtask 0) failed: did not return within 1 s'],
      [[src([1, 2, 3]), { id: 'fm', kind: 'flatMap', params: { code: hangsAfterEmit } }, map('b', '(n) => n'), out], 'fm', 'or one of "b"'],
    ];
    for (const [nodes, exact, first] of cases) {
      const restarts: string[] = [];
      const plan = job(nodes, { restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 10 } });
      const failure = await failureOf(new WorkerJob(plan, { io: new MemoryIO(), spawner: nodeSlotSpawner, onRestart: (_n, f) => restarts.push(f.message) }).run());
      expect(restarts[0], exact).toContain(first);
      expect(failure.nodeId, JSON.stringify(nodes)).toBe(exact);
      expect(failure.message).not.toContain('or one of');
    }
  });

  it('keeps the output the slot sent before the hang', async () => {
    const io = new MemoryIO();
    // One record per slice (the rate makes the slot wait), so each result leaves before the next record.
    const failure = await failureOf(new WorkerJob(job([src([1, 2, 3, 4], 20), map('m', HANG_ON_3), out]), { io, spawner: nodeSlotSpawner }).run());
    expect(failure.nodeId).toBe('m');
    expect(io.collected.map((r) => r.value)).toEqual([10, 20]);
  });

  it('restarts as the restart strategy says, then fails with the last stall', async () => {
    const restarts: string[] = [];
    const plan = job([src([1, 2, 3]), map('m', HANG_ON_3), out], { restart: { strategy: 'fixed-delay', attempts: 2, delayMs: 10 } });
    const workers = new WorkerJob(plan, { io: new MemoryIO(), spawner: nodeSlotSpawner, onRestart: (_n, f) => restarts.push(f.message) });
    const failure = await failureOf(workers.run());
    expect(restarts).toHaveLength(2);
    for (const m of restarts) expect(m).toContain('node "m" (subtask 0) failed: did not return within 1 s');
    expect(failure.nodeId).toBe('m');
    expect(workers.restarts).toBe(2);
  });

  it('watches the restarted attempt afresh: its rate-limited source reaches the hang again and it fails too (issue 9)', async () => {
    // The IDE's job: four records a second, metrics on, one restart. The restarted attempt
    // reports, is not left idle waiting for a wakeup, and its stall is seen though the
    // previous attempt's watchdog already fired.
    const io = new MemoryIO();
    const samplesPerAttempt: number[] = [];
    const plan = job([src([1, 2, 3, 4, 5], 4), map('m', HANG_ON_3), out], { restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 100 } });
    const workers = new WorkerJob(plan, {
      io,
      spawner: nodeSlotSpawner,
      metricsIntervalMs: 50,
      onMetrics: () => void samplesPerAttempt[workers.restarts]!++,
      onRestart: () => samplesPerAttempt.push(0),
    });
    samplesPerAttempt.push(0);
    const failure = await failureOf(workers.run());
    expect(workers.restarts).toBe(1);
    expect(failure.nodeId).toBe('m');
    expect(failure.message).toContain('did not return within 1 s');
    expect(samplesPerAttempt.every((n) => n > 0), String(samplesPerAttempt)).toBe(true);
    expect(io.collected.map((r) => r.value)).toEqual([10, 20, 10, 20]);
  });

  it('publishes the output its checkpoints covered exactly once across restarts', async () => {
    const io = new MemoryIO();
    const records = Array.from({ length: 12 }, (_, i) => i + 1);
    const hangOn9 = '(n) => { if (n === 9) while (true) {} return n * 10; }';
    const plan = job([src(records, 40), map('m', hangOn9), out], {
      checkpointing: { intervalMs: 20 },
      restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 10 },
    });
    await failureOf(new WorkerJob(plan, { io, spawner: nodeSlotSpawner }).run());
    const values = io.collected.map((r) => r.value);
    // A prefix of 10, 20, …, 80, each once: what completed checkpoints covered, never twice.
    expect(values).toEqual(records.slice(0, values.length).map((n) => n * 10));
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThanOrEqual(8);
  });
});
