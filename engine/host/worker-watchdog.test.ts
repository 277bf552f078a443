/**
 * The watchdog on the worker host: real slot threads stuck in a function, terminated and
 * restarted (the integration project: it starts slot workers; the Watchdog's own logic is
 * tested in watchdog.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { JobFailure } from '../graph/errors.js';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { MemoryIO } from './memory-io.js';
import { nodeSlotSpawner } from './node/node-slots.js';
import type { Stall } from './watchdog.js';
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
