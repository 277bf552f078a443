import { describe, expect, it } from 'vitest';
import { TimelineIndex, timelineAt } from './timeline-index';
import { TimelineBuilder } from './timeline-model';
import { paneState } from './timeline-types';
import type { TraceEvent, TraceStep } from './trace-types';

/** Steps at the window node `w`, subtask 0, one per call, numbered in order. */
function steps(...eventsPerStep: TraceEvent[][]): TraceStep[] {
  return eventsPerStep.map((events, step) => ({ step, node: 'w', subtask: 0, events }));
}
const rec = (key: string, ts: number, windows: [number, number][]): TraceEvent[] => [
  { type: 'record.in', value: { key, ts }, ts, port: 'in' },
  { type: 'window.assign', key, ts, windows: windows.map(([start, end]) => ({ start, end })) },
];
const wm = (w: number): TraceEvent => ({ type: 'watermark.in', watermark: w, channel: 0, combined: w });
const cause = { node: 'src', offset: 0 };

describe('the timeline of a window node', () => {
  it('opens a pane per key and window, fires it with its result, and purges it', () => {
    const trace = steps(
      rec('a', 1000, [[0, 5000]]),
      rec('b', 2000, [[0, 5000]]),
      rec('a', 6000, [[5000, 10000]]),
      [wm(4999), { type: 'window.fire', key: 'a', window: { start: 0, end: 5000 }, result: 1, late: false, cause }, { type: 'window.fire', key: 'b', window: { start: 0, end: 5000 }, result: 1, late: false, cause }],
      [{ type: 'window.purge', key: 'a', window: { start: 0, end: 5000 } }],
    );
    const before = timelineAt(trace, 'w', 2);
    expect(before.keys).toEqual(['a', 'b']);
    expect(before.panes.map((p) => [p.key, p.start, paneState(p)])).toEqual([
      ['a', 0, 'open'],
      ['b', 0, 'open'],
      ['a', 5000, 'open'],
    ]);
    const after = timelineAt(trace, 'w', 4);
    expect(after.panes.map((p) => [p.key, p.start, paneState(p)])).toEqual([
      ['a', 0, 'purged'],
      ['b', 0, 'fired'],
      ['a', 5000, 'open'],
    ]);
    expect(after.panes[0]!.firings).toEqual([{ step: 3, result: 1, late: false, cause, by: 'watermark', watermark: 4999 }]);
    expect(after.panes[0]!.records).toEqual([0]);
    expect(after.combinedWatermark).toBe(4999);
    expect([after.minTime, after.maxTime]).toEqual([0, 10000]);
  });

  it('draws the panes of a restored checkpoint from before the first step; a record, firing and purge land on them, and a move back finds them again', () => {
    const restored = [
      { key: 'a', start: 0, end: 5000, contents: 7 },
      { key: 'c', start: 0, end: 5000, contents: 2 },
    ];
    const trace = steps(
      rec('a', 1000, [[0, 5000]]),
      [wm(4999), { type: 'window.fire', key: 'a', window: { start: 0, end: 5000 }, result: 8, late: false, cause }],
      [{ type: 'window.purge', key: 'a', window: { start: 0, end: 5000 } }],
      rec('b', 6000, [[5000, 10000]]),
    );
    const start = timelineAt(trace, 'w', -1, 0, restored);
    expect(start.keys).toEqual(['a', 'c']);
    expect(start.panes.map((p) => [p.key, p.start, paneState(p), p.openedAt, p.restored?.contents])).toEqual([
      ['a', 0, 'open', 0, 7],
      ['c', 0, 'open', 0, 2],
    ]);
    const end = timelineAt(trace, 'w', 3, 0, restored);
    expect(end.panes.map((p) => [p.key, p.start, paneState(p), p.records.length, p.firings.length])).toEqual([
      ['a', 0, 'purged', 1, 1],
      ['c', 0, 'open', 0, 0],
      ['b', 5000, 'open', 1, 0],
    ]);
    const index = new TimelineIndex(trace, 'w', 0, 2, restored);
    index.at(3);
    expect(index.at(-1).panes.map((p) => [p.key, paneState(p)])).toEqual([
      ['a', 'open'],
      ['c', 'open'],
    ]);
    expect(index.at(3).panes.map((p) => paneState(p))).toEqual(['purged', 'open', 'open']);
  });

  it('marks records by fate: on time, late within lateness, side output, dropped', () => {
    const trace = steps(
      rec('a', 1000, [[0, 5000]]),
      [wm(6000)],
      rec('a', 2000, [[0, 5000]]),
      [{ type: 'record.in', value: { v: 3 }, ts: 100, port: 'in' }, { type: 'late.side-output', key: 'a', value: { v: 3 }, ts: 100, cause: { node: 'src', offset: 7 } }],
      [{ type: 'late.dropped', key: 'a', value: { v: 4 }, ts: 200, cause: { node: 'src', offset: 8 } }],
    );
    const m = timelineAt(trace, 'w', 4, 2000);
    expect(m.records.map((r) => r.fate)).toEqual(['on-time', 'late', 'side-output', 'dropped']);
    expect(m.records[1]).toMatchObject({ watermarkAtArrival: 6000, value: { key: 'a', ts: 2000 } });
    expect(m.records[2]!.cause).toEqual({ node: 'src', offset: 7 });
    expect(m.panes[0]!.records).toEqual([0, 1]);
  });

  it('merges session panes: the records move to the window they became', () => {
    const trace = steps(
      rec('u', 0, [[0, 1000]]),
      rec('u', 1500, [[1500, 2500]]),
      [
        { type: 'record.in', value: {}, ts: 900, port: 'in' },
        { type: 'window.merge', key: 'u', merged: [{ start: 0, end: 1000 }, { start: 900, end: 1900 }, { start: 1500, end: 2500 }], into: { start: 0, end: 2500 } },
        { type: 'window.assign', key: 'u', ts: 900, windows: [{ start: 0, end: 2500 }] },
      ],
    );
    const m = timelineAt(trace, 'w', 2);
    const live = m.panes.filter((p) => paneState(p) !== 'merged');
    expect(live.map((p) => [p.start, p.end, p.records])).toEqual([[0, 2500, [0, 1, 2]]]);
    expect(m.panes.filter((p) => paneState(p) === 'merged').map((p) => p.mergedInto)).toEqual([live[0]!.id, live[0]!.id]);
  });

  it('reads only its own node, and keeps each subtask’s watermark with the minimum as the combined one', () => {
    const b = new TimelineBuilder('w');
    b.apply({ step: 0, node: 'other', subtask: 0, events: rec('x', 5, [[0, 10]]) });
    b.apply({ step: 1, node: 'w', subtask: 0, events: [wm(100)] });
    b.apply({ step: 2, node: 'w', subtask: 1, events: [wm(40)] });
    b.apply({ step: 3, node: 'src', subtask: 0, events: [{ ...wm(7), node: 'w' }] });
    const m = b.model();
    expect(m.records).toEqual([]);
    expect([...m.watermarks]).toEqual([
      [0, 7],
      [1, 40],
    ]);
    expect(m.combinedWatermark).toBe(7);
    expect(m.watermarkHistory.get(0)).toEqual([
      { step: 1, watermark: 100 },
      { step: 3, watermark: 7 },
    ]);
  });

  it('a purging trigger’s pane is reopened by the next record of the same window', () => {
    const trace = steps(rec('a', 1, [[0, 10]]), [{ type: 'window.fire', key: 'a', window: { start: 0, end: 10 }, result: 1, late: false, cause }, { type: 'window.purge', key: 'a', window: { start: 0, end: 10 } }], rec('a', 2, [[0, 10]]));
    const m = timelineAt(trace, 'w', 2);
    expect(m.panes.map((p) => [paneState(p), p.records])).toEqual([
      ['purged', [0]],
      ['open', [1]],
    ]);
  });

  it('a record the operator announced for its windows and then dropped joins no pane, and counts once', () => {
    const trace = steps(rec('a', 1000, [[0, 5000]]), [wm(9000)], [...rec('a', 2000, [[0, 5000]]), { type: 'late.dropped', key: 'a', value: { key: 'a', ts: 2000 }, ts: 2000, cause }]);
    const m = timelineAt(trace, 'w', 2, 1000);
    expect(m.records.map((r) => r.fate)).toEqual(['on-time', 'dropped']);
    expect(m.panes.map((p) => p.records)).toEqual([[0]]);
    // Its tip still names the windows it was assigned, all past lateness.
    expect(m.records[1]!.windows).toEqual([{ start: 0, end: 5000 }]);
  });

  it('a firing says what fired it: the watermark the step took (with its value), or the record (a late firing)', () => {
    const trace = steps(
      rec('a', 1000, [[0, 5000]]),
      [wm(5200), { type: 'window.fire', key: 'a', window: { start: 0, end: 5000 }, result: 1, late: false, cause }],
      [...rec('a', 2000, [[0, 5000]]), { type: 'window.fire', key: 'a', window: { start: 0, end: 5000 }, result: 2, late: true, cause: { node: 'src', offset: 9 } }],
    );
    const m = timelineAt(trace, 'w', 2, 1000);
    expect(m.panes[0]!.firings.map((f) => [f.by, f.watermark, f.late])).toEqual([
      ['watermark', 5200, false],
      ['record', 5200, true],
    ]);
  });

  it('a sliding record joins only the windows still within lateness', () => {
    const trace = steps([wm(6500)], rec('a', 5000, [[4000, 6000], [5000, 7000]]));
    const m = timelineAt(trace, 'w', 1, 0);
    expect(m.panes.map((p) => [p.start, p.records])).toEqual([[5000, [0]]]);
  });
});

/**
 * A long trace exercising every kind of change at the window node `w` on two subtasks: records
 * on time, late, to the side output and dropped; firings, late firings, purges, reopened panes and
 * session merges; steps of other nodes in between. Seeded, so every run checks the same trace.
 */
function busyTrace(n: number, seed = 7): TraceStep[] {
  let x = seed;
  const rand = (k: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(x / 65536) % k;
  };
  const out: TraceStep[] = [];
  const wmOf = [-Infinity, -Infinity];
  for (let step = 0; step < n; step++) {
    const subtask = rand(2);
    const key = `k${rand(6)}`;
    const base = Math.floor(step / 4) * 100;
    const ts = base + rand(1200) - 900;
    const start = Math.floor(ts / 1000) * 1000;
    const w = { start, end: start + 1000 };
    const events: TraceEvent[] = [];
    switch (rand(9)) {
      case 0:
        out.push({ step, node: 'src', subtask, events: rec(key, ts, [[start, start + 1000]]) });
        continue;
      case 1:
      case 2: {
        wmOf[subtask] = Math.max(wmOf[subtask]!, base - 500);
        events.push(wm(wmOf[subtask]!));
        events.push({ type: 'window.fire', key, window: w, result: { n: step }, late: rand(3) === 0, cause: { node: 'src', offset: step } });
        if (rand(2) === 0) events.push({ type: 'window.purge', key, window: w });
        break;
      }
      case 3:
        events.push(...rec(key, ts, [[start, start + 1000]]), { type: rand(2) === 0 ? 'late.dropped' : 'late.side-output', key, value: { key, ts }, ts, cause: { node: 'src', offset: step } });
        break;
      case 4:
        events.push({ type: 'late.side-output', key, value: { v: step }, ts, cause: { node: 'src', offset: step } });
        break;
      case 5:
        events.push(
          { type: 'record.in', value: { key, ts }, ts, port: 'in' },
          { type: 'window.merge', key, merged: [w, { start: start + 1000, end: start + 2000 }], into: { start, end: start + 2000 } },
          { type: 'window.assign', key, ts, windows: [{ start, end: start + 2000 }] },
        );
        break;
      default:
        events.push(...rec(key, ts, rand(4) === 0 ? [[start - 500, start + 500], [start, start + 1000]] : [[start, start + 1000]]));
    }
    out.push({ step, node: 'w', subtask, events });
  }
  return out;
}

describe('the timeline at any position (TimelineIndex)', () => {
  const trace = busyTrace(400);
  const scratch = (upTo: number) => timelineAt(trace, 'w', upTo, 300);
  /** A plain copy of the model (the index's model is a view that the next move changes). */
  const plain = (m: ReturnType<typeof scratch>) => structuredClone(m);

  it('the busy trace has every kind of change in it', () => {
    const seen = [trace.length / 2, trace.length - 1].map(scratch);
    expect(new Set(seen.flatMap((m) => m.records.map((r) => r.fate)))).toEqual(new Set(['on-time', 'late', 'side-output', 'dropped']));
    expect(new Set(seen.flatMap((m) => m.panes.map(paneState)))).toEqual(new Set(['open', 'fired', 'purged', 'merged']));
  });

  it('equals a build from the first step at every position, stepping on and then back one at a time', () => {
    const index = new TimelineIndex(trace, 'w', 300, 16);
    for (let p = -1; p < trace.length; p++) expect(plain(index.at(p)), `on to ${p}`).toEqual(plain(scratch(p)));
    for (let p = trace.length - 1; p >= -1; p--) expect(plain(index.at(p)), `back to ${p}`).toEqual(plain(scratch(p)));
  });

  it('equals a build from the first step after jumps across the trace, back and forth', () => {
    const index = new TimelineIndex(trace, 'w', 300, 16);
    const positions = [trace.length - 1, 3, 300, 299, 16, 15, 14, 47, 390, 200, 201, 398, 0, -1, 64, 63, 340];
    for (const p of positions) expect(plain(index.at(p)), `at ${p}`).toEqual(plain(scratch(p)));
  });

  it('follows a trace that grows in place, and a move back never undoes a saved state', () => {
    const growing: TraceStep[] = [];
    const index = new TimelineIndex(growing, 'w', 300, 16);
    for (let end = 100; end <= trace.length; end += 100) {
      growing.push(...trace.slice(growing.length, end));
      expect(plain(index.at(end - 1)), `grown to ${end}`).toEqual(plain(scratch(end - 1)));
      expect(plain(index.at(end - 90)), `back to ${end - 90}`).toEqual(plain(scratch(end - 90)));
    }
    expect(plain(index.at(trace.length + 5))).toEqual(plain(scratch(trace.length - 1)));
  });
});

describe('the timeline through a killed slot', () => {
  const kill = (restoredFrom: number | null): TraceEvent => ({ type: 'intervention', action: 'kill-slot', applied: true, restoredFrom });
  const trace = (restoredFrom: number | null) =>
    steps(
      rec('a', 1000, [[0, 5000]]),
      [wm(500), { type: 'checkpoint.snapshot', checkpointId: 1 }, { type: 'checkpoint.complete', checkpointId: 1 }],
      rec('a', 2000, [[0, 5000]]),
      [wm(5500), { type: 'window.fire', key: 'a', window: { start: 0, end: 5000 }, result: 2, late: false, cause }],
      rec('a', 6000, [[5000, 10000]]),
      [kill(restoredFrom)],
      rec('a', 2000, [[0, 5000]]),
    );

  it('ends the live panes as lost and opens again the panes the restored checkpoint held, with their records; the watermark starts over', () => {
    const m = timelineAt(trace(1), 'w', 5);
    expect(m.panes.map((p) => [p.start, paneState(p), p.lost === true, p.records, p.restored?.checkpointId])).toEqual([
      [0, 'purged', true, [0, 1], undefined],
      [5000, 'purged', true, [2], undefined],
      [0, 'open', false, [0], 1],
    ]);
    // As in Flink, a checkpoint holds no watermark: the operator's starts over from none.
    expect(m.combinedWatermark).toBe(-Infinity);
    // The re-sent record joins the restored pane.
    expect(timelineAt(trace(1), 'w', 6).panes[2]!.records).toEqual([0, 3]);
  });

  it('restores the panes a checkpoint held when the window is chained behind another operator (the snapshot names the chain’s head, given by the plan)', () => {
    // map `m` → window `w` in one task: every step is named after `m`, the window's events name `w`.
    const atW = (events: TraceEvent[]): TraceEvent[] => events.map((e) => ({ ...e, node: 'w' }) as TraceEvent);
    const chained: TraceStep[] = [
      [{ type: 'record.in', value: 1, ts: 1000, port: 'in' } as TraceEvent, ...atW(rec('a', 1000, [[0, 5000]]))],
      [{ type: 'checkpoint.barrier', checkpointId: 1, node: 'm' }, { type: 'checkpoint.snapshot', checkpointId: 1, node: 'm' }, { type: 'checkpoint.complete', checkpointId: 1 }],
      atW(rec('a', 6000, [[5000, 10000]])),
      [kill(1)],
    ].map((events, step) => ({ step, node: 'm', subtask: 0, events }));
    // The plan says which task the window runs in: `m`'s.
    const m = timelineAt(chained, 'w', 3, 0, [], 'm');
    expect(m.panes.map((p) => [p.start, paneState(p), p.lost === true, p.records, p.restored?.checkpointId])).toEqual([
      [0, 'purged', true, [0], undefined],
      [5000, 'purged', true, [1], undefined],
      [0, 'open', false, [0], 1],
    ]);
    // Back and on again through the index's saved copy (one every 2 steps): the same.
    const index = new TimelineIndex(chained, 'w', 0, 2, [], 'm');
    index.at(3);
    index.at(1);
    expect(index.at(3).panes.map((p) => p.lost === true)).toEqual([true, true, false]);
  });

  it('without a completed checkpoint every pane is lost and the watermark starts over; stepping back before the kill undoes it', () => {
    const m = timelineAt(trace(null), 'w', 5);
    expect(m.panes.every((p) => p.lost === true)).toBe(true);
    expect(m.combinedWatermark).toBe(-Infinity);
    const index = new TimelineIndex(trace(1), 'w', 0, 2);
    expect(index.at(6).panes).toHaveLength(3);
    expect(index.at(4).panes.map((p) => p.lost === true)).toEqual([false, false]);
    expect(index.at(6).panes[2]!.records).toEqual([0, 3]);
  });
});
