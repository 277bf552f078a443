/**
 * CUMULATE's late rows, as Flink's slicing window operator handles them
 * (SliceSharedWindowAggProcessor.processElement): a row whose slice has fired is dropped only when
 * the last window it belongs to has fired too; otherwise it counts for the windows not fired yet.
 * Inline runs of compiled SQL; the real-Flink check is test/flink/cases/cumulate-late-row-unfired-window.sql.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const EVENTS = `CREATE TABLE Events (
  ts TIMESTAMP(3), k STRING, v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
`;

const rowsOf = (xs: [string, string, number][]) => xs.map(([ts, k, v]) => `{"ts":"2020-04-15 08:00:${ts}","k":"${k}","v":${v}}\n`).join('');

/** CUMULATE 10 s / 40 s per key: "k window_start–window_end n sum" lines in emission order. */
async function cumulate(rows: [string, string, number][]): Promise<string[]> {
  const c = compileSql(`${EVENTS}SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(CUMULATE(TABLE Events, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '40' SECOND))
GROUP BY k, window_start, window_end;`);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const r = await runJob(c.job, { files: { 'events.jsonl': rowsOf(rows) } });
  return r.results.map((x) => {
    const o = x.value as { k: string; window_start: string; window_end: string; n: number; s: number };
    return `${o.k} ${o.window_start.slice(14, 19)}–${o.window_end.slice(14, 19)} ${o.n} ${o.s}`;
  });
}

describe('CUMULATE late rows', () => {
  it('keeps a row whose slice fired for the windows that have not fired, and never re-fires a window', async () => {
    // 38.5 moves the watermark to 37.5: [0, 10), [0, 20), [0, 30) have fired, [0, 40) has not.
    // 05 (slice [0, 10)) and 29.5 (slice [20, 30)) are late for their slices, not for [0, 40).
    expect(await cumulate([['01', 'a', 1], ['12', 'a', 10], ['38.5', 'a', 100], ['05', 'a', 1000], ['29.5', 'a', 10000]])).toEqual([
      'a 00:00–00:10 1 1',
      'a 00:00–00:20 2 11',
      'a 00:00–00:30 2 11',
      'a 00:00–00:40 5 11111',
    ]);
  });

  it('drops a row once the last window it belongs to has fired', async () => {
    // 41.5 moves the watermark to 40.5, past [0, 40)'s end − 1: 39 is dropped; 40.8 is on time.
    expect(await cumulate([['01', 'a', 1], ['41.5', 'a', 10], ['39', 'a', 100], ['40.8', 'a', 1000]])).toEqual([
      'a 00:00–00:10 1 1',
      'a 00:00–00:20 1 1',
      'a 00:00–00:30 1 1',
      'a 00:00–00:40 1 1',
      'a 00:40–00:50 2 1010',
      'a 00:40–01:00 2 1010',
      'a 00:40–01:10 2 1010',
      'a 00:40–01:20 2 1010',
    ]);
  });

  it('fires the first unfired window for a key whose only row is late for its slice', async () => {
    // Key b has no row before the watermark passes [0, 20): its late 15 still gives [0, 30) and [0, 40).
    // Keys fire in no set order at one watermark: sorted.
    expect((await cumulate([['01', 'a', 1], ['25', 'a', 10], ['15', 'b', 100]])).sort()).toEqual([
      'a 00:00–00:10 1 1',
      'a 00:00–00:20 1 1',
      'a 00:00–00:30 2 11',
      'a 00:00–00:40 2 11',
      'b 00:00–00:30 1 100',
      'b 00:00–00:40 1 100',
    ]);
  });
});
