/** How a controller starts slot workers: the one interface each host (Web Workers, worker_threads) implements. */
import type * as Comlink from 'comlink';
import type { PortLike } from '../net/port-channel.js';
import type { SlotApi } from './slot-protocol.js';

/** A running slot worker, seen from the controller. */
export interface SlotHandle {
  readonly api: Comlink.Remote<SlotApi>;
  /** Calls `listener` if the worker dies (an uncaught error, the thread exits, or `kill`). */
  onCrash(listener: (message: string) => void): void;
  /** Stops the worker on purpose (no crash is reported). */
  terminate(): void;
  /** Fault injection: stops the worker as if it crashed. */
  kill(): void;
}

/** Host-specific: how to start a slot and how to make a channel between two of them. */
export interface SlotSpawner {
  spawn(index: number): SlotHandle;
  channel(): { port1: PortLike; port2: PortLike };
}
