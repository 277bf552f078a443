/**
 * Hand-written single-thread loops doing the same work as each benchmark job, with no engine:
 * the same records (`datagenRecord`), the same user functions, the same watermark rule
 * (max − B − 1, offered every 200 ms of wall time), the same tumbling-window sums and the same
 * result objects. They are the yardstick the engine's figures are divided by. Browser-safe.
 *
 * The loop is cut into chunks of 1024 records called one at a time: a long-running nested loop
 * can stay in a slower JIT tier than the same loop called per batch (TOOLCHAIN.md), and the
 * chunk boundary is where the periodic watermark is checked, as the engine checks its clock
 * between bursts of 1024 steps.
 */
import { type DatagenRecord, datagenRecord } from '../engine/operators/source-datagen.js';
import { type BenchParams, type JobName, datagenShape } from './jobs.js';

/** What a run produced: enough to check that the engine produced the same. */
export interface RunOutput {
  /** Records that reached the sink. */
  results: number;
  /** Sum of the `value` field of the results (window sums), 0 for the other jobs. */
  checksum: number;
}

const CHUNK = 1024;
const WATERMARK_INTERVAL_MS = 200;

interface WindowResult {
  key: string;
  windowStart: number;
  windowEnd: number;
  value: number;
}

/** Keyed tumbling-window sum: `Map<windowStart, Map<key, sum>>`, fired by periodic watermarks. */
export function keyedWindowLoop(p: BenchParams): RunOutput {
  const shape = datagenShape(p);
  const size = p.windowMs;
  const delay = p.outOfOrdernessMs;
  const windows = new Map<number, Map<string, number>>();
  const results: WindowResult[] = [];
  let maxTs = -Infinity;
  let watermark = -Infinity;
  let nextEmit = Date.now() + WATERMARK_INTERVAL_MS;
  let late = 0;
  // Most records fall in the window of the previous record: keep it at hand.
  let lastStart = NaN;
  let lastSums: Map<string, number> | undefined;

  const fire = (upTo: number) => {
    const due = [...windows.keys()].filter((start) => start + size - 1 <= upTo).sort((a, b) => a - b);
    for (const start of due) {
      for (const [key, sum] of windows.get(start)!) results.push({ key, windowStart: start, windowEnd: start + size, value: sum });
      windows.delete(start);
      if (start === lastStart) lastSums = undefined;
    }
    if (lastSums === undefined) lastStart = NaN;
  };

  const chunk = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r: DatagenRecord = datagenRecord(shape, i);
      const ts = r.ts;
      if (ts > maxTs) maxTs = ts;
      const start = ts - ((ts % size) + size) % size;
      // Late: the window's last timestamp is at or behind the watermark (allowed lateness 0).
      if (start + size - 1 <= watermark) {
        late++;
        continue;
      }
      let sums = lastSums;
      if (start !== lastStart || sums === undefined) {
        sums = windows.get(start);
        if (sums === undefined) windows.set(start, (sums = new Map()));
        lastStart = start;
        lastSums = sums;
      }
      sums.set(r.key, (sums.get(r.key) ?? 0) + r.value);
    }
  };

  for (let from = 0; from < p.records; from += CHUNK) {
    chunk(from, Math.min(p.records, from + CHUNK));
    const now = Date.now();
    if (now >= nextEmit) {
      nextEmit = now + WATERMARK_INTERVAL_MS;
      if (maxTs !== -Infinity && maxTs - delay - 1 > watermark) {
        watermark = maxTs - delay - 1;
        fire(watermark);
      }
    }
  }
  fire(Infinity);
  if (late > 0) throw new Error(`the hand loop dropped ${late} late records; the generator's out-of-orderness should prevent that`);
  let checksum = 0;
  for (const r of results) checksum += r.value;
  return { results: results.length, checksum };
}

/** Identity map, then a filter that keeps nothing. */
export function passThroughLoop(p: BenchParams): RunOutput {
  const shape = datagenShape(p);
  const ident = (r: DatagenRecord) => r;
  const none = (_r: unknown) => false;
  const results: unknown[] = [];
  const chunk = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const m = ident(datagenRecord(shape, i));
      if (none(m)) results.push(m);
    }
  };
  for (let from = 0; from < p.records; from += CHUNK) chunk(from, Math.min(p.records, from + CHUNK));
  return { results: results.length, checksum: 0 };
}

/** Keep even values, add `doubled`, then a filter that keeps nothing. */
export function filterMapLoop(p: BenchParams): RunOutput {
  const shape = datagenShape(p);
  const even = (r: DatagenRecord) => r.value % 2 === 0;
  const double = (r: DatagenRecord) => ({ ...r, doubled: r.value * 2 });
  const none = (_r: unknown) => false;
  const results: unknown[] = [];
  const chunk = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = datagenRecord(shape, i);
      if (!even(r)) continue;
      const m = double(r);
      if (none(m)) results.push(m);
    }
  };
  for (let from = 0; from < p.records; from += CHUNK) chunk(from, Math.min(p.records, from + CHUNK));
  return { results: results.length, checksum: 0 };
}

export function handLoop(job: JobName, p: BenchParams): RunOutput {
  switch (job) {
    case 'keyed-window':
    case 'keyed-window-cp':
      return keyedWindowLoop(p);
    case 'pass-through':
      return passThroughLoop(p);
    case 'filter-map':
      return filterMapLoop(p);
  }
}
