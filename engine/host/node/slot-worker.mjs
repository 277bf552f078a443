// A slot worker under Node (worker_threads). Plain JavaScript because tsx's loader hooks do not
// reach worker threads on Node 20: it loads the TypeScript slot runtime through tsx's tsImport.
import { parentPort, threadId } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

const { serveSlot } = await tsImport('../serve-slot.ts', import.meta.url);
serveSlot(nodeEndpoint(parentPort), true, `worker thread ${threadId}`);
