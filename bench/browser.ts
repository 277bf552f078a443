/**
 * The benchmark page: exposes `window.eddyBench.run(spec)`, which bench/bench.ts calls through
 * Playwright's `page.evaluate`. Worker runs use the IDE's path — a WorkerJob controller on this
 * page and `browserSlotSpawner` slots (Web Workers). The inline host and the hand-written loop
 * run in a fresh dedicated Web Worker per run, as user code must never run on the page's thread
 * (and each run starts with a clean JIT, as a slot worker does).
 */
import { browserSlotSpawner } from '../engine/host/browser/browser-slots.js';
import { IndexedDbCheckpointStorage } from '../engine/host/browser/indexeddb-storage.js';
import { type CheckpointRun, type CheckpointSpec, runCheckpointBench } from './checkpoint-size.js';
import { type RunResult, type RunSpec, runOnce } from './measure.js';

export interface BenchPage {
  run(spec: RunSpec): Promise<RunResult>;
  /** The large-state checkpoint (bench/checkpoint-size.ts), stored in IndexedDB as the IDE does. */
  checkpoint(spec: CheckpointSpec): Promise<CheckpointRun>;
  /** SharedArrayBuffer is available only when the page is cross-origin isolated (COOP/COEP). */
  crossOriginIsolated: boolean;
  userAgent: string;
}

declare global {
  interface Window {
    eddyBench?: BenchPage;
  }
}

function runInDedicatedWorker(spec: RunSpec): Promise<RunResult> {
  const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module', name: 'eddy-bench' });
  return new Promise<RunResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: true; result: RunResult } | { ok: false; error: string }>) => {
      if (event.data.ok) resolve(event.data.result);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => reject(new Error(`the bench worker failed: ${event.message}`));
    worker.postMessage(spec);
  }).finally(() => worker.terminate());
}

window.eddyBench = {
  run: (spec) => (spec.host === 'workers' ? runOnce(spec, browserSlotSpawner) : runInDedicatedWorker(spec)),
  checkpoint: async (spec) => {
    const jobId = `bench-checkpoint-${Date.now()}`;
    try {
      return await runCheckpointBench(spec, browserSlotSpawner, new IndexedDbCheckpointStorage(jobId), 'IndexedDB');
    } finally {
      indexedDB.deleteDatabase(IndexedDbCheckpointStorage.databaseName(jobId));
    }
  },
  crossOriginIsolated: self.crossOriginIsolated,
  userAgent: navigator.userAgent,
};
document.getElementById('status')!.textContent = 'ready';
