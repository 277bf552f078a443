import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import { planJob } from '../plan/plan-job.js';
import { BEACON, BEACON_BYTES, ProgressBeacon } from '../runtime/progress-beacon.js';
import { InlineJob } from './inline-host.js';
import { MemoryIO } from './memory-io.js';
import { type Stall, Watchdog, timeoutReason } from './watchdog.js';

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
