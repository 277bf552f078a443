import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage, type CheckpointState, createTraceSession, decodeCheckpoint, planJob, planShape, validateJob } from '../../engine/index';
import { runInline } from '../../engine/host/inline-recovery';
import { MemoryIO } from '../../engine/host/memory-io';
import { restoredPanes } from './restored-panes';
import { timelineAt } from './timeline-index';
import { chainHeadOf } from './timeline-model';
import { paneState } from './timeline-types';
import type { TraceStep } from './trace-types';

/**
 * A window chained behind a map (keyBy → map → window: one task whose head is the map), stepped
 * by the real stepping host: its checkpoint.snapshot events name the map, not the window.
 */
const job = {
  format: 'eddy/job@1',
  name: 'chained window',
  parallelism: 1,
  checkpointing: { intervalMs: 1000, mode: 'exactly-once', retained: 3 },
  restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 100 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { timestampField: 'ts', ratePerSec: 2, records: [1000, 2000, 3000, 12000, 13000, 14000].map((ts, i) => ({ k: 'a', v: i + 1, ts })) } },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'm', kind: 'map', params: { code: '(r) => ({ ...r, v: r.v * 10 })' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by' },
    { from: 'by', to: 'm' },
    { from: 'm', to: 'w' },
    { from: 'w', to: 'out' },
  ],
};

describe('the timeline of a window chained behind another operator, through a killed slot', () => {
  it('shows the panes the checkpoint held as restored (with the records it held), and only the rest as lost', () => {
    const { session, plan } = createTraceSession(job);
    let completed = 0;
    for (let s = session.stepForward(); s !== null && completed < 2; s = session.stepForward()) {
      if (s.events.some((e) => e.type === 'checkpoint.complete')) completed++;
    }
    const steps = session.steps as unknown as TraceStep[];
    // The premise: the window's task snapshots under the chain's head, the map.
    expect(steps.flatMap((s) => s.events.filter((e) => e.type === 'checkpoint.snapshot').map((e) => (e as { node?: string }).node))).toContain('m');
    expect(steps.some((s) => s.events.some((e) => e.type === 'checkpoint.snapshot' && (e as { node?: string }).node === 'w'))).toBe(false);
    // One more record into the second window after checkpoint 2, then the kill.
    while (!session.steps.some((s, i) => i > 0 && s.events.some((e) => e.type === 'window.assign' && (e as { ts?: number }).ts === 13000))) session.stepForward();
    const kill = session.intervene({ kind: 'kill-slot', slot: 0 })!;
    expect(kill.events).toEqual([expect.objectContaining({ type: 'intervention', action: 'kill-slot', applied: true, restoredFrom: 2 })]);

    const m = timelineAt(session.steps as unknown as TraceStep[], 'w', kill.step, 0, [], chainHeadOf(planShape(plan), 'w'));
    const restored = m.panes.filter((p) => p.restored !== undefined);
    expect(restored.map((p) => [p.start, paneState(p), p.restored?.checkpointId, p.records.map((r) => m.records[r]!.ts)])).toEqual([
      [0, 'open', 2, [1000, 2000, 3000]],
      [10000, 'open', 2, [12000]],
    ]);
    // What the window held at the kill ends as lost: the same two panes, the second with the record after the checkpoint.
    expect(m.panes.filter((p) => p.lost === true).map((p) => [p.start, p.records.map((r) => m.records[r]!.ts)])).toEqual([
      [0, [1000, 2000, 3000]],
      [10000, [12000, 13000]],
    ]);
  });

  it('stepping from a checkpoint, killed before any record reached the window: the panes the trace\'s first checkpoint held come back restored', async () => {
    // The chained operator a filter that lets only the first three records through: after the
    // restore no record reaches the window.
    const filtered = { ...job, nodes: job.nodes.map((n) => (n.id === 'm' ? { id: 'm', kind: 'filter', params: { code: '(r) => r.v <= 3' } } : n)) };
    // A checkpoint of the job run for real (virtual clock): the last that holds the window's [0 s, 10 s), with its three records.
    const checked = validateJob({ ...filtered, checkpointing: { ...job.checkpointing, retained: 20 } });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const storage = new MemoryCheckpointStorage();
    await runInline(planJob(checked.job), { io: new MemoryIO(), storage, clock: 'virtual' });
    let state: CheckpointState | null = null;
    for (const c of [...(await storage.list())].sort((x, y) => x.id - y.id)) {
      const s = decodeCheckpoint(await storage.load(c.id));
      if (restoredPanes(s, 'w').some((p) => p.start === 0)) state = s;
    }
    expect(state).not.toBeNull();
    const fromCheckpoint = restoredPanes(state, 'w');

    const { session, plan } = createTraceSession(filtered, { restoreFrom: state!, checkpointEverySteps: 1 });
    let s = session.stepForward();
    while (s !== null && !s.events.some((e) => e.type === 'checkpoint.complete')) s = session.stepForward();
    const steps = session.steps as unknown as TraceStep[];
    const atWindow = steps.flatMap((x) => x.events.filter((e) => (e as { node?: string }).node === 'w'));
    // The premise: a checkpoint completed in the trace, and nothing of the window's came before it (the chain's head snapshotted it).
    expect(atWindow).toEqual([]);
    const kill = session.intervene({ kind: 'kill-slot', slot: 0 })!;
    const restoredFrom = (kill.events[0] as { restoredFrom?: number }).restoredFrom;
    expect(restoredFrom).toBeTypeOf('number');

    const m = timelineAt(session.steps as unknown as TraceStep[], 'w', kill.step, 0, fromCheckpoint, chainHeadOf(planShape(plan), 'w'));
    // The panes the lab started with end at the kill; the trace's checkpoint held them, so they open again, restored from it.
    expect(m.panes.filter((p) => p.lost === true).map((p) => p.start)).toEqual(fromCheckpoint.map((p) => p.start));
    expect(m.panes.filter((p) => p.purgedAt === null).map((p) => [p.start, paneState(p), p.restored?.checkpointId])).toEqual(fromCheckpoint.map((p) => [p.start, 'open', restoredFrom]));
  });
});
