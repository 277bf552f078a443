// The inline host's thread under Node (the CLI's --host inline). Plain JavaScript for the same
// reason as slot-worker.mjs: it loads the bundled runtime, or else compiles through tsx.
import { parentPort, workerData } from 'node:worker_threads';

const bundled = workerData?.runtime;
const { runInlineThread, provideWebSocket } = bundled ? await import(bundled) : await (await import('tsx/esm/api')).tsImport('./thread-entry.ts', import.meta.url);
await provideWebSocket();
await runInlineThread(parentPort, workerData.data);
