/**
 * Slots as Node worker threads (the CLI's `--host workers`, and the tests). Each worker runs
 * the slot runtime bundled into one ES module, built with esbuild (~0.1 s) once per version of
 * the files it contains (sources-key.mjs) and kept in the temp folder, so a worker starts by
 * loading one file rather than compiling the engine's TypeScript again; without esbuild it falls
 * back to tsx.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { buildSync } from 'esbuild';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PortLike } from '../../net/port-channel.js';
import type { SlotApi } from '../slot-protocol.js';
import type { SlotHandle, SlotSpawner } from '../worker-job.js';
import { bundleInputs, findBundle, forgetOldBundles, placeBundle } from './sources-key.mjs';

let runtime: string | null | undefined;

/** Attempts at a bundle whose files did not change while esbuild read them. */
const BUILD_ATTEMPTS = 3;

/** The file URL of the bundled slot runtime, or null when it cannot be built (tsx then compiles it). */
export function bundledSlotRuntime(): string | null {
  if (runtime !== undefined) return runtime;
  try {
    const entry = fileURLToPath(new URL('./thread-entry.ts', import.meta.url));
    // This file holds the build's options: editing it makes a new bundle too.
    const options = fileURLToPath(import.meta.url);
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    // Built once per version of the files it contains, then reused by every process.
    const found = findBundle(tmpdir(), 'eddy-slot', '.mjs', entry);
    if (found !== null) return (runtime = pathToFileURL(found).href);
    for (let attempt = 1; ; attempt++) {
      const builtAt = Date.now();
      const out = buildSync({
        entryPoints: [entry],
        absWorkingDir: root,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        write: false,
        metafile: true,
        // Smaller to parse at every worker start; names stay as written, for stack traces.
        minifyWhitespace: true,
        minifySyntax: true,
        // CommonJS dependencies inside an ES module need a `require`.
        banner: { js: "import { createRequire as __eddyRequire } from 'node:module'; const require = __eddyRequire(import.meta.url);" },
      });
      const file = placeBundle(tmpdir(), 'eddy-slot', '.mjs', entry, bundleInputs(out.metafile, root, [options]), builtAt);
      if (file === null) {
        if (attempt < BUILD_ATTEMPTS) continue;
        throw new Error('the engine sources kept changing while the slot runtime was bundled');
      }
      // Written whole, then renamed: a concurrent process never loads half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, out.outputFiles[0]!.contents);
      renameSync(partial, file);
      forgetOldBundles(/^eddy-slot-[0-9a-f]{16}\.mjs$/, file);
      return (runtime = pathToFileURL(file).href);
    }
  } catch {
    runtime = null;
  }
  return runtime;
}

export const nodeSlotSpawner: SlotSpawner = {
  spawn(index: number): SlotHandle {
    const worker = new Worker(new URL('./slot-worker.mjs', import.meta.url), { name: `eddy-slot-${index}`, workerData: { runtime: bundledSlotRuntime() } });
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
