// A slot worker under Node (worker_threads). Plain JavaScript because tsx's loader hooks do not
// reach worker threads on Node 20. It loads the slot runtime the spawner bundled into one module
// (see node-slots.ts), or else compiles the TypeScript through tsx's tsImport.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

const bundled = workerData?.runtime;
const { serveSlot, provideWebSocket, nodeThreadTimes } = bundled ? await import(bundled) : await (await import('tsx/esm/api')).tsImport('./thread-entry.ts', import.meta.url);
await provideWebSocket();
serveSlot(nodeEndpoint(parentPort), true, `worker thread ${threadId}`, nodeThreadTimes);
