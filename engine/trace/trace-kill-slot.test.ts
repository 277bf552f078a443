import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTraceSession } from './trace-job.js';
import type { TraceStep } from './trace-recorder.js';
import type { TraceSession } from './trace-session.js';

/** The checkpoints lesson's job: two rate-limited sources into a union, a keyed running sum at parallelism 2, checkpoints every virtual second, fixed-delay restarts (3, 500 ms apart). */
const lesson = JSON.parse(readFileSync(new URL('../../public/lessons/checkpoints-exactly-once.json', import.meta.url), 'utf8')).job;

type Sum = { user: string; amount: number };
/** The events of one type, each with its step and task (`node#subtask`). */
const of = (steps: readonly TraceStep[], type: string): Array<Record<string, unknown> & { step: number; task: string }> =>
  steps.flatMap((s) => s.events.filter((e) => e.type === type).map((e) => ({ ...(e as Record<string, unknown>), step: s.step, task: `${s.node}#${s.subtask}` })));
/** Each user's last running sum the sink got: the job's state as the output shows it. */
const finalSums = (steps: readonly TraceStep[]) => Object.fromEntries(of(steps, 'sink.emit').map((e) => [(e['value'] as Sum).user, (e['value'] as Sum).amount]));

function undisturbed(): readonly TraceStep[] {
  const { session } = createTraceSession(lesson);
  session.runToEnd();
  return session.steps;
}

/** A session stepped to just after checkpoint `id` completed. */
function afterCheckpoint(id: number, snapshotEvery?: number): TraceSession {
  const { session } = createTraceSession(lesson, snapshotEvery === undefined ? {} : { snapshotEvery });
  for (let s = session.stepForward(); s !== null; s = session.stepForward()) {
    if (s.events.some((e) => e.type === 'checkpoint.complete' && e['checkpointId'] === id)) return session;
  }
  throw new Error(`checkpoint ${id} never completed`);
}

/** The offset each source subtask emits first at or after step index `from`. */
function nextOffsets(steps: readonly TraceStep[], from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of steps.slice(from)) for (const e of s.events) if (e.type === 'source.emit' && e['value'] !== undefined) out[`${s.node}#${s.subtask}`] ??= e['offset'] as number;
  return out;
}

describe('killing a slot while stepping (a failover to the latest completed checkpoint)', () => {
  it('the kill step names the checkpoint it restores; sources go back to its offsets and the state ends as an undisturbed run\'s', () => {
    const reference = undisturbed();
    const s = afterCheckpoint(1);
    // Run on past the checkpoint, so there is work after it to lose and do again.
    for (let i = 0; i < 12; i++) s.stepForward();
    const killAt = s.position;
    const kill = s.intervene({ kind: 'kill-slot', slot: 1 })!;
    expect(kill.subtask).toBe(1);
    expect(kill.events).toEqual([
      expect.objectContaining({ type: 'intervention', action: 'kill-slot', slot: 1, applied: true, restoredFrom: 1, restartDelayMs: 500, tasks: expect.arrayContaining(['payments#1', 'totals#1']) }),
    ]);
    s.runToEnd();
    expect(s.failure).toBeNull();

    // Each source subtask takes up again where it was when it snapshotted for checkpoint 1.
    const snapshots = of(reference, 'checkpoint.snapshot').filter((e) => e['checkpointId'] === 1);
    const after = nextOffsets(s.steps, killAt + 1);
    expect(Object.keys(after).length).toBeGreaterThan(0);
    for (const [task, offset] of Object.entries(after)) {
      const snapshotStep = snapshots.find((e) => e.task === task)!.step;
      expect(offset, task).toBe(nextOffsets(reference, snapshotStep)[task]);
    }
    // Records after the checkpoint reach the sink again, but the state is exactly-once: the same final sums.
    expect(of(s.steps, 'sink.emit').length).toBeGreaterThan(of(reference, 'sink.emit').length);
    expect(finalSums(s.steps)).toEqual(finalSums(reference));
    // Checkpoint ids go on after the abandoned one; later checkpoints complete.
    const completedAfter = of(s.steps.slice(killAt + 1), 'checkpoint.complete').map((e) => e['checkpointId'] as number);
    expect(completedAfter.length).toBeGreaterThan(0);
    expect(Math.min(...completedAfter)).toBeGreaterThan(1);
  });

  it('before any checkpoint completes, the job restarts from the start of its input', () => {
    const reference = undisturbed();
    const { session: s } = createTraceSession(lesson);
    for (let i = 0; i < 6; i++) s.stepForward();
    const kill = s.intervene({ kind: 'kill-slot', slot: 0 })!;
    expect(kill.events[0]).toMatchObject({ action: 'kill-slot', restoredFrom: null, restartDelayMs: 500 });
    const first = nextOffsets(s.steps, kill.step + 1);
    expect(Object.values(first).every((o) => o === 0)).toBe(true);
    s.runToEnd();
    expect(finalSums(s.steps)).toEqual(finalSums(reference));
  });

  it('stepping back across the kill and forward again replays the same steps, from snapshots taken after it too', () => {
    const s = afterCheckpoint(1, 4);
    s.stepForward();
    const kill = s.intervene({ kind: 'kill-slot', slot: 0 })!;
    s.runToEnd();
    const first = s.steps.map((x) => JSON.stringify(x));
    // Back to before the kill, then to a point long after it (restored from a snapshot of the restarted job), and to the end.
    s.goTo(kill.step - 2);
    s.goTo(s.steps.length - 3);
    s.goTo(kill.step + 10);
    expect(s.runToEnd()).toBe(first.length);
    expect(s.steps.map((x) => JSON.stringify(x))).toEqual(first);
    // Removing the kill gives the undisturbed trace again.
    s.removeIntervention(kill.step);
    s.runToEnd();
    expect(s.steps.map((x) => JSON.stringify(x))).toEqual(undisturbed().map((x) => JSON.stringify(x)));
  });

  it('the restart strategy decides: the job fails once it allows no more restarts', () => {
    const once = { ...lesson, restart: { strategy: 'fixed-delay', attempts: 1, delayMs: 200 } };
    const { session: s } = createTraceSession(once);
    for (let i = 0; i < 10; i++) s.stepForward();
    expect(s.intervene({ kind: 'kill-slot', slot: 0 })!.events[0]).toMatchObject({ restartDelayMs: 200 });
    for (let i = 0; i < 10; i++) s.stepForward();
    expect(s.intervene({ kind: 'kill-slot', slot: 1 })).toBeNull();
    expect(s.failure?.message).toMatch(/slot 1 was lost .* fixed-delay \(1 attempts\) allows no more restarts/);

    // Without checkpointing and without a restart block, Flink does not restart at all.
    const { checkpointing: _c, restart: _r, ...plain } = lesson;
    const { session: p } = createTraceSession(plain);
    p.stepForward();
    expect(p.intervene({ kind: 'kill-slot', slot: 0 })).toBeNull();
    expect(p.failure?.message).toMatch(/allows no more restarts/);
  });

  it('a slot the job does not have is refused, naming the field', () => {
    const { session: s } = createTraceSession(lesson);
    expect(() => s.intervene({ kind: 'kill-slot', slot: 2 })).toThrow('slot: the job runs in slots 0 to 1, not 2');
  });
});

/**
 * One source at 2 records per virtual second (checkpoints every virtual second fall between its
 * records), timestamps from `ts`, no out-of-orderness, a sum per 1 s tumbling window: the record
 * at 500 ms (amount 100) arrives after the watermark passed 2999 and is late.
 */
const lateJob = {
  format: 'eddy/job@1',
  name: 'late record across a kill',
  parallelism: 1,
  checkpointing: { intervalMs: 1000, mode: 'exactly-once', retained: 3 },
  restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 500 },
  nodes: [
    {
      id: 'src',
      kind: 'source.collection',
      params: {
        timestampField: 'ts',
        ratePerSec: 2,
        records: [
          { k: 'a', v: 1, ts: 0 }, { k: 'a', v: 2, ts: 3000 }, { k: 'a', v: 3, ts: 3100 }, { k: 'a', v: 4, ts: 3200 },
          { k: 'a', v: 100, ts: 500 }, { k: 'a', v: 5, ts: 6000 },
        ],
      },
    },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'by-k', kind: 'keyBy', params: { field: 'k' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'wm' }, { from: 'wm', to: 'by-k' }, { from: 'by-k', to: 'w' }, { from: 'w', to: 'out' }],
};

describe('killing a slot after a late record', () => {
  it('restores no watermark, as Flink: the replayed late record is on time and its window fires again when the new watermark passes it', () => {
    const sumsOf0 = (steps: readonly TraceStep[]) =>
      of(steps, 'window.fire').filter((e) => (e['window'] as { start: number }).start === 0).map((e) => (e['result'] as { value: number }).value);
    const { session: reference } = createTraceSession(lateJob);
    reference.runToEnd();
    expect(reference.failure).toBeNull();
    expect(of(reference.steps, 'late.dropped').map((e) => e['ts'])).toEqual([500]);
    expect(sumsOf0(reference.steps)).toEqual([1]);

    const { session: s } = createTraceSession(lateJob);
    let dropped = false;
    for (let st = s.stepForward(); st !== null && !dropped; st = s.stepForward()) dropped = st.events.some((e) => e.type === 'late.dropped');
    expect(dropped).toBe(true);
    const kill = s.intervene({ kind: 'kill-slot', slot: 0 })!;
    // A completed checkpoint saw the watermark pass [0 s, 1 s), and its barrier left the source before the late record.
    expect(kill.events[0]).toMatchObject({ action: 'kill-slot', applied: true, restoredFrom: expect.any(Number) });
    const fired = of(s.steps.slice(0, kill.step), 'window.fire').find((e) => (e['window'] as { start: number }).start === 0)!;
    const completed = of(s.steps.slice(0, kill.step), 'checkpoint.complete').find((e) => e['checkpointId'] === kill.events[0]!['restoredFrom'])!;
    expect(fired.step).toBeLessThan(completed.step);
    s.runToEnd();
    expect(s.failure).toBeNull();

    const after = s.steps.slice(kill.step + 1);
    // The window's watermark starts over from none: the first one it gets after the restart is the replayed records'.
    const firstWatermark = of(after, 'watermark.in').find((e) => e.task === 'w#0')!;
    expect(firstWatermark['watermark']).toBeLessThan(3000);
    expect(of(after, 'late.dropped')).toEqual([]);
    // [0 s, 1 s) was cleaned up when it fired before the checkpoint: it opens again with the late record alone.
    expect(sumsOf0(after)).toEqual([100]);
  });
});
