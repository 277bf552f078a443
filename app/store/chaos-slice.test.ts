import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStorage, runJob } from '../../engine/index';
import type { ChaosCommand } from '../../engine/index';
import { until } from '../../engine/testing/until';
import type { JobStarter, RunOutcome } from '../client/engine-client';
import { createMemoryRunJournal } from '../persist/run-journal';
import { createAppStore } from './app-store';
import { type EditableJob, emptyJob } from './job-types';

const JOB: EditableJob = {
  ...emptyJob('chaos'),
  checkpointing: { intervalMs: 100, mode: 'exactly-once', retained: 3 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }, { n: 2 }] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};

/**
 * Runs jobs with the engine's inline host. The first run is the user's: it waits for `finish`
 * and takes chaos commands; `extra` records are added to its output (a broken exactly-once).
 */
function setup(extra: Array<{ sink: string; value: unknown }> = []) {
  const commands: ChaosCommand[] = [];
  let starts = 0;
  let finishFirst!: () => void;
  const firstMayFinish = new Promise<void>((r) => (finishFirst = r));
  const start: JobStarter = (doc, files, callbacks) => {
    const first = starts++ === 0;
    const done = (async (): Promise<RunOutcome> => {
      if (first) await firstMayFinish;
      // This test's inputs are texts (no uploads).
      const { results } = await runJob(doc, { files: { ...(files as Readonly<Record<string, string>>) } });
      callbacks.onResults(first ? [...results, ...extra] : results);
      return { status: 'finished', slots: [] };
    })();
    return { cancel() {}, done, killSlot() {}, takeSavepoint: async () => '{}', chaos: async (c) => (commands.push(c), 1) };
  };
  const storage = new MemoryCheckpointStorage();
  const store = createAppStore({ startJob: start, checkpointEnv: { storageFor: () => storage, journal: createMemoryRunJournal() } });
  store.getState().loadJob(JOB, { jobId: 'job-1' });
  const run = async () => {
    store.getState().runJob();
    await until(() => store.getState().activeRun !== null);
  };
  const finish = async () => {
    finishFirst();
    await until(() => store.getState().runStatus === 'finished');
  };
  return { store, commands, run, finish, starts: () => starts };
}

describe('chaos in the store', () => {
  it('logs each control the run took, and when the run finishes the check by itself finds the undisturbed output', async () => {
    const { store, commands, run, finish, starts } = setup();
    await run();
    store.getState().killSlot();
    expect(await store.getState().applyChaos({ kind: 'throw-next', nodeId: 'out' }, 'armed a failure at "out"')).toBe(true);
    expect(commands).toEqual([{ kind: 'throw-next', nodeId: 'out' }]);
    expect(store.getState().chaosLog.map((e) => e.kind)).toEqual(['kill-slot', 'throw-next']);
    await finish();
    await until(() => store.getState().exactlyOnce?.status === 'done');
    expect(store.getState().exactlyOnce).toMatchObject({ status: 'done', equal: true, headline: 'Output equals an undisturbed run: yes — 3 records, exactly-once held' });
    expect(store.getState().status?.text).toBe('Exactly-once check: Output equals an undisturbed run: yes — 3 records, exactly-once held');
    // Asking again runs it again; asking while it runs waits for that one.
    const again = store.getState().checkExactlyOnce();
    expect(store.getState().checkExactlyOnce()).toBe(again);
    await again;
    expect(starts()).toBe(3);
  });

  it('lists a duplicated record', async () => {
    const { store, run, finish } = setup([{ sink: 'out', value: { n: 1 } }]);
    await run();
    store.getState().killSlot();
    await finish();
    await until(() => store.getState().exactlyOnce?.status === 'done');
    expect(store.getState().exactlyOnce).toMatchObject({ status: 'done', equal: false, lines: ['out: {"n":1} — duplicated (2× instead of 1×)'] });
    expect(store.getState().status).toMatchObject({ tone: 'error', text: expect.stringContaining('Output equals an undisturbed run: no — 4 records instead of 3') });
  });

  it('checks nothing by itself after a run without chaos', async () => {
    const { store, run, finish, starts } = setup();
    await run();
    await finish();
    expect(store.getState().exactlyOnce).toBeNull();
    expect(starts()).toBe(1);
  });

  it('says the check does not apply after an injected record, without running the job again', async () => {
    const { store, run, finish, starts } = setup();
    await run();
    await store.getState().applyChaos({ kind: 'inject-record', nodeId: 'src', value: { n: 9 }, timestamp: 0 }, 'injected');
    await finish();
    await until(() => store.getState().exactlyOnce !== null);
    expect(starts()).toBe(1);
    expect(store.getState().exactlyOnce).toMatchObject({ status: 'not-applicable', reason: expect.stringContaining('Records were injected') });
    // A new run starts with a clean log.
    await run();
    expect(store.getState().chaosLog).toEqual([]);
    expect(store.getState().exactlyOnce).toBeNull();
  });
});
