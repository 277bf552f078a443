import { describe, expect, it } from 'vitest';
import { validateJob } from '../graph/validate.js';
import { runInline } from '../host/inline-recovery.js';
import type { InlineJob } from '../host/inline-host.js';
import { MemoryIO } from '../host/memory-io.js';
import { nodeSlotSpawner } from '../host/node/node-slots.js';
import { WorkerJob } from '../host/worker-job.js';
import { BatchBuilder, type ChannelItem } from '../net/channel.js';
import { LocalChannel } from '../net/local-channel.js';
import { type OperatorSnapshot, RowKind } from '../operators/operator.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { type InFlightInput, InputGate } from '../runtime/input-gate.js';
import { type CheckpointStats, CheckpointCoordinator } from './coordinator.js';
import { InFlightRescaleError, decodeCheckpoint, stateForSubtask } from './restore.js';
import { MemoryCheckpointStorage } from './storage.js';

const batch = (...values: number[]): ChannelItem => {
  const b = new BatchBuilder(values.length);
  for (const v of values) b.add(v, v);
  return b.take();
};

/** A gate over two channels of one input that logs what it hands on. */
function gateOverTwoChannels() {
  const c0 = new LocalChannel(8);
  const c1 = new LocalChannel(8);
  const log: string[] = [];
  let inFlight: InFlightInput[] | null = null;
  const gate = new InputGate(
    [
      { receiver: c0, input: 0 },
      { receiver: c1, input: 0 },
    ],
    1,
    {
      onRecord: (v) => log.push(`record ${v as number}`),
      onWatermark: (w) => log.push(`watermark ${w}`),
      onIdle: () => {},
      onInputEnded: () => log.push('ended'),
      onBarrier: (id) => log.push(`aligned ${id}`),
      onUnalignedBarrier: (id) => log.push(`cut ${id}`),
      now: () => 0,
      onUnalignedComplete: (id, f) => {
        log.push(`complete ${id}`);
        inFlight = f;
      },
    },
    'exactly-once',
  );
  const drain = () => {
    while (gate.step());
  };
  return { c0, c1, gate, log, drain, inFlight: () => inFlight };
}

describe('unaligned checkpoints', () => {
  it('start at the first barrier, overtake queued data, block nothing, and keep what was ahead of each barrier', () => {
    const { c0, c1, log, drain, inFlight } = gateOverTwoChannels();
    c0.send(batch(1, 2));
    c1.send(batch(10));
    // The barrier jumps the queue of channel 0: records 1 and 2 were ahead of it.
    expect(c0.sendAhead({ kind: 'barrier', id: 1, unaligned: true })).toEqual([]);
    c0.send(batch(3));
    c1.send(batch(11));
    c1.send({ kind: 'barrier', id: 1, unaligned: true });
    c1.send(batch(12));
    drain();
    // The checkpoint's moment is the first barrier, before any record; channel 0's record after
    // its barrier (3) is processed before channel 1's barrier arrives: nothing waits.
    expect(log[0]).toBe('cut 1');
    expect(log.indexOf('record 3')).toBeLessThan(log.indexOf('complete 1'));
    expect(log.filter((l) => l.startsWith('record')).sort()).toEqual(['record 1', 'record 10', 'record 11', 'record 12', 'record 2', 'record 3']);
    expect(log).not.toContain('aligned 1');
    const f = inFlight()!;
    expect(f).toHaveLength(1);
    expect([...f[0]!.values].sort((a, b) => (a as number) - (b as number))).toEqual([1, 2, 10, 11]);
    expect(f[0]!.timestamps.length).toBe(4);
  });

  it('keeps the row kinds of the in-flight records it captures, and hands each record on with its kind', () => {
    const c0 = new LocalChannel(8);
    const seen: string[] = [];
    let inFlight: InFlightInput[] | null = null;
    const gate = new InputGate([{ receiver: c0, input: 0 }], 1, {
      onRecord: (v, _ts, _input, kind) => seen.push(`${kind ?? 0}:${v as string}`),
      onWatermark: () => {},
      onIdle: () => {},
      onInputEnded: () => {},
      onBarrier: () => {},
      onUnalignedBarrier: () => {},
      now: () => 0,
      onUnalignedComplete: (_id, f) => {
        inFlight = f;
      },
    }, 'exactly-once');
    const plain = new BatchBuilder(4);
    plain.add('a', 1);
    c0.send(plain.take());
    const changes = new BatchBuilder(4);
    changes.add('a', 2, RowKind.UPDATE_BEFORE);
    changes.add('b', 2, RowKind.UPDATE_AFTER);
    c0.send(changes.take());
    c0.sendAhead({ kind: 'barrier', id: 1, unaligned: true });
    while (gate.step());
    expect(seen).toEqual(['0:a', '1:a', '2:b']);
    const f = (inFlight as InFlightInput[] | null)!;
    expect(f[0]).toEqual({ input: 0, values: ['a', 'a', 'b'], timestamps: [1, 2, 2], kinds: [RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER] });
  });

  it('an aligned barrier still blocks its channel until the other delivers it', () => {
    const { c0, c1, log, drain } = gateOverTwoChannels();
    c0.send({ kind: 'barrier', id: 1 });
    c0.send(batch(3));
    c1.send(batch(10));
    c1.send({ kind: 'barrier', id: 1 });
    drain();
    expect(log).toEqual(['record 10', 'aligned 1', 'record 3']);
  });

  it('ignores the stale barrier of a checkpoint a newer one overtook', () => {
    const { c0, c1, log, drain } = gateOverTwoChannels();
    c0.send({ kind: 'barrier', id: 1, unaligned: true });
    c1.send({ kind: 'barrier', id: 2, unaligned: true });
    c0.send({ kind: 'barrier', id: 2, unaligned: true });
    c1.send({ kind: 'barrier', id: 1, unaligned: true });
    drain();
    expect(log.filter((l) => l.startsWith('complete'))).toEqual(['complete 2']);
  });

  it('covers a sink’s results up to the cut, not those produced while in-flight data is collected', async () => {
    const storage = new MemoryCheckpointStorage();
    const published: unknown[] = [];
    const c = new CheckpointCoordinator({ storage, retained: 1, parallelism: { s: 1 }, tasks: ['s#0'], publish: (r) => published.push(...r.map((x) => x[2])) });
    const id = c.begin()!;
    c.hold('s#0', [['s', 0, 'before']]);
    c.cover(id, 's#0');
    c.hold('s#0', [['s', 0, 'after']]);
    await c.acknowledge(id, 's#0', new Uint8Array([1]));
    expect(published).toEqual(['before']);
  });

  it('in-flight data restores only at the same parallelism', () => {
    const old: OperatorSnapshot[] = [{ channels: { inputs: [{ input: 0, values: [1], timestamps: [1] }] } }, {}];
    expect(stateForSubtask(old, 2, 2, 0)).toEqual(old[0]);
    expect(() => stateForSubtask(old, 2, 3, 0)).toThrow(InFlightRescaleError);
  });
});

const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i], to }));
const windowJob = (checkpointing: Record<string, unknown> | undefined, ratePerSec = 20_000, count = 12_000) => ({
  format: 'eddy/job@1',
  parallelism: 2,
  ...(checkpointing ? { checkpointing } : {}),
  restart: { strategy: 'fixed-delay', attempts: 5, delayMs: 10 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count, ratePerSec, keys: 6, stepMs: 10, maxOutOfOrdernessMs: 50 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 50, intervalMs: 0 } },
    { id: 'k', kind: 'keyBy', params: { field: 'key' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 2000 }, function: { type: 'aggregate', fn: 'sum', field: 'value' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: chain('gen', 'wm', 'k', 'w', 'out'),
});
const plan = (doc: unknown, parallelism?: number) => {
  const c = validateJob(doc);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return planJob(c.job, parallelism ? { parallelism } : {});
};
const lines = (xs: readonly { sink: string; value: unknown }[]) => xs.map((x) => JSON.stringify(x)).sort();
const hasChannelState = (byNode: Record<string, OperatorSnapshot[]>) => Object.values(byNode).some((subtasks) => subtasks.some((s) => s?.channels !== undefined));

/** Counts the completed checkpoints of `storage` that hold in-flight data. */
function inFlightCounter(storage: MemoryCheckpointStorage) {
  let count = 0;
  const onCheckpoint = (s: CheckpointStats) => {
    if (s.status !== 'completed') return;
    void storage.load(s.id).then(
      (cp) => {
        if (hasChannelState(decodeCheckpoint(cp).byNode)) count++;
      },
      () => {},
    );
  };
  return { onCheckpoint, count: () => count };
}

describe('unaligned checkpoints, end to end', () => {
  it('inline: in-flight data is stored, and recovery from it gives the failure-free output', async () => {
    // As fast as it goes: checkpoints find records in the queues and in the output buffers.
    const reference = lines((await runJob(windowJob(undefined, 1e9, 300_000))).results);
    const io = new MemoryIO();
    const storage = new MemoryCheckpointStorage();
    const inFlight = inFlightCounter(storage);
    let attempts = 0;
    let attempt: InlineJob | null = null;
    await runInline(plan(windowJob({ intervalMs: 30, mode: 'exactly-once', unaligned: true, retained: 3 }, 1e9, 300_000)), {
      io,
      storage,
      clock: 'system',
      onAttempt: (j: InlineJob) => {
        attempts++;
        attempt = j;
      },
      // Fail the first two attempts part way through: once each has completed a checkpoint.
      onCheckpoint: (stats) => {
        inFlight.onCheckpoint(stats);
        if (stats.status !== 'completed' || attempt === null || attempts > 2) return;
        attempt.injectFailure('w', 'injected');
        attempt = null;
      },
    });
    expect(attempts).toBe(3);
    expect(inFlight.count()).toBeGreaterThan(0);
    expect(lines(io.collected)).toEqual(reference);
    // No task waits for barriers in an unaligned checkpoint: every task's alignment is 0 ms.
    const stored = await storage.list();
    expect(stored.length).toBeGreaterThan(0);
    for (const m of stored) expect(Object.entries(m.alignmentMs ?? {})).toEqual(m.tasks.map((t) => [t, 0]));
  });

  it('worker slots: repeated slot kills with unaligned checkpoints give exactly the failure-free output', async () => {
    const reference = lines((await runJob(windowJob(undefined, 20_000, 30_000))).results);
    const io = new MemoryIO();
    const storage = new MemoryCheckpointStorage();
    const restarts: string[] = [];
    const inFlight = inFlightCounter(storage);
    const job = new WorkerJob(plan(windowJob({ intervalMs: 50, mode: 'exactly-once', unaligned: true, retained: 3 }, 20_000, 30_000)), {
      io,
      storage,
      spawner: nodeSlotSpawner,
      batchSize: 64,
      channelCapacity: 2,
      chaos: { kills: 2, seed: 3, minDelayMs: 250, maxDelayMs: 500 },
      onRestart: (n, f) => restarts.push(`${n}: ${f.message}`),
      onCheckpoint: inFlight.onCheckpoint,
    });
    await job.run();
    expect(restarts).toHaveLength(2);
    expect(job.status).toBe('finished');
    expect(inFlight.count()).toBeGreaterThan(0);
    expect(lines(io.collected)).toEqual(reference);
  });
});
