import { describe, expect, it } from 'vitest';
import { jobFromHash } from '../persist/share-link';
import { createAppStore } from '../store/app-store';
import { type EditableJob, emptyJob } from '../store/job-types';
import { type CommandEnv, createAppCommands } from './app-commands';
import { createDispatcher } from './dispatcher';
import { until } from '../../engine/testing/until';

const VALID: EditableJob = {
  ...emptyJob('My job'),
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1] } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};

function world(file: { name: string; text: string } | null = null) {
  const downloads: Array<{ text: string; fileName: string }> = [];
  const copied: string[] = [];
  const env: CommandEnv = {
    download: (text, fileName) => downloads.push({ text, fileName }),
    pickFile: async () => file,
    copyText: async (t) => (copied.push(t), true),
    pageUrl: () => 'http://127.0.0.1:4173/',
    saveNow: async () => {},
    nodeSizes: () => new Map(),
    fitView: () => {},
  };
  const store = createAppStore({ startJob: () => ({ cancel() {}, done: new Promise(() => {}), killSlot() {}, takeSavepoint: () => new Promise(() => {}) }) });
  store.getState().loadJob(VALID);
  const dispatcher = createDispatcher(createAppCommands(store, env), store.getState);
  return { store, dispatcher, downloads, copied };
}

describe('app commands', () => {
  it('disable Run with the validation problem as the reason', () => {
    const { store, dispatcher } = world();
    store.getState().loadJob({ ...VALID, edges: [] });
    expect(dispatcher.get('run').enabled(store.getState())).toMatch(/no input/);
    expect(dispatcher.run('run')).toBe(false);
  });

  it('run on Mod+Enter even while typing, and enable Stop only while running', () => {
    const { store, dispatcher } = world();
    expect(dispatcher.get('stop').enabled(store.getState())).toBe('No job is running');
    expect(dispatcher.handleKey({ key: 'Enter', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, true)).toBe('ran');
    expect(store.getState().runStatus).toBe('running');
    expect(dispatcher.get('stop').enabled(store.getState())).toBe(true);
  });

  it('export the job as an eddy/job@1 file named after it', () => {
    const { dispatcher, downloads } = world();
    dispatcher.run('export');
    expect(downloads[0]!.fileName).toBe('my-job.json');
    expect(JSON.parse(downloads[0]!.text)).toEqual(VALID);
  });

  it('import a job file, and explain a broken one', async () => {
    const ok = world({ name: 'j.json', text: JSON.stringify({ ...VALID, name: 'Imported' }) });
    ok.dispatcher.run('import');
    await until(() => ok.store.getState().doc.name !== 'My job');
    expect(ok.store.getState().doc.name).toBe('Imported');
    const bad = world({ name: 'bad.json', text: '{' });
    bad.dispatcher.run('import');
    await until(() => bad.store.getState().status !== null);
    expect(bad.store.getState().status?.text).toMatch(/Could not import bad.json/);
    expect(bad.store.getState().doc.name).toBe('My job');
  });

  it('make a share link holding the job and copy it', async () => {
    const { store, dispatcher, copied } = world();
    dispatcher.run('share');
    await until(() => store.getState().shareLink !== null);
    const link = store.getState().shareLink!;
    expect(copied).toEqual([link]);
    expect(jobFromHash(new URL(link).hash)).toEqual(VALID);
    expect(store.getState().dialog).toBe('share');
  });

  it('download results only once there are some, as CLI JSON lines', () => {
    const { store, dispatcher, downloads } = world();
    expect(dispatcher.run('downloadResults')).toBe(false);
    store.getState().results.append([{ sink: 'out', value: { n: 1 } }]);
    dispatcher.run('downloadResults');
    expect(downloads[0]).toEqual({ text: '{"sink":"out","value":{"n":1}}\n', fileName: 'results.jsonl' });
  });

  it('say that Mod+S saved', async () => {
    const { store, dispatcher } = world();
    dispatcher.handleKey({ key: 's', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, false);
    await until(() => store.getState().status !== null);
    expect(store.getState().status?.text).toBe('Saved in this browser');
  });
});
