import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceController } from '../../engine/index';
import { until } from '../../engine/testing/until';
import { controllerLabClient } from '../client/lab-client';
import { timelineAt } from '../lab/timeline-index';
import { createAppStore } from './app-store';
import type { EditableJob } from './job-types';

const example = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'examples', `${name}.json`), 'utf8')) as EditableJob;

/** A store whose lab steps jobs with the real stepping host in this thread. */
function labStore(job: EditableJob) {
  const store = createAppStore({ labClient: () => controllerLabClient(new TraceController()) });
  store.getState().loadJob(job);
  return store;
}

const sinkValues = (steps: readonly { events: readonly { type: string; [k: string]: unknown }[] }[], upTo: number) =>
  steps.slice(0, upTo).flatMap((s) => s.events.filter((e) => e.type === 'sink.emit').map((e) => JSON.stringify({ sink: e['sink'], value: e['value'] })));

describe('the lab slice', () => {
  it('steps forward and back over the trace, and to the end gives the run’s output', async () => {
    const store = labStore(example('late-data'));
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    await s().labStep();
    await s().labStep();
    expect(s().labPosition).toBe(2);
    await s().labStepBack();
    expect(s().labPosition).toBe(1);
    expect(s().labTrace.steps).toHaveLength(2);
    await s().labRunToBreakpoint();
    expect(s().labStop).toBe('end of the trace');
    expect(s().labLength).toBe(s().labPosition);
    const expected = readFileSync(join(import.meta.dirname, '..', '..', 'public', 'examples', 'expected', 'late-data.jsonl'), 'utf8').trim().split('\n');
    expect(sinkValues(s().labTrace.steps, s().labPosition).sort()).toEqual(expected.sort());
  });

  it('takes every step asked for while an earlier one is still running (quick clicks on Step or Step back)', async () => {
    const store = labStore(example('late-data'));
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    // Not awaited one by one: the second and third are asked for while the first is in the stepping host.
    await Promise.all([s().labStep(), s().labStep(), s().labStep()]);
    expect(s().labPosition).toBe(3);
    await Promise.all([s().labStepBack(), s().labStepBack()]);
    expect(s().labPosition).toBe(1);
  });

  it('runs to a "window fires" breakpoint for a key and stops at the step that fired it', async () => {
    const store = labStore(example('late-data'));
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    s().addLabBreakpoint({ kind: 'window-fires', key: 's1' });
    await s().labRunToBreakpoint();
    expect(s().labStop).toBe('A window fires for key s1');
    const fired = s().labTrace.steps[s().labPosition - 1]!;
    expect(fired.events.some((e) => e.type === 'window.fire' && e['key'] === 's1')).toBe(true);
    // The timeline at that step shows the pane fired with its result; one step before, open.
    const at = timelineAt(s().labTrace.steps, 'sum-10s', s().labPosition - 1, 5000);
    expect(at.panes.find((p) => p.start === 0)!.firings.map((f) => f.result)).toEqual([{ key: 's1', windowStart: 0, windowEnd: 10000, value: 30 }]);
    const before = timelineAt(s().labTrace.steps, 'sum-10s', s().labPosition - 2, 5000);
    expect(before.panes.find((p) => p.start === 0)!.firings).toEqual([]);
  });

  it('cuts its copy of the trace where an intervention changed the future, and shows the queues', async () => {
    const store = labStore(example('late-data'));
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready' && s().labQueues.length > 0);
    expect(s().labQueues.map((q) => q.name)).toEqual(['readings[0] → sum-10s[0]']);
    await s().labRunToBreakpoint();
    const before = s().labTrace;
    const old = before.steps.map((x) => JSON.stringify(x));
    await s().labGoTo(3);
    await s().labIntervene({ kind: 'inject-record', target: { source: 'readings', subtask: 0 }, value: { sensor: 's1', value: 99, ts: 2000 }, ts: 2000 });
    // A new array (the timeline rebuilds), the first 3 steps kept, the intervention the 4th.
    expect(s().labTrace).not.toBe(before);
    expect(s().labTrace.steps).toHaveLength(4);
    expect(s().labTrace.steps.slice(0, 3).map((x) => JSON.stringify(x))).toEqual(old.slice(0, 3));
    expect(s().labTrace.steps[3]!.events[0]).toMatchObject({ type: 'intervention', action: 'inject-record' });
    expect(s().labInterventions).toEqual([{ at: 3, action: expect.objectContaining({ kind: 'inject-record' }) }]);
    await s().labRunToBreakpoint();
    const fire = s().labTrace.steps.flatMap((x) => x.events).find((e) => e.type === 'window.fire');
    expect(fire?.['result']).toMatchObject({ value: 129 });
    await s().labClearInterventions();
    expect(s().labPosition).toBe(3);
    await s().labRunToBreakpoint();
    expect(s().labTrace.steps.map((x) => JSON.stringify(x))).toEqual(old);
  });

  it('stops a run where only a held source could go on, and says so', async () => {
    const store = labStore(example('late-data'));
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    await s().labIntervene({ kind: 'pause-source', node: 'readings', subtask: 0 });
    expect(s().labHolds).toEqual([{ node: 'readings', subtask: 0, hold: 'paused' }]);
    await s().labRunToBreakpoint();
    expect(s().labStop).toBe('waiting for a held source');
    expect(s().labBlocked).toBe(true);
    expect(s().labLength).toBeNull();
  });

  it('reports a job it cannot step, and leaving the lab forgets the trace', async () => {
    const store = labStore({ ...example('late-data'), nodes: [...example('late-data').nodes, { id: 'stray', kind: 'map', params: {} }] });
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus !== 'opening');
    expect(s().labStatus).toBe('invalid');
    expect(s().labProblems.join('\n')).toMatch(/stray/);
    s().leaveLab();
    expect(s().labStatus).toBe('off');
    expect(s().labTrace.steps).toEqual([]);
  });

  it('knows when the job changed after it was traced, and traces it again from the start', async () => {
    const store = labStore(example('late-data'));
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    await s().labStep();
    expect(s().labDoc).toBe(s().doc);
    s().edit((doc) => ({ ...doc, name: 'Changed' }));
    expect(s().labDoc).not.toBe(s().doc);
    s().labRetrace();
    await until(() => s().labStatus === 'ready');
    expect(s().labDoc).toBe(s().doc);
    expect(s().labPosition).toBe(0);
  });
});
