import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../checkpoint/restore.js';
import { stateWorld, worldCheckpoint } from '../checkpoint/state-world.js';
import { TraceController } from './trace-controller.js';
import { createTraceSession } from './trace-job.js';
import type { TraceStep } from './trace-recorder.js';

/**
 * The state world's checkpoint (docs/replay.md): `proc` counted ann twice and bob once in its
 * value state `seen`, the count-triggered window `counts` holds two of ann's elements in [0, 10 s),
 * and the source `src` had emitted 2 of its records. A job with those node ids (no `sessions`).
 */
const records = [
  { user: 'ann', k: 'ann', v: 1, ts: 100 },
  { user: 'bob', k: 'bob', v: 1, ts: 200 },
  { user: 'ann', k: 'ann', v: 4, ts: 300 },
  { user: 'bob', k: 'bob', v: 2, ts: 400 },
];
const job = {
  format: 'eddy/job@1',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records, timestampField: 'ts' } },
    { id: 'by-user', kind: 'keyBy', params: { field: 'user' } },
    {
      id: 'proc',
      kind: 'process',
      params: { code: `({ onElement(r, ctx, out) { const seen = ctx.state.value('seen', { ttlMs: 60000 }); seen.update((seen.get() ?? 0) + 1); out.collect({ user: r.user, seen: seen.get() }); } })` },
    },
    { id: 'seen', kind: 'sink.collect' },
    { id: 'by-k', kind: 'keyBy', params: { field: 'k' } },
    { id: 'counts', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10_000 }, trigger: { type: 'count', count: 3 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'sums', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by-user' },
    { from: 'by-user', to: 'proc' },
    { from: 'proc', to: 'seen' },
    { from: 'src', to: 'by-k' },
    { from: 'by-k', to: 'counts' },
    { from: 'counts', to: 'sums' },
  ],
};
const checkpoint = () => worldCheckpoint(7, stateWorld());

const events = (steps: readonly TraceStep[], type: string) => steps.flatMap((s) => s.events.filter((e) => e.type === type));

describe('stepping from a restored checkpoint', () => {
  it('starts from the checkpoint: the source resumes at its offset, keyed state and window contents go on, at another parallelism', () => {
    for (const parallelism of [1, 3]) {
      const { session, io } = createTraceSession(job, { parallelism, restoreFrom: decodeCheckpoint(checkpoint()), allowNonRestoredState: true });
      while (session.stepForward() !== null);
      // Records 3 and 4 only; ann had been seen twice, bob once.
      expect(io.collected.filter((r) => r.sink === 'seen').map((r) => r.value)).toEqual(expect.arrayContaining([{ user: 'ann', seen: 3 }, { user: 'bob', seen: 2 }]));
      expect(io.collected.filter((r) => r.sink === 'seen')).toHaveLength(2);
      // ann's restored window [0, 10 s) held 1 + 2: the third element fires it with the restored two.
      const fire = events(session.steps, 'window.fire').find((e) => e['node'] === 'counts' && e['key'] === 'ann');
      expect(fire).toMatchObject({ window: { start: 0, end: 10_000 }, result: { key: 'ann', value: 7 } });
    }
  });

  it('goes back to the first step and forward again with the same steps (the restore is replayed too)', () => {
    const { session } = createTraceSession(job, { parallelism: 2, restoreFrom: decodeCheckpoint(checkpoint()), allowNonRestoredState: true, snapshotEvery: 2 });
    while (session.stepForward() !== null);
    const first = session.steps.map((s) => JSON.stringify(s));
    session.goTo(0);
    while (session.stepForward() !== null);
    expect(session.steps.map((s) => JSON.stringify(s))).toEqual(first);
  });

  it('refuses state of a node the job no longer has unless allowed, as a problem of the opened job', async () => {
    const controller = new TraceController();
    const refused = await controller.open(job, { restoreFrom: decodeCheckpoint(checkpoint()) });
    expect(refused.ok).toBe(false);
    expect(refused.errors[0]!.message).toBe('the savepoint holds state for node "sessions" that the job no longer has; restore with allowNonRestoredState to drop it');
    expect((await controller.open(job, { restoreFrom: decodeCheckpoint(checkpoint()), allowNonRestoredState: true })).ok).toBe(true);
  });
});
