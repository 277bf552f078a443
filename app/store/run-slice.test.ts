import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage } from '../../engine/index';
import { until } from '../../engine/testing/until';
import type { CheckpointStats, SubtaskMetrics } from '../../engine/index';
import type { JobStarter, RunCallbacks, RunOutcome, StartOptions } from '../client/engine-client';
import { createMemoryRunJournal } from '../persist/run-journal';
import { createAppStore } from './app-store';
import { CANVAS_FIGURES_EVERY_MS, METRICS_EVERY_MS, figuresDue, runProblemOf } from './run-slice';
import { type EditableJob, emptyJob } from './job-types';
import { fieldProblemText, nodeProblemText, nodeStallText, problemCountOf, stallText } from './selectors';

const CHECKPOINTED: EditableJob = {
  ...emptyJob('cp'),
  checkpointing: { intervalMs: 100, mode: 'exactly-once', retained: 3 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};

function setup(shared: { storage?: MemoryCheckpointStorage; journal?: ReturnType<typeof createMemoryRunJournal> } = {}) {
  const runs: Array<{ callbacks: RunCallbacks; options: StartOptions | undefined; finish(o: RunOutcome): void; killed: number }> = [];
  const start: JobStarter = (_doc, _files, callbacks, options) => {
    let finish!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (finish = r));
    const run = { callbacks, options, finish, killed: 0 };
    runs.push(run);
    return { cancel: () => finish({ status: 'canceled', slots: [] }), done, killSlot: () => void run.killed++, takeSavepoint: async () => '{}' };
  };
  const storage = shared.storage ?? new MemoryCheckpointStorage();
  const journal = shared.journal ?? createMemoryRunJournal();
  const store = createAppStore({ startJob: start, checkpointEnv: { storageFor: () => storage, journal } });
  store.getState().loadJob(CHECKPOINTED, { jobId: 'job-1' });
  return { store, runs, storage, journal };
}

const completed = (id: number): CheckpointStats => ({ id, kind: 'checkpoint', status: 'completed', triggeredAt: id, durationMs: 3, size: 10 });

describe('checkpointed runs', () => {
  it('lists the run\'s checkpoints and how many results each committed', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    expect(runs[0]!.options?.storage).toBeDefined();
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 1 }]);
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 2 }]);
    expect(store.getState().checkpoints.map((c) => c.status)).toEqual(['completed']);
    expect(store.getState().committedResults).toEqual({ 1: 1 });
  });

  it('shows "restarting" until the restarted job sends metrics again', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.callbacks.onRestart!(1, 'slot worker 0 crashed');
    expect(store.getState().runStatus).toBe('restarting');
    expect(store.getState().status?.text).toMatch(/restarting…/);
    runs[0]!.callbacks.onMetrics([]);
    expect(store.getState().runStatus).toBe('running');
    expect(store.getState().status?.text).toBe('Recovered: running again after restart 1');
  });

  it('after a restart, the status line ends with how the run ended, not "running again"', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    const run = runs[0]!;
    run.callbacks.onRestart!(1, 'did not return within 3 s');
    run.callbacks.onMetrics([]);
    expect(store.getState().status?.text).toBe('Recovered: running again after restart 1');
    // The restarted attempt hangs too and the strategy gives up: the job failed for good.
    run.finish({ status: 'failed', nodeId: 'stuck', message: 'did not return within 3 s', slots: [] });
    await until(() => store.getState().runStatus === 'failed');
    expect(store.getState().status).toMatchObject({ text: 'Failed after 1 restart at node "stuck": did not return within 3 s', tone: 'error' });
  });

  it('a run that restarted and then finished or was stopped says so in the status line; one that never restarted leaves it alone', async () => {
    const { store, runs } = setup();
    const endWith = async (restarts: number, outcome: RunOutcome) => {
      const before = runs.length;
      store.getState().runJob();
      await until(() => runs.length === before + 1);
      const run = runs.at(-1)!;
      for (let n = 1; n <= restarts; n++) run.callbacks.onRestart!(n, 'slot worker 0 crashed');
      run.callbacks.onMetrics([]);
      store.getState().notify('Saved');
      run.finish(outcome);
      await until(() => store.getState().runStatus === outcome.status);
      return store.getState().status?.text;
    };
    expect(await endWith(2, { status: 'finished', slots: [] })).toBe('Finished after 2 restarts');
    expect(await endWith(1, { status: 'canceled', slots: [] })).toBe('Stopped after 1 restart');
    expect(await endWith(1, { status: 'failed', nodeId: null, crashedSlot: 0, message: 'slot worker 0 crashed', slots: [] })).toBe('Failed after 1 restart: slot worker 0 crashed');
    expect(await endWith(0, { status: 'failed', nodeId: 'out', message: 'boom', slots: [] })).toBe('Saved');
  });

  it('records a checkpoint a restart found corrupt, says so in the status line, and forgets it on the next run', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    runs[0]!.callbacks.onCheckpoint!(completed(2));
    runs[0]!.callbacks.onRestart!(1, 'slot worker 0 crashed');
    runs[0]!.callbacks.onCorruptCheckpoint!(2, 'checkpoint 2 is unusable: the state of gen#0 fails its checksum');
    expect(store.getState().corruptCheckpoints).toEqual([{ id: 2, message: 'checkpoint 2 is unusable: the state of gen#0 fails its checksum' }]);
    expect(store.getState().status).toMatchObject({ text: 'Checkpoint 2 is unusable: the state of gen#0 fails its checksum — trying the one before it', tone: 'error' });
    runs[0]!.finish({ status: 'finished', slots: [] });
    await until(() => store.getState().runStatus === 'finished');
    // A report from a run that is over changes nothing; a new run starts with none.
    runs[0]!.callbacks.onCorruptCheckpoint!(1, 'checkpoint 1 is unusable: the state of gen#1 is missing');
    expect(store.getState().corruptCheckpoints.map((c) => c.id)).toEqual([2]);
    store.getState().runJob();
    expect(store.getState().corruptCheckpoints).toEqual([]);
  });

  it('offers to resume an unfinished run, then resumes with the committed results', async () => {
    const { store, runs, storage, journal } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    await storage.save({ metadata: { id: 1, kind: 'checkpoint', triggeredAt: 0, completedAt: 1, parallelism: {}, size: 0, tasks: [] }, blobs: [] });
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 1 }]);
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 2 }]);
    await until(async () => (await journal.commits('job-1')).length > 0);
    // The tab closes mid-run: a new page on the same browser storage opens the same job.
    const later = setup({ storage, journal });
    await later.store.getState().checkResume();
    expect(later.store.getState().resumeOffer).toEqual({ checkpointId: 1 });
    later.store.getState().runJob({ resume: true });
    await until(() => later.runs.length === 1);
    expect(later.runs[0]!.options?.restoreFrom?.id).toBe(1);
    // Only what checkpoint 1 committed is kept; the rest comes from the resumed run.
    expect(later.store.getState().results.of('out')).toEqual([1]);
    expect(later.store.getState().resumeOffer).toBeNull();
  });

  it('runs from an imported savepoint: its state reaches the starter, and the run says where it started', async () => {
    const { store, runs } = setup();
    const state = { id: 7, byNode: {}, parallelism: { src: 2, out: 2 } };
    store.getState().runJob({ savepoint: { id: 7, state, allowNonRestoredState: true } });
    await until(() => runs.length === 1);
    expect(runs[0]!.options).toMatchObject({ restoreFrom: state, allowNonRestoredState: true });
    expect(store.getState().restoredFrom).toBe(7);
    expect(store.getState().status?.text).toBe('Running from savepoint 7');
  });

  it('stopped while its checkpoint storage is prepared, the run never starts', async () => {
    const { store, runs, journal } = setup();
    const settled = store.getState().runJob();
    store.getState().stopJob();
    expect(store.getState().runStatus).toBe('canceled');
    await settled;
    expect(await journal.marker('job-1')).not.toBeUndefined();
    expect(runs).toEqual([]);
    expect(store.getState().activeRun).toBeNull();
  });
});

describe('a slot stuck in a function', () => {
  const stall = { slot: 0, nodeId: 'src', subtask: 0, stalledMs: 5400, vertex: 'src', others: [], timeoutMs: 10_000 };

  it('is in the run slice while it lasts, worded for the panels and the node, and gone when it moves or the run ends', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.callbacks.onUnresponsive!(0, stall);
    expect(store.getState().stalls[0]).toMatchObject({ nodeId: 'src', stalledMs: 5400 });
    expect(stallText(0, store.getState().stalls[0]!)).toBe('Slot 0 not responding for 5 s: node "src" (subtask 0) has not returned from its function; the job fails at 10 s without progress');
    expect(nodeStallText('src')(store.getState())).toBe('Not responding for 5 s (subtask 0)');
    expect(nodeStallText('out')(store.getState())).toBe('');
    runs[0]!.callbacks.onUnresponsive!(0, null);
    expect(store.getState().stalls).toEqual({});
    runs[0]!.callbacks.onUnresponsive!(0, { ...stall, stalledMs: 9000 });
    runs[0]!.finish({ status: 'failed', nodeId: 'src', message: 'did not return within 10 s', slots: [] });
    await until(() => store.getState().runStatus === 'failed');
    expect(store.getState().stalls).toEqual({});
    expect(store.getState().runFailure).toMatchObject({ nodeId: 'src', message: 'did not return within 10 s' });
  });

  it('names the other functions of its chain when the watchdog cannot tell them apart', () => {
    expect(stallText(1, { ...stall, nodeId: 'a', others: ['b'], timeoutMs: 0 })).toBe('Slot 1 not responding for 5 s: node "a" (or "b", chained with it) (subtask 0) has not returned from its function');
  });
});

describe('stopping a run with a stuck slot', () => {
  it('forgets the stall at once', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.callbacks.onUnresponsive!(0, { slot: 0, nodeId: 'src', subtask: 0, stalledMs: 2000, vertex: 'src', others: [], timeoutMs: 0 });
    store.getState().stopJob();
    expect(store.getState().stalls).toEqual({});
    expect(store.getState().runStatus).toBe('canceled');
  });
});

describe('live figures', () => {
  const sample = (recordsOut: number, backPressuredMsPerSecond = 0): SubtaskMetrics => ({
    vertex: 'src',
    subtask: 0,
    slot: 0,
    operators: [{ nodeId: 'src', recordsOut, recordsOutPerSecond: 0, outputWatermark: 0, newestTimestamp: 0, outputIdle: false, stateKeys: 0, stateBytes: 0 }],
    recordsIn: 0,
    recordsInPerSecond: 0,
    bytesIn: 0,
    bytesOut: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
    inputWatermark: 0,
    inputIdle: false,
    busyMsPerSecond: 0,
    idleMsPerSecond: 0,
    backPressuredMsPerSecond,
    inputBufferUsage: 0,
    outputBufferUsage: 0,
  });

  it('reach the panels at most every 250 ms and the canvas at most once a second, the final ones at once', () => {
    expect(METRICS_EVERY_MS).toBe(250);
    expect(CANVAS_FIGURES_EVERY_MS).toBe(1000);
    expect(figuresDue(5000, -Infinity, 1000, false)).toBe(true);
    expect(figuresDue(5999, 5000, 1000, false)).toBe(false);
    expect(figuresDue(6000, 5000, 1000, false)).toBe(true);
    expect(figuresDue(5001, 5000, 1000, true)).toBe(true);
  });

  it('publish figures that came too soon after the previous ones once their turn comes', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    const version = store.getState().metricsVersion;
    runs[0]!.callbacks.onMetrics([sample(10)]);
    await until(() => store.getState().metricsVersion === version + 1);
    runs[0]!.callbacks.onMetrics([sample(20)]);
    await until(() => store.getState().metricsVersion === version + 2);
    expect(store.getState().metrics.recordsOf('src')?.recordsOut).toBe(20);
  });

  it('reach the canvas in a frame of their own, not in the one that ticks the panels', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    const together: number[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.metricsVersion !== prev.metricsVersion && s.throughput !== prev.throughput) together.push(s.metricsVersion);
    });
    const version = store.getState().metricsVersion;
    runs[0]!.callbacks.onMetrics([sample(10)]);
    await until(() => store.getState().throughput['src']?.total === 10);
    unsubscribe();
    expect(store.getState().metricsVersion).toBe(version + 1);
    expect(together).toEqual([]);
  });

  it('show the run’s final figures on the canvas once it ends, however soon after the previous ones', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    const version = store.getState().metricsVersion;
    runs[0]!.callbacks.onMetrics([sample(10)]);
    await until(() => store.getState().metricsVersion > version && store.getState().throughput['src']?.total === 10);
    runs[0]!.callbacks.onMetrics([sample(20, 900)]);
    runs[0]!.finish({ status: 'finished', slots: [] });
    await until(() => store.getState().runStatus === 'finished');
    expect(store.getState().throughput['src']?.total).toBe(20);
    expect(store.getState().backpressure['src']).toBe('high');
  });
});

describe('a param the run found wrong as its node started', () => {
  const problem = { code: 'invalid-param', nodeId: 'src', field: 'params.records', message: 'must be an array' } as const;
  const failed: RunOutcome = { status: 'failed', nodeId: 'src', message: 'collection source "src", params.records: must be an array', param: problem, slots: [] };

  it('is a problem of that field of that node, in the inspector and in Problems, until the job is edited', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.finish(failed);
    await until(() => store.getState().runStatus === 'failed');
    const s = store.getState();
    expect(s.runFailure?.param?.problem).toEqual(problem);
    expect(runProblemOf(s)).toEqual(problem);
    expect(fieldProblemText('src', 'params.records')(s)).toBe('must be an array');
    expect(fieldProblemText('out', 'params.records')(s)).toBe('');
    expect(nodeProblemText('src', { withRun: true })(s)).toBe('params.records: must be an array');
    // The canvas's problem mark leaves it to the failure mark.
    expect(nodeProblemText('src')(s)).toBe('');
    expect(problemCountOf(s)).toBe(1);
    // It is no validation error: the job may run again.
    expect(s.problems).toEqual([]);
    expect(s.runBlocker()).toBeNull();

    store.getState().edit((doc) => ({ ...doc, name: 'renamed' }));
    expect(runProblemOf(store.getState())).toBeNull();
    expect(fieldProblemText('src', 'params.records')(store.getState())).toBe('');
    expect(problemCountOf(store.getState())).toBe(0);
    // The failure itself still shows on the node.
    expect(store.getState().runFailure?.nodeId).toBe('src');
  });

  it('is gone when the job runs again', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.finish(failed);
    await until(() => runProblemOf(store.getState()) !== null);
    store.getState().runJob();
    expect(runProblemOf(store.getState())).toBeNull();
    expect(problemCountOf(store.getState())).toBe(0);
  });

  it('is not there when the failure was no param\'s', async () => {
    const { store, runs } = setup();
    store.getState().runJob();
    await until(() => runs.length === 1);
    runs[0]!.finish({ status: 'failed', nodeId: 'src', message: 'boom', slots: [] });
    await until(() => store.getState().runStatus === 'failed');
    expect(store.getState().runFailure).toEqual({ nodeId: 'src', message: 'boom' });
    expect(runProblemOf(store.getState())).toBeNull();
  });
});
