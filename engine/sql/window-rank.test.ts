/**
 * Window Top-N and window deduplication (window-rank.ts), run inline: the order of NULL sort keys.
 * The real-Flink check is test/flink/cases/window-topn-nulls.sql.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const BID = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;
const ROWS = [
  ['01', 3, 'A'],
  ['02', null, 'B'],
  ['03', 1, 'C'],
  ['04', null, 'D'],
  ['05', 2, null],
]
  .map(([m, price, item]) => `${JSON.stringify({ bidtime: `2020-04-15 08:${m}:00`, price, item })}\n`)
  .join('');

/** "item rownum" of one 10-minute window, ranked by `order`, in rownum order. */
async function ranked(order: string, n = 5): Promise<string[]> {
  const c = compileSql(`${BID}SELECT item, rownum FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY ${order}) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) WHERE rownum <= ${n};`);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const r = await runJob(c.job, { files: { 'bid.jsonl': ROWS } });
  return r.results
    .map((x) => x.value as { item: string | null; rownum: number })
    .sort((a, b) => a.rownum - b.rownum)
    .map((o) => `${o.item} ${o.rownum}`);
}

describe('Window Top-N ordering of NULL', () => {
  it('sorts NULL as the smallest value, as Flink: first ascending (ties in arrival order), last descending', async () => {
    expect(await ranked('price ASC', 3)).toEqual(['B 1', 'D 2', 'C 3']);
    expect(await ranked('price DESC', 4)).toEqual(['A 1', 'null 2', 'C 3', 'B 4']);
    expect(await ranked('item DESC, price')).toEqual(['D 1', 'C 2', 'B 3', 'A 4', 'null 5']);
  });

  it('puts NULL where NULLS FIRST / NULLS LAST says, whatever the direction', async () => {
    expect(await ranked('price ASC NULLS LAST')).toEqual(['C 1', 'null 2', 'A 3', 'B 4', 'D 5']);
    expect(await ranked('price DESC NULLS FIRST')).toEqual(['B 1', 'D 2', 'A 3', 'null 4', 'C 5']);
    expect(await ranked('price NULLS FIRST')).toEqual(['B 1', 'D 2', 'C 3', 'null 4', 'A 5']);
    expect(await ranked('item DESC NULLS LAST, price DESC')).toEqual(['D 1', 'C 2', 'B 3', 'A 4', 'null 5']);
  });
});
