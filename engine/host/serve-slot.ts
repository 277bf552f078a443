/** Exposes a SlotRuntime over a comlink endpoint: the body of every slot worker. */
import * as Comlink from 'comlink';
import { SlotRuntime } from './slot-runtime.js';

export function serveSlot(endpoint: Comlink.Endpoint, isWorker: boolean, thread: string): SlotRuntime {
  const slot = new SlotRuntime(isWorker, thread);
  Comlink.expose(slot, endpoint);
  return slot;
}
