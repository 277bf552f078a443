import { describe, expect, it } from 'vitest';
import type { CollectedRecord, SubtaskMetrics } from '../../engine/index';
import type { JobStarter, RunCallbacks, RunOutcome } from '../client/engine-client';
import { createAppStore } from './app-store';
import { addEdge, addNode, setParam } from './graph-ops';
import { type EditableJob, emptyJob } from './job-types';
import { nodeFailureText } from './selectors';
import { until } from '../../engine/testing/until';

const VALID: EditableJob = {
  ...emptyJob('t'),
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1, 2] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
  layout: { src: { x: 0, y: 0 }, out: { x: 200, y: 0 } },
};

/** A starter the test drives by hand: it records the job and exposes the callbacks. */
function manualStarter() {
  const runs: Array<{ doc: unknown; callbacks: RunCallbacks; finish(o: RunOutcome): void; canceled: boolean }> = [];
  const start: JobStarter = (doc, _files, callbacks) => {
    let finish!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((resolve) => (finish = resolve));
    const run = { doc, callbacks, finish, canceled: false };
    runs.push(run);
    return {
      cancel: () => {
        run.canceled = true;
        finish({ status: 'canceled', slots: [] });
      },
      done,
      killSlot() {},
      takeSavepoint: () => Promise.reject(new Error('no savepoints here')),
    };
  };
  return { start, runs };
}

describe('app store', () => {
  it('validates on every edit, so problems follow the graph', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    expect(store.getState().problems).toEqual([]);
    store.getState().edit((d) => addNode(d, 'map', { x: 0, y: 0 }).doc);
    expect(store.getState().problems.some((p) => p.nodeId === 'map' && p.code === 'missing-input')).toBe(true);
  });

  it('undoes and redoes edits, and typing in one field is one step', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    store.getState().edit((d) => setParam(d, 'src', ['records'], [1]), 'param:src:records');
    store.getState().edit((d) => setParam(d, 'src', ['records'], [1, 2, 3]), 'param:src:records');
    store.getState().undo();
    expect(store.getState().doc).toBe(VALID);
    store.getState().redo();
    expect(store.getState().doc.nodes[0]!.params).toEqual({ records: [1, 2, 3] });
  });

  it('starts a fresh history when another job is opened', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    store.getState().edit((d) => addNode(d, 'map', { x: 0, y: 0 }).doc);
    store.getState().loadJob(VALID);
    expect(store.getState().history.past).toEqual([]);
  });

  it('undo across an open reopens the previous job with its id, files and history; redo opens the other again', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID, { files: { 'a.jsonl': '{}' }, jobId: 'first' });
    store.getState().edit((d) => addNode(d, 'map', { x: 0, y: 0 }).doc);
    const edited = store.getState().doc;
    store.getState().loadJob({ ...VALID, name: 'Second' });
    const secondId = store.getState().jobId;
    expect(secondId).not.toBe('first');
    store.getState().undo();
    expect(store.getState().doc).toBe(edited);
    expect(store.getState().jobId).toBe('first');
    expect(store.getState().files).toEqual({ 'a.jsonl': '{}' });
    // The first job's own edit is still undoable.
    store.getState().undo();
    expect(store.getState().doc).toBe(VALID);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().doc.name).toBe('Second');
    expect(store.getState().jobId).toBe(secondId);
  });

  it('the first job a tab opens and a declined shared job are not undoable opens', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    expect(store.getState().jobStack.back).toEqual([]);
    store.getState().loadJob(VALID, { untrustedCode: [{ nodeId: 'm', param: 'code', code: '(r) => r' }] });
    store.getState().declineCode();
    expect(store.getState().jobStack.back.map((j) => j.doc)).toEqual([VALID]);
  });

  it('deletes the selection with its edges, undoably', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    store.getState().select(['src']);
    store.getState().deleteSelection();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['out']);
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().selectedNodeIds).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc).toBe(VALID);
  });

  it('pastes copies under fresh ids and selects them', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    store.getState().select(['src', 'out']);
    store.getState().copySelection();
    store.getState().paste();
    expect(store.getState().selectedNodeIds).toEqual(['src-2', 'out-2']);
    expect(store.getState().doc.edges.at(-1)).toEqual({ from: 'src-2', to: 'out-2' });
    store.getState().paste();
    expect(store.getState().selectedNodeIds).toEqual(['src-3', 'out-3']);
  });

  it('drops selected ids that an undo removed', () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    let id = '';
    store.getState().edit((d) => {
      const added = addNode(d, 'map', { x: 0, y: 0 });
      id = added.id;
      return added.doc;
    });
    store.getState().select([id]);
    store.getState().undo();
    expect(store.getState().selectedNodeIds).toEqual([]);
  });

  it('refuses to run an invalid job, saying why', () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob({ ...VALID, edges: [] });
    expect(store.getState().runBlocker()).toMatch(/node "out".*no input/);
    store.getState().runJob();
    expect(runs).toHaveLength(0);
  });

  it('refuses to run shared code before it is accepted', () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob(VALID, { untrustedCode: [{ nodeId: 'm', param: 'code', code: '(r) => r' }] });
    expect(store.getState().runBlocker()).toMatch(/review its code/);
    store.getState().acceptCode();
    store.getState().runJob();
    expect(runs).toHaveLength(1);
  });

  it('runs the job, gathering results per sink and the outcome', async () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob(VALID);
    store.getState().runJob();
    expect(store.getState().runStatus).toBe('running');
    expect(runs[0]!.doc).toBe(VALID);
    const batch: CollectedRecord[] = [
      { sink: 'out', value: 1 },
      { sink: 'out', value: 2 },
    ];
    runs[0]!.callbacks.onResults(batch);
    expect(store.getState().results.of('out')).toEqual([1, 2]);
    runs[0]!.finish({ status: 'failed', nodeId: 'out', message: 'boom', slots: [] });
    await until(() => store.getState().runStatus !== 'running');
    expect(store.getState().runStatus).toBe('failed');
    expect(store.getState().runFailure).toEqual({ nodeId: 'out', message: 'boom' });
  });

  it('keeps the failed node’s record count from the sample its slot sent as it failed', async () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob(VALID);
    store.getState().runJob();
    const sample = { vertex: 'src', subtask: 0, slot: 0, recordsIn: 0, inputWatermark: -Infinity, inputIdle: false, operators: [{ nodeId: 'src', recordsOut: 2, outputWatermark: 0, stateKeys: 0 }, { nodeId: 'out', recordsOut: 0, outputWatermark: 0, stateKeys: 0 }] } as unknown as SubtaskMetrics;
    runs[0]!.callbacks.onMetrics([sample]);
    runs[0]!.finish({ status: 'failed', nodeId: 'out', message: 'boom', slots: [] });
    await until(() => store.getState().runStatus !== 'running');
    expect(store.getState().runFailure).toEqual({ nodeId: 'out', message: 'boom', records: 2 });
    expect(nodeFailureText('out')(store.getState())).toBe('Failed after 2 records: boom');
    expect(nodeFailureText('src')(store.getState())).toBe('');
  });

  it('shows a crashed slot worker on every node it ran, with the records each had there', async () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob(VALID);
    store.getState().runJob();
    const sample = (slot: number, out: number) =>
      ({ vertex: 'src', subtask: slot, slot, recordsIn: 0, inputWatermark: -Infinity, inputIdle: false, operators: [{ nodeId: 'src', recordsOut: out, outputWatermark: 0, stateKeys: 0 }, { nodeId: 'out', recordsOut: 0, outputWatermark: 0, stateKeys: 0 }] }) as unknown as SubtaskMetrics;
    runs[0]!.callbacks.onMetrics([sample(0, 5), sample(1, 7)]);
    runs[0]!.finish({ status: 'failed', nodeId: null, crashedSlot: 1, message: 'slot worker 1 crashed: killed', slots: [] });
    await until(() => store.getState().runStatus !== 'running');
    expect(store.getState().runFailure).toEqual({ nodeId: null, message: 'slot worker 1 crashed: killed', crashedSlot: { slot: 1, records: { src: 7, out: 7 } } });
    expect(nodeFailureText('src')(store.getState())).toBe('Failed after 7 records: slot worker 1 crashed: killed');
    expect(nodeFailureText('out')(store.getState())).toBe('Failed after 7 records: slot worker 1 crashed: killed');
  });

  it('takes metrics into the run slice without touching the graph, publishing them once a frame', async () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob(VALID);
    store.getState().runJob();
    const doc = store.getState().doc;
    const sample = { vertex: 'src', subtask: 0, slot: 0, operators: [{ nodeId: 'src', recordsOut: 2, outputWatermark: 0, stateKeys: 0 }] } as unknown as SubtaskMetrics;
    const version = store.getState().metricsVersion;
    runs[0]!.callbacks.onMetrics([sample]);
    runs[0]!.callbacks.onMetrics([{ ...sample, operators: [{ ...sample.operators[0]!, recordsOut: 5 }] }]);
    // Both samples are taken in; the views hear of them once, in the next frame.
    expect(store.getState().metricsVersion).toBe(version);
    await until(() => store.getState().metricsVersion > version);
    expect(store.getState().metricsVersion).toBe(version + 1);
    // The canvas's figures follow in a frame of their own.
    await until(() => store.getState().throughput.src?.total === 5);
    expect(store.getState().metricsVersion).toBe(version + 1);
    expect(store.getState().doc).toBe(doc);
  });

  it('stops a running job and ignores what it sends afterwards', async () => {
    const { start, runs } = manualStarter();
    const store = createAppStore({ startJob: start });
    store.getState().loadJob(VALID);
    store.getState().runJob();
    store.getState().stopJob();
    expect(runs[0]!.canceled).toBe(true);
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 1 }]);
    expect(store.getState().results.total).toBe(0);
    expect(store.getState().runStatus).toBe('canceled');
  });

  it('connects nodes through edits like any other change', () => {
    const store = createAppStore();
    store.getState().loadJob({ ...VALID, edges: [] });
    store.getState().edit((d) => addEdge(d, { from: 'src', to: 'out' }));
    expect(store.getState().problems).toEqual([]);
  });
});

describe('a store without services', () => {
  it('imports none of the browser’s: the host wires them (the page in main.tsx)', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./app-store.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/IndexedDb|workerLabClient|workerSqlService|startJobOnDemand|run-journal/);
    const main = await readFile(new URL('../main.tsx', import.meta.url), 'utf8');
    expect(main).toMatch(/createAppStore\(\{\s*startJob: startJobOnDemand,/);
  });

  it('fails a run saying which service was not handed in, and a checkpointed one runs without stored checkpoints', async () => {
    const store = createAppStore();
    store.getState().loadJob(VALID);
    store.getState().runJob();
    await until(() => store.getState().runStatus === 'failed');
    expect(store.getState().runFailure?.message).toBe('this store was created without a job starter (createAppStore({ startJob }))');

    const { start, runs } = manualStarter();
    const checkpointed = createAppStore({ startJob: start });
    checkpointed.getState().loadJob({ ...VALID, checkpointing: { intervalMs: 100 } });
    checkpointed.getState().runJob();
    await until(() => runs.length === 1);
    expect(checkpointed.getState().status).toMatchObject({
      text: 'Checkpoint storage is unavailable (this store was created without checkpoint storage (createAppStore({ checkpointEnv }))): the job runs without stored checkpoints',
      tone: 'error',
    });
  });
});
