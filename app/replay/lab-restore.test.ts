import { describe, expect, it } from 'vitest';
import { TraceController, decodeCheckpoint } from '../../engine/index';
import { stateWorld, worldCheckpoint } from '../../engine/checkpoint/state-world';
import { until } from '../../engine/testing/until';
import { controllerLabClient } from '../client/lab-client';
import { restoredPanes } from '../lab/restored-panes';
import { timelineAt } from '../lab/timeline-index';
import { chainHeadOf } from '../lab/timeline-model';
import { createAppStore } from '../store/app-store';
import type { EditableJob } from '../store/job-types';

/** The state world's checkpoint 7 (ann seen twice, bob once; two of ann's elements in the count window) and a job with its node ids. */
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
const restore = (allowNonRestoredState: boolean) => ({ id: 7, state: decodeCheckpoint(worldCheckpoint(7, stateWorld())), allowNonRestoredState });

function labStore() {
  const store = createAppStore({ labClient: () => controllerLabClient(new TraceController()) });
  store.getState().loadJob(job as unknown as EditableJob);
  return store;
}

const seen = (steps: readonly { events: readonly { type: string; [k: string]: unknown }[] }[]) =>
  steps.flatMap((s) => s.events.filter((e) => e.type === 'sink.emit' && e['sink'] === 'seen').map((e) => e['value']));

describe('the lab on a restored checkpoint ("Step from checkpoint N in the lab")', () => {
  it('steps from the checkpoint\'s state, keeps it when tracing again, and starts from the beginning once left', async () => {
    const store = labStore();
    const s = () => store.getState();
    s().enterLabFrom(restore(true));
    await until(() => s().labStatus === 'ready');
    expect(s().labRestore?.id).toBe(7);
    // The traced plan, from which each timeline reads the task its node runs in (its checkpoint snapshots are named after the task's head).
    expect(chainHeadOf(s().labShape, 'counts')).toBe(s().labShape!.vertices.find((v) => v.nodes.includes('counts'))!.id);
    await s().labRunToBreakpoint();
    expect(seen(s().labTrace.steps)).toEqual(expect.arrayContaining([{ user: 'ann', seen: 3 }, { user: 'bob', seen: 2 }]));
    // The timeline of the window node has ann's restored window, fired by the one element after the restore.
    const model = timelineAt(s().labTrace.steps, 'counts', s().labPosition - 1);
    const pane = model.panes.find((p) => p.key === 'ann' && p.start === 0 && p.end === 10_000)!;
    expect(pane.records).toHaveLength(1);
    expect(pane.firings.map((f) => f.result)).toEqual([{ key: 'ann', value: 7, windowStart: 0, windowEnd: 10_000 }]);
    // Drawn from step 0 with the checkpoint's contents, before it fires; the firing lands on that pane.
    const restored = restoredPanes(s().labRestore?.state, 'counts');
    expect(restored).toEqual([{ key: 'ann', start: 0, end: 10_000, contents: expect.anything() }]);
    const before = timelineAt(s().labTrace.steps, 'counts', -1, 0, restored);
    expect(before.panes.map((p) => ({ key: p.key, start: p.start, openedAt: p.openedAt, firings: p.firings.length, restored: p.restored !== undefined }))).toEqual([
      { key: 'ann', start: 0, openedAt: 0, firings: 0, restored: true },
    ]);
    const after = timelineAt(s().labTrace.steps, 'counts', s().labPosition - 1, 0, restored);
    const same = after.panes.filter((p) => p.key === 'ann' && p.start === 0);
    expect(same).toHaveLength(1);
    expect(same[0]!.restored).toBeDefined();
    expect(same[0]!.firings).toHaveLength(1);

    s().labRetrace();
    await until(() => s().labStatus === 'ready');
    await s().labRunToBreakpoint();
    expect(s().labRestore?.id).toBe(7);
    expect(seen(s().labTrace.steps)).toContainEqual({ user: 'ann', seen: 3 });

    s().leaveLab();
    expect(s().labRestore).toBeNull();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    await s().labRunToBreakpoint();
    expect(seen(s().labTrace.steps)).toEqual(expect.arrayContaining([{ user: 'ann', seen: 1 }, { user: 'ann', seen: 2 }]));
  });

  it('names the node whose state the job lacks unless non-restored state is allowed', async () => {
    const store = labStore();
    const s = () => store.getState();
    s().enterLabFrom(restore(false));
    await until(() => s().labStatus === 'invalid');
    expect(s().labProblems).toEqual(['the savepoint holds state for node "sessions" that the job no longer has; restore with allowNonRestoredState to drop it']);
  });
});
