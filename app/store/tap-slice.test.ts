import { describe, expect, it } from 'vitest';
import type { DataTapSnapshot, TapPoint } from '../../engine/index';
import type { JobStarter, RunOutcome } from '../client/engine-client';
import { createAppStore } from './app-store';
import { edgeIdsOf } from './graph-ops';
import { type EditableJob, emptyJob } from './job-types';

const JOB: EditableJob = {
  ...emptyJob('t'),
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ a: 1 }, { a: 2 }] } },
    { id: 'k', kind: 'keyBy', params: { field: 'a' } },
    { id: 'r', kind: 'reduce', params: { code: '(x, y) => y' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'k' },
    { from: 'k', to: 'r' },
    { from: 'r', to: 'out' },
  ],
};
const [SRC_K, K_R, R_OUT] = edgeIdsOf(JOB.edges) as [string, string, string];

const ring = (values: unknown[], count = values.length): DataTapSnapshot => ({
  subtasks: [{ nodeId: 'src', port: 'out', subtask: 0, count, values, timestamps: values.map(() => null) }],
});

/** A starter whose runs the test finishes by hand and whose taps it feeds by hand. */
function tappableStarter() {
  const taps: Array<{ points: readonly TapPoint[]; push: (s: DataTapSnapshot) => void; stopped: boolean }> = [];
  const finishes: Array<(o: RunOutcome) => void> = [];
  const start: JobStarter = () => {
    const done = new Promise<RunOutcome>((resolve) => finishes.push(resolve));
    return {
      cancel: () => finishes.at(-1)!({ status: 'canceled', slots: [] }),
      done,
      killSlot() {},
      takeSavepoint: () => Promise.reject(new Error('no savepoints here')),
      tap: (points, push) => {
        const tap = { points, push, stopped: false };
        taps.push(tap);
        return () => void (tap.stopped = true);
      },
    };
  };
  return { start, taps, finish: () => finishes.at(-1)!({ status: 'finished', slots: [] }) };
}

function setup() {
  const starter = tappableStarter();
  const store = createAppStore({ startJob: starter.start });
  store.getState().loadJob(JOB);
  return { store, ...starter };
}

describe('data tap slice', () => {
  it('says nothing is tapped until exactly one edge is selected', () => {
    const { store } = setup();
    expect(store.getState().tap).toBeNull();
    store.getState().select([], [SRC_K, K_R]);
    expect(store.getState().tap).toBeNull();
  });

  it('taps the edge selected before the run as the run starts, at the port that feeds a keyBy', () => {
    const { store, taps } = setup();
    store.getState().select([], [K_R]);
    expect(store.getState().tap).toMatchObject({ edgeId: K_R, label: 'k → r', tapped: false, snapshot: null });
    store.getState().runJob();
    expect(taps.map((t) => t.points)).toEqual([[{ nodeId: 'src', port: 'out' }]]);
    taps[0]!.push(ring([{ a: 1 }]));
    expect(store.getState().tap).toMatchObject({ tapped: true, snapshot: ring([{ a: 1 }]) });
  });

  it('opens the Data tap tab when an edge is selected during a run, and moves the tap with the selection', () => {
    const { store, taps } = setup();
    store.getState().runJob();
    expect(store.getState().activeTab).toBe('results');
    store.getState().select([], [R_OUT]);
    expect(store.getState().activeTab).toBe('tap');
    expect(taps.map((t) => t.points)).toEqual([[{ nodeId: 'r', port: 'out' }]]);
    store.getState().select([], [SRC_K]);
    expect(taps[0]!.stopped).toBe(true);
    expect(taps[1]!.points).toEqual([{ nodeId: 'src', port: 'out' }]);
    store.getState().select([], []);
    expect(taps[1]!.stopped).toBe(true);
    expect(store.getState().tap).toBeNull();
  });

  it('freezes the shown records on Pause and catches up on Resume', () => {
    const { store, taps } = setup();
    store.getState().select([], [SRC_K]);
    store.getState().runJob();
    taps[0]!.push(ring([1]));
    store.getState().toggleTapPause();
    taps[0]!.push(ring([1, 2]));
    expect(store.getState().tap).toMatchObject({ paused: true, snapshot: ring([1]) });
    store.getState().toggleTapPause();
    expect(store.getState().tap).toMatchObject({ paused: false, snapshot: ring([1, 2]) });
  });

  it('keeps the last records after the run ends, also when the edge is selected again', async () => {
    const { store, taps, finish } = setup();
    store.getState().select([], [SRC_K]);
    store.getState().runJob();
    taps[0]!.push(ring([1, 2]));
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().runStatus).toBe('finished');
    expect(store.getState().tap?.snapshot).toEqual(ring([1, 2]));
    store.getState().select([], [R_OUT]);
    expect(store.getState().tap).toMatchObject({ edgeId: R_OUT, tapped: false, snapshot: null });
    expect(taps).toHaveLength(1);
    store.getState().select([], [SRC_K]);
    expect(store.getState().tap).toMatchObject({ edgeId: SRC_K, tapped: true, snapshot: ring([1, 2]) });
  });
});
