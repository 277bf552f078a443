/**
 * The three benchmark jobs as `eddy/job@1` documents, and the datagen shape they share with the
 * hand-written loops (bench/hand-loops.ts), so both sides see exactly the same records.
 * Browser-safe: no Node imports.
 */
import type { DatagenShape } from '../engine/operators/source-datagen.js';

export type JobName = 'keyed-window' | 'keyed-window-cp' | 'pass-through' | 'filter-map';
export const JOB_NAMES: readonly JobName[] = ['keyed-window', 'keyed-window-cp', 'pass-through', 'filter-map'];

/** What a run of a job is parameterised by. */
export interface BenchParams {
  /** Records the source generates. */
  records: number;
  keys: number;
  /** Event-time step between consecutive records (ms, integer ≥ 0: the schema's rule). */
  stepMs: number;
  /** Out-of-orderness of the generated timestamps, and the watermark delay B (ms). */
  outOfOrdernessMs: number;
  /** Tumbling window size (ms). */
  windowMs: number;
}

export const DEFAULT_PARAMS: BenchParams = {
  records: 5_000_000,
  keys: 1000,
  stepMs: 0,
  outOfOrdernessMs: 100,
  windowMs: 1000,
};

/** The generator's params, shared by the job's `source.datagen` node and the hand loops. */
export function datagenShape(p: BenchParams): DatagenShape {
  return { seed: 7, keys: p.keys, startTs: 0, stepMs: p.stepMs, maxOutOfOrdernessMs: p.outOfOrdernessMs };
}

function source(p: BenchParams) {
  const s = datagenShape(p);
  return {
    id: 'gen',
    kind: 'source.datagen',
    params: { count: p.records, seed: s.seed, keys: s.keys, startTs: s.startTs, stepMs: s.stepMs, maxOutOfOrdernessMs: s.maxOutOfOrdernessMs },
  };
}

/**
 * datagen → watermarks (bounded out-of-orderness B, periodic at the default 200 ms) → keyBy key
 * → tumbling window sum of value → collect. The keyBy edge is hash-partitioned, so at
 * parallelism 2 about half of the records cross to the other slot.
 */
export function keyedWindowJob(p: BenchParams) {
  return {
    format: 'eddy/job@1',
    name: 'bench: keyed tumbling window sum',
    parallelism: 1,
    nodes: [
      source(p),
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', strategy: 'bounded-out-of-orderness', maxOutOfOrdernessMs: p.outOfOrdernessMs } },
      { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
      {
        id: 'win',
        kind: 'window',
        params: { assigner: { type: 'tumbling', sizeMs: p.windowMs }, function: { type: 'aggregate', fn: 'sum', field: 'value' } },
      },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'wm' },
      { from: 'wm', to: 'by-key' },
      { from: 'by-key', to: 'win' },
      { from: 'win', to: 'out' },
    ],
  };
}

/**
 * datagen →(rebalance) map identity → filter that keeps nothing → collect. The rebalance edge
 * makes half of the records cross slots at parallelism 2 (and keeps source and map in separate
 * tasks at parallelism 1 too, so p1 and p2 run the same plan shape). The last filter keeps the
 * controller out of the measurement: every record would otherwise be sent to it.
 */
export function passThroughJob(p: BenchParams) {
  return {
    format: 'eddy/job@1',
    name: 'bench: pass-through',
    parallelism: 1,
    nodes: [
      source(p),
      { id: 'ident', kind: 'map', params: { code: '(r) => r' } },
      { id: 'none', kind: 'filter', params: { code: '(r) => false' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'ident', partition: 'rebalance' },
      { from: 'ident', to: 'none' },
      { from: 'none', to: 'out' },
    ],
  };
}

/** datagen → filter even values →(rebalance) map adding `doubled` → filter that keeps nothing → collect. */
export function filterMapJob(p: BenchParams) {
  return {
    format: 'eddy/job@1',
    name: 'bench: filter/map',
    parallelism: 1,
    nodes: [
      source(p),
      { id: 'even', kind: 'filter', params: { code: '(r) => r.value % 2 === 0' } },
      { id: 'double', kind: 'map', params: { code: '(r) => ({ ...r, doubled: r.value * 2 })' } },
      { id: 'none', kind: 'filter', params: { code: '(r) => false' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'gen', to: 'even' },
      { from: 'even', to: 'double', partition: 'rebalance' },
      { from: 'double', to: 'none' },
      { from: 'none', to: 'out' },
    ],
  };
}

export function jobDocument(name: JobName, p: BenchParams): unknown {
  switch (name) {
    case 'keyed-window':
      return keyedWindowJob(p);
    case 'keyed-window-cp':
      // The same job with exactly-once checkpoints every second: the checkpoint overhead.
      return { ...keyedWindowJob(p), name: 'bench: keyed tumbling window sum, checkpoints every 1 s', checkpointing: { intervalMs: 1000, mode: 'exactly-once' } };
    case 'pass-through':
      return passThroughJob(p);
    case 'filter-map':
      return filterMapJob(p);
  }
}

/** Which edge crosses slots at parallelism 2, for the table. */
export const EXCHANGE: Record<JobName, string> = {
  'keyed-window': 'keyBy (hash by key group)',
  'keyed-window-cp': 'keyBy (hash by key group); checkpoints every 1 s',
  'pass-through': 'gen → map: rebalance',
  'filter-map': 'filter → map: rebalance',
};
