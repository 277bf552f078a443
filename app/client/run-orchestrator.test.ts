import { describe, expect, it } from 'vitest';
import { type CheckpointStats, type CheckpointStorage, MemoryCheckpointStorage } from '../../engine/index';
import { until } from '../../engine/testing/until';
import { createMemoryRunJournal } from '../persist/run-journal';
import type { JobStarter, RunCallbacks, RunOutcome, RunningJob, StartOptions } from './engine-client';
import { type RunListener, RunOrchestrator } from './run-orchestrator';
import type { CollectedRecord } from '../../engine/index';

const CHECKPOINTED = {
  format: 'eddy/job@1',
  checkpointing: { intervalMs: 100, mode: 'exactly-once', retained: 3 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};
const PLAIN = { ...CHECKPOINTED, checkpointing: undefined };

interface StartedRun {
  readonly callbacks: RunCallbacks;
  readonly options: StartOptions | undefined;
  finish(o: RunOutcome): void;
  canceled: number;
}

/** A starter whose jobs the test drives by hand, and a listener that writes down what it hears. */
function world(shared: { storage?: CheckpointStorage; journal?: ReturnType<typeof createMemoryRunJournal> } = {}) {
  const runs: StartedRun[] = [];
  const start: JobStarter = (_doc, _files, callbacks, options) => {
    let finish!: (o: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (finish = r));
    const run: StartedRun = { callbacks, options, finish, canceled: 0 };
    runs.push(run);
    return {
      cancel: () => {
        run.canceled++;
        finish({ status: 'canceled', slots: [] });
      },
      done,
      killSlot: () => {},
      takeSavepoint: async () => '{}',
    };
  };
  const storage = shared.storage ?? new MemoryCheckpointStorage();
  const journal = shared.journal ?? createMemoryRunJournal();
  const orchestrator = new RunOrchestrator(start, () => ({ storageFor: () => storage, journal }));
  const heard = { started: [] as Array<{ job: RunningJob; preload: readonly CollectedRecord[] }>, results: [] as CollectedRecord[], notes: [] as string[], done: [] as RunOutcome[], checkpoints: [] as number[] };
  const listener: RunListener = {
    onStart: (job, preload) => void heard.started.push({ job, preload }),
    onResults: (batch) => void heard.results.push(...batch),
    onMetrics: () => {},
    onCheckpoint: (stats) => void heard.checkpoints.push(stats.id),
    onDone: (outcome) => void heard.done.push(outcome),
    notify: (text, tone) => void heard.notes.push(tone === 'error' ? `error: ${text}` : text),
  };
  return { orchestrator, runs, storage, journal, listener, heard };
}

const completed = (id: number): CheckpointStats => ({ id, kind: 'checkpoint', status: 'completed', triggeredAt: id, durationMs: 3, size: 10 });
const stored = (id: number) => ({ metadata: { id, kind: 'checkpoint' as const, triggeredAt: id, completedAt: id + 1, parallelism: {}, size: 0, tasks: [] }, blobs: [] });

describe('the run orchestrator', () => {
  it('starts a job without checkpointing at once, with no storage and no journal', async () => {
    const { orchestrator, runs, journal, listener, heard } = world();
    const run = orchestrator.start({ doc: PLAIN, files: {}, jobId: 'job-1' }, listener);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.options?.storage).toBeUndefined();
    expect(run.job).toBe(heard.started[0]!.job);
    expect(await journal.marker('job-1')).toBeUndefined();
  });

  it('journals the results each completed checkpoint committed, in order, and closes the journal when the run ends', async () => {
    const { orchestrator, runs, journal, listener, heard } = world();
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    await until(() => runs.length === 1);
    expect(runs[0]!.options?.storage).toBeDefined();
    expect(await journal.marker('job-1')).toBeDefined();
    const { callbacks } = runs[0]!;
    callbacks.onResults([{ sink: 'out', value: 1 }]);
    callbacks.onCheckpoint!(completed(1));
    callbacks.onResults([{ sink: 'out', value: 2 }, { sink: 'out', value: 3 }]);
    callbacks.onCheckpoint!(completed(2));
    callbacks.onResults([{ sink: 'out', value: 4 }]);
    await until(async () => (await journal.commits('job-1')).length === 2);
    expect((await journal.commits('job-1')).map((c) => [c.checkpointId, c.records.map((r) => r.value)])).toEqual([
      [1, [1]],
      [2, [2, 3]],
    ]);
    expect(heard.results.map((r) => r.value)).toEqual([1, 2, 3, 4]);
    expect(heard.checkpoints).toEqual([1, 2]);
    runs[0]!.finish({ status: 'finished', slots: [] });
    await until(async () => (await journal.marker('job-1')) === undefined);
    expect(heard.done.map((o) => o.status)).toEqual(['finished']);
  });

  it('journals none of the results a restart produces again: those after the last completed checkpoint', async () => {
    const { orchestrator, runs, journal, listener } = world();
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    await until(() => runs.length === 1);
    const { callbacks } = runs[0]!;
    callbacks.onResults([{ sink: 'out', value: 1 }]);
    callbacks.onCheckpoint!(completed(1));
    callbacks.onResults([{ sink: 'out', value: 2 }]);
    callbacks.onRestart!(1, 'slot worker 0 crashed');
    callbacks.onResults([{ sink: 'out', value: 2 }, { sink: 'out', value: 3 }]);
    callbacks.onCheckpoint!(completed(2));
    await until(async () => (await journal.commits('job-1')).length === 2);
    expect((await journal.commits('job-1')).map((c) => c.records.map((r) => r.value))).toEqual([[1], [2, 3]]);
  });

  it('finds the checkpoint an unfinished run left, and resumes from it with the results committed up to it', async () => {
    const { orchestrator, runs, storage, journal, listener } = world();
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    await until(() => runs.length === 1);
    await storage.save(stored(1));
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 1 }]);
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 2 }]);
    await until(async () => (await journal.commits('job-1')).length > 0);
    // Checkpoint 2 was stored but the tab closed before its results were journaled: not a resume point.
    await storage.save(stored(2));

    // The tab closes mid-run: a new page on the same browser storage opens the same job.
    const later = world({ storage, journal });
    expect(await later.orchestrator.findResumeOffer('job-1')).toBe(1);
    later.orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1', resume: true }, later.listener);
    await until(() => later.runs.length === 1);
    expect(later.runs[0]!.options?.restoreFrom?.id).toBe(1);
    expect(later.heard.started[0]!.preload.map((r) => r.value)).toEqual([1]);
    expect((await storage.list()).map((m) => m.id)).toEqual([1]);
    expect(later.heard.notes).toContain('Resuming from checkpoint 1 with 1 results committed before');
  });

  it('offers nothing once the run ended, or after the user declined', async () => {
    const { orchestrator, runs, storage, journal, listener } = world();
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    await until(() => runs.length === 1);
    await storage.save(stored(1));
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    await until(async () => (await journal.commits('job-1')).length > 0);
    expect(await orchestrator.findResumeOffer('job-1')).toBe(1);
    await orchestrator.forgetUnfinished('job-1');
    expect(await orchestrator.findResumeOffer('job-1')).toBeNull();
    await journal.begin('job-1');
    runs[0]!.finish({ status: 'finished', slots: [] });
    await until(async () => (await journal.marker('job-1')) === undefined);
    expect(await orchestrator.findResumeOffer('job-1')).toBeNull();
  });

  it('starts from the beginning, saying so, when a resume finds no usable checkpoint', async () => {
    const { orchestrator, runs, journal, listener, heard } = world();
    await journal.begin('job-1');
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1', resume: true }, listener);
    await until(() => runs.length === 1);
    expect(runs[0]!.options?.restoreFrom).toBeUndefined();
    expect(heard.notes).toContain('error: No usable checkpoint was left: the job starts from the beginning');
  });

  it('runs from a savepoint: its state and allowNonRestoredState reach the starter, old checkpoints are forgotten', async () => {
    const { orchestrator, runs, storage, listener } = world();
    await storage.save(stored(1));
    const state = { id: 7, byNode: {}, parallelism: { src: 2, out: 2 } };
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1', savepoint: { state, allowNonRestoredState: true } }, listener);
    await until(() => runs.length === 1);
    expect(runs[0]!.options).toMatchObject({ restoreFrom: state, allowNonRestoredState: true });
    expect(runs[0]!.options?.storage).toBe(storage);
    expect(await storage.list()).toEqual([]);
  });

  it('runs without stored checkpoints, saying why, when the storage cannot be prepared', async () => {
    const storage = new MemoryCheckpointStorage();
    const full: CheckpointStorage = Object.assign(Object.create(storage) as CheckpointStorage, {
      list: () => Promise.reject(new DOMException('the quota is used up', 'QuotaExceededError')),
    });
    const { orchestrator, runs, journal, listener, heard } = world({ storage: full });
    orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    await until(() => runs.length === 1);
    expect(runs[0]!.options?.storage).toBe(full);
    expect(heard.notes.at(-1)).toMatch(/^error: Checkpoint storage is unavailable \(.*quota is used up.*\): the job runs without stored checkpoints$/);
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    runs[0]!.finish({ status: 'finished', slots: [] });
    await until(() => heard.done.length === 1);
    expect(await journal.commits('job-1')).toEqual([]);
  });

  it('never starts a run canceled while its storage is prepared', async () => {
    const { orchestrator, runs, journal, listener, heard } = world();
    const run = orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    run.cancel();
    // The preparation goes on to its end (the journal begun); the launch it then asks for is refused.
    await run.settled;
    expect(await journal.marker('job-1')).not.toBeUndefined();
    expect(heard.started).toEqual([]);
    expect(runs).toEqual([]);
    expect(run.job).toBeNull();
  });

  it('tells the listener nothing more once the run was canceled, but still closes its journal', async () => {
    const { orchestrator, runs, journal, listener, heard } = world();
    const run = orchestrator.start({ doc: CHECKPOINTED, files: {}, jobId: 'job-1' }, listener);
    await until(() => runs.length === 1);
    run.cancel();
    expect(runs[0]!.canceled).toBe(1);
    runs[0]!.callbacks.onResults([{ sink: 'out', value: 1 }]);
    runs[0]!.callbacks.onCheckpoint!(completed(1));
    await until(async () => (await journal.marker('job-1')) === undefined);
    expect(heard.results).toEqual([]);
    expect(heard.checkpoints).toEqual([]);
    expect(heard.done).toEqual([]);
    // Canceling again, or after the end, does not reach the job twice.
    run.cancel();
    expect(runs[0]!.canceled).toBe(1);
  });
});
