/** Starts the lab's stepping host in a Web Worker of its own. Vite bundles the worker from the literal URL below. */
import * as Comlink from 'comlink';
import type { TraceController } from '../../trace/trace-controller.js';

interface BrowserWorker {
  terminate(): void;
}
declare const Worker: new (url: URL, options: { type: 'module'; name: string }) => BrowserWorker;

export interface TraceWorker {
  readonly api: Comlink.Remote<TraceController>;
  terminate(): void;
}

export function startTraceWorker(): TraceWorker {
  const worker = new Worker(new URL('./trace-worker.ts', import.meta.url), { type: 'module', name: 'eddy-lab' });
  return { api: Comlink.wrap<TraceController>(worker as unknown as Comlink.Endpoint), terminate: () => worker.terminate() };
}
