/**
 * What a task reports about itself for the metrics (`metrics/task-metrics.ts` samples it): per
 * chained operator its output counters, watermark, idleness and state size, and the fill of its
 * output buffers. Plain reads of counters the record path keeps; nothing here runs per record.
 */
import type { RecordWriter } from '../net/record-writer.js';
import type { StateSizeEstimator } from '../checkpoint/state-size.js';
import { FileSource } from '../operators/source-file.js';
import type { ChainEntry } from './task-chain.js';

/** One chained operator's figures (see `chainStats`). */
export interface OperatorStats {
  nodeId: string;
  recordsOut: number;
  outputWatermark: number;
  newestTimestamp: number;
  outputIdle: boolean;
  stateKeys: number;
  stateBytes: number;
  skippedLines?: number;
}

/**
 * Per operator: records emitted on the main output, the output watermark, the newest record
 * timestamp emitted, whether the output is marked idle, keys in state and estimated state bytes
 * (see `StateSizeEstimator`; `now` in ms paces its refresh).
 */
export function chainStats(chain: readonly ChainEntry[], stateSize: StateSizeEstimator, now: number): OperatorStats[] {
  return chain.map(({ node, op, output, ctx }) => ({
    nodeId: node.id,
    recordsOut: output.recordsOut,
    outputWatermark: output.outputWatermark,
    newestTimestamp: output.newestTimestamp,
    outputIdle: output.outputIdle,
    stateKeys: ctx?.keyed?.backend.numKeys() ?? 0,
    stateBytes: stateSize.estimate(ctx?.keyed, now),
    // A file source's malformed lines skipped under ignoreParseErrors.
    ...(op instanceof FileSource && op.skippedLines > 0 ? { skippedLines: op.skippedLines } : {}),
  }));
}

/** Output buffers in use over all output buffers, 0…1 (Flink's outPoolUsage). */
export function outputBufferUsage(writers: readonly RecordWriter[]): number {
  if (writers.length === 0) return 0;
  let sum = 0;
  for (const w of writers) sum += w.bufferUsage();
  return sum / writers.length;
}

/** Whether some output channel has no credit (with work waiting, the task is back-pressured). */
export function outputBlocked(writers: readonly RecordWriter[]): boolean {
  for (const w of writers) if (!w.canSend()) return true;
  return false;
}
