/** A dedicated Web Worker of the benchmark page: runs one inline-host or hand-loop run, then is terminated. */
import { type RunSpec, runOnce } from './measure.js';

self.onmessage = async (event: MessageEvent<RunSpec>) => {
  try {
    self.postMessage({ ok: true, result: await runOnce(event.data) });
  } catch (e) {
    self.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
};
