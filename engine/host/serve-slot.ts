/** Exposes a SlotRuntime over a comlink endpoint: the body of every slot worker. */
import * as Comlink from 'comlink';
import { SlotRuntime } from './slot-runtime.js';
import type { ThreadClock } from './slot-stats.js';

/** `threadClock`: the thread's CPU time, where the platform tells it (SlotReport.stats). */
export function serveSlot(endpoint: Comlink.Endpoint, isWorker: boolean, thread: string, threadClock: ThreadClock | null = null): SlotRuntime {
  const slot = new SlotRuntime(isWorker, thread, threadClock);
  Comlink.expose(slot, endpoint);
  return slot;
}
