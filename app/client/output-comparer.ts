/**
 * Where two runs' outputs are compared (the exactly-once check after chaos, a replay beside its
 * original run): counting 100 000 records as multisets, each turned into a JSON key, is work for
 * a Web Worker (`workerOutputComparer`), so the page stays responsive while it runs.
 * `inThreadOutputComparer` is the same comparison in the caller's thread: the worker serves it,
 * and tests use it directly. Compares data only; runs no user code.
 */
import * as Comlink from 'comlink';
import type { OutputComparison, OutputRecord } from './exactly-once-check';

/** Invariant: `compare` answers exactly what `compareOutputs` gives for the same arguments. */
export interface OutputComparer {
  /** Compares two outputs as multisets of (sink, row kind, value); at most `limit` differences listed. */
  compare(actual: readonly OutputRecord[], expected: readonly OutputRecord[], limit?: number): Promise<OutputComparison>;
}

export function inThreadOutputComparer(): OutputComparer {
  return { compare: async (actual, expected, limit) => (await import('./exactly-once-check')).compareOutputs(actual, expected, limit) };
}

let worker: OutputComparer | null = null;

/** The page's output comparer: one Web Worker, started on the first comparison. */
export function workerOutputComparer(): OutputComparer {
  return {
    compare: (actual, expected, limit) => {
      worker ??= Comlink.wrap<OutputComparer>(new Worker(new URL('./output-comparer-worker.ts', import.meta.url), { type: 'module', name: 'eddy-output-comparer' })) as unknown as OutputComparer;
      return worker.compare(actual, expected, limit);
    },
  };
}
