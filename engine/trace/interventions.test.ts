import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTraceSession } from './trace-job.js';
import { traceStepJson } from './trace-json.js';
import type { TraceStep } from './trace-recorder.js';
import type { TraceSession } from './trace-session.js';

/** Two sources into one tumbling 10 s window: the window's watermark is the minimum of both. */
const twoSources = {
  format: 'eddy/job@1',
  nodes: [
    { id: 'a', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 1, ts: 1000 }, { $watermark: 4999 }, { k: 'x', v: 2, ts: 12000 }, { $watermark: 20000 }] } },
    { id: 'b', kind: 'source.collection', params: { timestampField: 'ts', records: [{ k: 'x', v: 10, ts: 2000 }, { $watermark: 15000 }] } },
    { id: 'u', kind: 'union' },
    { id: 'by', kind: 'keyBy', params: { field: 'k' } },
    { id: 'w', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10000 }, function: { type: 'aggregate', fn: 'sum', field: 'v' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'a', to: 'u' },
    { from: 'b', to: 'u' },
    { from: 'u', to: 'by' },
    { from: 'by', to: 'w' },
    { from: 'w', to: 'out' },
  ],
};

const lateData = JSON.parse(readFileSync(new URL('../../public/examples/late-data.json', import.meta.url), 'utf8')) as typeof twoSources;
/** The late-data example without its side output: records too late for every window are dropped. */
const lateDataNoSideOutput = {
  ...lateData,
  nodes: lateData.nodes.filter((n) => n.id !== 'dropped').map((n) => (n.id === 'sum-10s' ? { ...n, params: { ...n.params, lateOutput: undefined } } : n)),
  edges: lateData.edges.filter((e) => e.to !== 'dropped'),
};

const events = (steps: readonly TraceStep[], type: string) => steps.flatMap((s) => s.events.filter((e) => e.type === type));
const fired = (steps: readonly TraceStep[]) => events(steps, 'window.fire').map((e) => [(e['window'] as { start: number }).start, (e['result'] as { value: number }).value]);

/** Steps forward until the trace ends or waits for a held source. */
function stepOn(s: TraceSession): void {
  while (s.stepForward() !== null);
}

/** Steps until the window node's combined watermark reaches `w`. */
function stepUntilWatermark(s: TraceSession, node: string, w: number): void {
  for (let step = s.stepForward(); step !== null; step = s.stepForward()) {
    if (step.events.some((e) => e.type === 'watermark.in' && e['node'] === node && (e['combined'] as number) >= w)) return;
  }
  throw new Error(`the watermark at ${node} never reached ${w}`);
}

describe('interventions in a trace', () => {
  it('a paused source holds the window watermark back; marking it idle releases it and the windows fire', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    const pause = s.intervene({ kind: 'pause-source', node: 'b', subtask: 0 })!;
    expect(pause.events[0]).toMatchObject({ type: 'intervention', action: 'pause-source', node: 'b', subtask: 0, applied: true });
    stepOn(s);
    // Source a ran to its end; b holds the combined watermark at −∞: nothing fires, the trace waits.
    expect(s.blocked).toBe(true);
    expect(s.length).toBeNull();
    expect(s.holds).toEqual([['b#0', 'paused']]);
    expect(events(s.steps, 'source.end').map((e) => e['node'])).toEqual(['a']);
    expect(fired(s.steps)).toEqual([]);
    expect(events(s.steps, 'watermark.in').filter((e) => e['node'] === 'w' && (e['combined'] as number) > -Infinity)).toEqual([]);

    s.intervene({ kind: 'idle-source', node: 'b', subtask: 0 });
    const at = s.position;
    stepOn(s);
    expect(events(s.steps.slice(at), 'idle.in')).toEqual([expect.objectContaining({ node: 'u', idle: true })]);
    expect(fired(s.steps)).toEqual([
      [0, 1],
      [10000, 2],
    ]);
    expect(s.blocked).toBe(true);

    // Released, b emits: its record is late now (the watermark passed its window) and is dropped.
    s.intervene({ kind: 'resume-source', node: 'b', subtask: 0 });
    stepOn(s);
    expect(s.atEnd).toBe(true);
    expect(events(s.steps, 'late.dropped')).toEqual([expect.objectContaining({ node: 'w', value: { k: 'x', v: 10, ts: 2000 } })]);
  });

  it('a record injected into a source marked idle makes it active again, as WatermarksWithIdleness does', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    s.intervene({ kind: 'idle-source', node: 'b', subtask: 0 });
    stepOn(s);
    expect(s.holds).toEqual([['b#0', 'idle']]);
    const firedIdle = fired(s.steps).length;
    expect(firedIdle).toBe(2);
    // A watermark injected keeps it idle; a record ends the idleness before it goes out.
    s.intervene({ kind: 'inject-watermark', target: { source: 'b', subtask: 0 }, watermark: 30000 });
    expect(s.holds).toEqual([['b#0', 'idle']]);
    const at = s.position;
    s.intervene({ kind: 'inject-record', target: { source: 'b', subtask: 0 }, value: { k: 'x', v: 5, ts: 31000 }, ts: 31000 });
    expect(s.holds).toEqual([['b#0', 'paused']]);
    stepOn(s);
    const after = s.steps.slice(at);
    const idleEvents = events(after, 'idle.in');
    expect(idleEvents).toEqual([expect.objectContaining({ node: 'u', idle: false })]);
    // The active channel is counted again: the record's own window [30 s, 40 s) waits for b's watermark.
    expect(idleEvents.length).toBe(1);
    expect(fired(s.steps).some(([start]) => start === 30000)).toBe(false);
    expect(s.blocked).toBe(true);
  });

  it('a released pause lets the windows fire with the held source records in them', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    s.intervene({ kind: 'pause-source', node: 'b', subtask: 0 });
    stepOn(s);
    expect(fired(s.steps)).toEqual([]);
    s.intervene({ kind: 'resume-source', node: 'b', subtask: 0 });
    stepOn(s);
    expect(s.atEnd).toBe(true);
    expect(fired(s.steps)).toEqual([
      [0, 11],
      [10000, 2],
    ]);
  });

  it('a source paused for N seconds holds the watermark back until the virtual clock passed them, then is released by itself', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1, snapshotEvery: 3 });
    s.intervene({ kind: 'pause-source', node: 'b', subtask: 0, seconds: 5 });
    expect(s.holds).toEqual([['b#0', 'paused', 5000]]);
    s.runToEnd();
    expect(s.atEnd).toBe(true);
    // Source a ran to its end first; nothing fired while b held the watermark back.
    const release = s.steps.findIndex((st) => st.events.some((e) => e.type === 'intervention' && e['action'] === 'resume-source'));
    expect(release).toBeGreaterThan(0);
    expect(s.steps[release]!.events[0]).toMatchObject({ type: 'intervention', action: 'resume-source', node: 'b', subtask: 0, applied: true, timed: { step: 0, seconds: 5 } });
    expect(fired(s.steps.slice(0, release))).toEqual([]);
    expect(events(s.steps.slice(0, release), 'source.end').map((e) => e['node'])).toEqual(['a']);
    expect(fired(s.steps)).toEqual([
      [0, 11],
      [10000, 2],
    ]);
    // Stepping back across the release and on again gives the same steps.
    const all = s.steps.map(traceStepJson);
    s.goTo(release - 1);
    expect(s.holds).toEqual([['b#0', 'paused', 5000]]);
    s.goTo(1);
    s.runToEnd();
    expect(s.steps.map(traceStepJson)).toEqual(all);
  });

  it('a source idle for N seconds lets the windows fire without it; afterwards its records are late', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    s.intervene({ kind: 'idle-source', node: 'b', subtask: 0, seconds: 2.5 });
    s.runToEnd();
    expect(s.atEnd).toBe(true);
    expect(fired(s.steps)).toEqual([
      [0, 1],
      [10000, 2],
    ]);
    expect(events(s.steps, 'idle.in').map((e) => e['idle'])).toEqual([true, false]);
    expect(events(s.steps, 'late.dropped')).toEqual([expect.objectContaining({ node: 'w', value: { k: 'x', v: 10, ts: 2000 } })]);
  });

  it('a hold for N seconds ends early when released, and refuses a duration that is not a positive number', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    s.intervene({ kind: 'pause-source', node: 'b', subtask: 0, seconds: 60 });
    s.intervene({ kind: 'resume-source', node: 'b', subtask: 0 });
    expect(s.holds).toEqual([]);
    s.runToEnd();
    expect(events(s.steps, 'intervention').map((e) => e['action'])).toEqual(['pause-source', 'resume-source']);
    expect(() => s.intervene({ kind: 'idle-source', node: 'b', subtask: 0, seconds: -1 })).toThrow(/seconds: how long "b" stays held must be a positive number of seconds, got -1/);
  });

  it('replays interventions identically after any steps back and forth', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 2, snapshotEvery: 2 });
    s.goTo(3);
    s.intervene({ kind: 'pause-source', node: 'b', subtask: 0 });
    s.goTo(9);
    s.intervene({ kind: 'inject-record', target: { source: 'a', subtask: 0 }, value: { k: 'y', v: 5, ts: 3000 }, ts: 3000 });
    s.goTo(14);
    s.intervene({ kind: 'resume-source', node: 'b', subtask: 0 });
    s.runToEnd();
    const all = s.steps.map(traceStepJson);
    const length = s.length!;
    for (const p of [0, 4, 5, 10, 11, 15, 7, 1]) {
      s.goTo(p);
      expect(s.position).toBe(p);
      s.stepForward();
      s.stepBack();
    }
    s.goTo(2);
    expect(s.runToEnd()).toBe(length);
    expect(s.steps.map(traceStepJson)).toEqual(all);
    expect(s.interventionList.map((i) => [i.at, i.action.kind])).toEqual([
      [3, 'pause-source'],
      [9, 'inject-record'],
      [14, 'resume-source'],
    ]);
  });

  it('applying an intervention discards the steps after it; removing it takes the trace again without it', () => {
    const plain = createTraceSession(twoSources, { parallelism: 1 }).session;
    plain.runToEnd();
    const { session: s } = createTraceSession(twoSources, { parallelism: 1, snapshotEvery: 3 });
    s.runToEnd();
    s.goTo(4);
    expect(s.takeChangedFrom()).toBe(s.steps.length);
    s.intervene({ kind: 'inject-record', target: { source: 'a', subtask: 0 }, value: { k: 'x', v: 100, ts: 3000 }, ts: 3000 });
    expect(s.takeChangedFrom()).toBe(4);
    expect(s.steps).toHaveLength(5);
    expect(s.length).toBeNull();
    s.runToEnd();
    expect(fired(s.steps)).not.toEqual(fired(plain.steps));
    s.removeIntervention(4);
    expect(s.position).toBe(4);
    expect(s.takeChangedFrom()).toBe(4);
    s.runToEnd();
    expect(s.steps.map(traceStepJson)).toEqual(plain.steps.map(traceStepJson));
  });

  it('removes an intervention the trace never reached without touching the steps taken', () => {
    const { session: s } = createTraceSession(lateData, { parallelism: 1, snapshotEvery: 2 });
    s.goTo(5);
    s.intervene({ kind: 'inject-watermark', target: { source: 'readings', subtask: 0 }, watermark: 30000 });
    s.goTo(12);
    s.intervene({ kind: 'pause-source', node: 'readings', subtask: 0 });
    // A failure before both: they move on by one, and the trace ends before reaching them.
    s.goTo(1);
    s.intervene({ kind: 'fail-next-record', node: 'sum-10s', message: 'boom' });
    s.runToEnd();
    const taken = s.steps.map(traceStepJson);
    expect(taken.length).toBeLessThan(6);
    expect(s.interventionList.map((i) => i.at)).toEqual([1, 6, 13]);
    s.removeIntervention(13);
    expect(s.steps.map(traceStepJson)).toEqual(taken);
    expect(s.steps.every((x) => x !== undefined)).toBe(true);
    expect(s.interventionList.map((i) => i.at)).toEqual([1, 6]);
    s.clearInterventions();
    expect(s.position).toBe(1);
    s.runToEnd();
    expect(s.failure).toBeNull();
  });

  it('an injected late record goes to the side output when all its windows are past lateness, else fires late', () => {
    const { session: s } = createTraceSession(lateData, { parallelism: 1 });
    stepUntilWatermark(s, 'sum-10s', 19999);
    const inject = s.intervene({ kind: 'inject-record', target: { source: 'readings', subtask: 0 }, value: { sensor: 's1', value: 3, ts: 1000 }, ts: 1000 })!;
    stepOn(s);
    const side = events(s.steps, 'late.side-output').find((e) => (e['value'] as { value: number }).value === 3);
    expect(side).toMatchObject({ node: 'sum-10s', ts: 1000, cause: { intervention: inject.step } });

    // Within lateness (window [10 s, 20 s) is cleaned up at 24 999): accepted and fired again at once.
    const { session: t } = createTraceSession(lateData, { parallelism: 1 });
    stepUntilWatermark(t, 'sum-10s', 19999);
    const at = t.position;
    t.intervene({ kind: 'inject-record', target: { source: 'readings', subtask: 0 }, value: { sensor: 's1', value: 3, ts: 16000 }, ts: 16000 });
    t.goTo(at + 4);
    expect(events(t.steps.slice(at), 'window.fire')).toEqual([expect.objectContaining({ late: true, window: { start: 10000, end: 20000 }, result: expect.objectContaining({ value: 10 }) })]);
  });

  it('an injected late record is dropped when the window has no side output', () => {
    const { session: s } = createTraceSession(lateDataNoSideOutput, { parallelism: 1 });
    stepUntilWatermark(s, 'sum-10s', 19999);
    const inject = s.intervene({ kind: 'inject-record', target: { source: 'readings', subtask: 0 }, value: { sensor: 's1', value: 3, ts: 1000 }, ts: 1000 })!;
    stepOn(s);
    expect(events(s.steps, 'late.dropped').find((e) => (e['value'] as { value: number }).value === 3)).toMatchObject({ ts: 1000, cause: { intervention: inject.step } });
  });

  it('shows each channel queue, and injects and drops at its head', () => {
    const { session: s } = createTraceSession(lateData, { parallelism: 1 });
    const queue = () => s.queues().find((q) => q.name === 'readings[0] → sum-10s[0]')!;
    expect(queue()).toMatchObject({ channel: 0, size: 0, head: [] });
    // Downstream tasks go first: a record waits in the channel only until the next step.
    s.goTo(1);
    expect(queue().head).toEqual([{ kind: 'record', value: { sensor: 's1', value: 10, ts: 1000 }, ts: 1000 }]);
    s.intervene({ kind: 'inject-watermark', target: { channel: 0 }, watermark: 500 });
    expect(queue().head.map((e) => e.kind)).toEqual(['watermark', 'record']);
    const drop = s.intervene({ kind: 'drop-head', channel: 0 })!;
    expect(drop.events[0]).toMatchObject({ type: 'intervention', action: 'drop-head', dropped: [{ kind: 'watermark', watermark: 500 }] });
    expect(queue().head.map((e) => e.kind)).toEqual(['record']);
    s.intervene({ kind: 'inject-record', target: { channel: 0 }, value: { sensor: 's2', value: 1, ts: 50 }, ts: 50 });
    const next = s.stepForward()!;
    expect(next.events[0]).toMatchObject({ type: 'record.in', node: 'sum-10s', value: { sensor: 's2', value: 1, ts: 50 }, ts: 50 });
    expect(() => s.intervene({ kind: 'drop-head', channel: 7 })).toThrow(/channel: no channel 7/);
  });

  it('a function that throws on the next record fails the trace at its node, with the message', () => {
    const { session: s } = createTraceSession(lateData, { parallelism: 1 });
    s.goTo(1);
    s.intervene({ kind: 'fail-next-record', node: 'sum-10s', message: 'chaos: the function threw' });
    s.runToEnd();
    expect(s.atEnd).toBe(true);
    expect(s.failure).toMatchObject({ nodeId: 'sum-10s', reason: 'chaos: the function threw' });
    // Going back before the failure and removing the intervention: the trace ends normally.
    s.removeIntervention(1);
    s.runToEnd();
    expect(s.failure).toBeNull();
    expect(events(s.steps, 'window.fire').length).toBeGreaterThan(0);
  });

  it('names every channel by its ends, with the input channel number the watermark events use', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    expect(s.queues().map(({ name, port, inputChannel }) => [name, port, inputChannel])).toEqual([
      ['a[0] → u[0]', 'in', 0],
      ['b[0] → u[0]', 'in', 1],
      ['u[0] → w[0]', 'in', 0],
    ]);
  });

  it('says why an intervention cannot apply, naming the node and the field', () => {
    const { session: s } = createTraceSession(twoSources, { parallelism: 1 });
    expect(() => s.intervene({ kind: 'resume-source', node: 'b', subtask: 0 })).toThrow('node: source "b" subtask 0 is not held');
    expect(() => s.intervene({ kind: 'pause-source', node: 'w', subtask: 0 })).toThrow('node: "w" is not a source');
    expect(() => s.intervene({ kind: 'pause-source', node: 'b', subtask: 3 })).toThrow(/subtask: "b" has subtasks 0 to 0/);
    expect(() => s.intervene({ kind: 'fail-next-record', node: 'nope', message: 'x' })).toThrow('node: no operator "nope" in the job');
    expect(() => s.intervene({ kind: 'fail-next-record', node: 'by', message: 'x' })).toThrow('node: no operator "by" in the job (a keyBy only partitions)');
    expect(() => s.intervene({ kind: 'inject-record', target: { source: 'a', subtask: 0 }, value: 1, ts: Number.NaN })).toThrow(/^ts:/);
    s.runToEnd();
    expect(() => s.intervene({ kind: 'pause-source', node: 'b', subtask: 0 })).toThrow(/the job has ended/);
    expect(s.interventionList).toEqual([]);
  });
});
