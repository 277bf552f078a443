/** Slots as Node worker threads (the CLI's `--host workers`, and the tests). */
import { MessageChannel, Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PortLike } from '../../net/port-channel.js';
import type { SlotApi } from '../slot-protocol.js';
import type { SlotHandle, SlotSpawner } from '../worker-job.js';

export const nodeSlotSpawner: SlotSpawner = {
  spawn(index: number): SlotHandle {
    const worker = new Worker(new URL('./slot-worker.mjs', import.meta.url), { name: `eddy-slot-${index}` });
    let terminated = false;
    const crashListeners: Array<(message: string) => void> = [];
    const crash = (message: string) => {
      if (!terminated) for (const l of crashListeners) l(message);
    };
    worker.on('error', (e) => crash(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => crash(`the worker thread exited with code ${code}`));
    return {
      api: Comlink.wrap<SlotApi>(nodeEndpoint(worker)),
      onCrash: (listener) => crashListeners.push(listener),
      terminate: () => {
        if (terminated) return;
        terminated = true;
        void worker.terminate();
      },
      // The thread's exit is then reported as a crash, like a real one.
      kill: () => void worker.terminate(),
    };
  },
  channel() {
    const { port1, port2 } = new MessageChannel();
    return { port1: port1 as unknown as PortLike, port2: port2 as unknown as PortLike };
  },
};
