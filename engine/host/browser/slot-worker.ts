/** A slot worker in the browser: a Web Worker serving one SlotRuntime. */
import type { Endpoint } from 'comlink';
import { serveSlot } from '../serve-slot.js';

declare const self: Endpoint & { name: string };
serveSlot(self, true, `Web Worker ${self.name}`);
