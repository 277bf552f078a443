/** Slots as Web Workers (the IDE). Vite bundles the worker from the literal URL below. */
import * as Comlink from 'comlink';
import type { PortLike } from '../../net/port-channel.js';
import type { SlotApi } from '../slot-protocol.js';
import type { SlotHandle, SlotSpawner } from '../worker-job.js';

// The engine compiles without the DOM library; these are the few browser globals used here.
interface BrowserWorker {
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}
declare const Worker: new (url: URL, options: { type: 'module'; name: string }) => BrowserWorker;

export const browserSlotSpawner: SlotSpawner = {
  spawn(index: number): SlotHandle {
    const worker = new Worker(new URL('./slot-worker.ts', import.meta.url), { type: 'module', name: `eddy-slot-${index}` });
    let terminated = false;
    const crashListeners: Array<(message: string) => void> = [];
    worker.addEventListener('error', (event) => {
      if (!terminated) for (const l of crashListeners) l(event.message ?? 'the Web Worker failed');
    });
    return {
      api: Comlink.wrap<SlotApi>(worker as unknown as Comlink.Endpoint),
      onCrash: (listener) => crashListeners.push(listener),
      terminate: () => {
        if (terminated) return;
        terminated = true;
        worker.terminate();
      },
      kill: () => {
        if (terminated) return;
        terminated = true;
        worker.terminate();
        for (const l of crashListeners) l('killed by fault injection');
      },
    };
  },
  channel() {
    const { port1, port2 } = new MessageChannel();
    return { port1: port1 as unknown as PortLike, port2: port2 as unknown as PortLike };
  },
};
