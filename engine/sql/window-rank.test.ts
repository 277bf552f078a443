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

describe('Window Top-N after a window aggregation', () => {
  const agg = (groupBy = 'window_start, window_end, item', tvf = "TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)") =>
    `SELECT window_start, window_end, item, SUM(price) AS total, COUNT(*) AS cnt FROM TABLE(${tvf}) GROUP BY ${groupBy}`;
  const ROWS2 = [
    ['01', 3, 'A'],
    ['02', 4, 'B'],
    ['03', 2, 'A'],
    ['04', 1, 'C'],
    ['06', 7, 'C'],
    ['07', 1, 'A'],
  ]
    .map(([m, price, item]) => `${JSON.stringify({ bidtime: `2020-04-15 08:${m}:00`, price, item })}\n`)
    .join('');

  it('ranks each window\'s aggregated rows and emits the first N when the window ends (the docs example\'s shape)', async () => {
    const c = compileSql(`${BID}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rownum FROM (${agg()})) WHERE rownum <= 2;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(['window_start', 'window_end', 'item', 'total', 'cnt', 'rownum']);
    const r = await runJob(c.job, { files: { 'bid.jsonl': ROWS2 } });
    const rows = r.results.map((x) => x.value as { window_start: string; item: string; total: number; cnt: number; rownum: number });
    expect(rows.map((o) => `${o.window_start.slice(11, 16)} ${o.rownum} ${o.item} ${o.total} ${o.cnt}`).sort()).toEqual(['08:00 1 A 5 2', '08:00 2 B 4 1', '08:05 1 C 7 1', '08:05 2 A 1 1']);
  });

  it('ranks a VIEW of a window aggregation the same way: a Window Top-N over its windows, append-only', async () => {
    const c = compileSql(`${BID}CREATE VIEW totals AS ${agg()};\nSELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rownum FROM totals) WHERE rownum <= 2;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).not.toContain('rank');
    const r = await runJob(c.job, { files: { 'bid.jsonl': ROWS2 } });
    expect(r.results.filter((x) => x.op !== undefined)).toEqual([]);
    const rows = r.results.map((x) => x.value as { window_start: string; item: string; total: number; cnt: number; rownum: number });
    expect(rows.map((o) => `${o.window_start.slice(11, 16)} ${o.rownum} ${o.item} ${o.total} ${o.cnt}`).sort()).toEqual(['08:00 1 A 5 2', '08:00 2 B 4 1', '08:05 1 C 7 1', '08:05 2 A 1 1']);
  });

  it('PARTITION BY window_start alone is an ordinary Top-N over the aggregated rows, as Flink plans it: updated as they arrive, no retractions taken', async () => {
    const c = compileSql(`${BID}SELECT window_start, item, total, rownum FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY total DESC) AS rownum FROM (${agg()})) WHERE rownum <= 1;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const kinds = c.job.nodes.map((n) => n.kind);
    expect(kinds.indexOf('window')).toBeLessThan(kinds.indexOf('rank'));
    expect(c.job.nodes.find((n) => n.kind === 'rank')!.params).toEqual({ orderBy: [{ field: 'total', desc: true }], limit: 1, deduplicate: false, rankNumber: '$rownum' });
    const r = await runJob(c.job, { files: { 'bid.jsonl': ROWS2 } });
    // Each window's rows arrive when it fires; the best so far is +I, a better one replaces it (-U/+U):
    // every retraction retracts the row shown, and what stays is each window's best.
    const table = new Map<string, string>();
    for (const x of r.results) {
      const o = x.value as { window_start: string; item: string; total: number; rownum: number };
      const row = `${o.window_start.slice(11, 16)} ${o.rownum} ${o.item} ${o.total}`;
      if (x.op === '-U' || x.op === '-D') {
        expect(table.get(`${o.window_start} ${o.rownum}`)).toBe(row);
        table.delete(`${o.window_start} ${o.rownum}`);
      } else table.set(`${o.window_start} ${o.rownum}`, row);
    }
    expect([...table.values()].sort()).toEqual(['08:00 1 A 5', '08:05 1 C 7']);
  });

  it('names what it cannot rank', () => {
    const c = compileSql(`${BID}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY cnt) AS rn FROM (SELECT item, COUNT(*) AS cnt, item AS window_start FROM Bid GROUP BY item)) WHERE rn <= 2;
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY nope) AS rn FROM (${agg()})) WHERE rn <= 2;
SELECT * FROM (SELECT window_start, COUNT(*) AS cnt, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY window_start) AS rn FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end) WHERE rn <= 2;`);
    if (c.ok) throw new Error('expected errors');
    expect(c.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/over a subquery needs a window aggregation there/),
      expect.stringMatching(/^unknown column nope; the window aggregation has window_start, window_end, item, total, cnt/),
      expect.stringMatching(/^ROW_NUMBER\(\) in the SELECT of a GROUP BY is not supported yet/),
    ]);
  });
});

describe('Window Top-N after a window join', () => {
  const TABLES = `${BID}CREATE TABLE Ask (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'ask.jsonl', 'format' = 'json');
`;
  const tvf = (t: string) => `(SELECT * FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))`;
  const joined = (join: string, on: string) => `SELECT b.item AS item, b.price - a.price AS spread, b.window_start AS window_start, b.window_end AS window_end FROM ${tvf('Bid')} b ${join} ${tvf('Ask')} a ON ${on}`;
  const topN = (inner: string) => `${TABLES}SELECT item, spread, rownum FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY spread DESC) AS rownum FROM (${inner})) WHERE rownum <= 2;`;
  const WINDOWS = 'b.window_start = a.window_start AND b.window_end = a.window_end';

  it('ranks each window\'s joined rows once, when the window fires', async () => {
    const asks = ['{"bidtime":"2020-04-15 08:02:00","price":1,"item":"A"}', '{"bidtime":"2020-04-15 08:12:00","price":1,"item":"C"}'].join('\n');
    const c = compileSql(topN(joined('JOIN', WINDOWS)));
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const r = await runJob(c.job, { files: { 'bid.jsonl': ROWS, 'ask.jsonl': asks } });
    // Window [08:00, 08:10): every bid pairs with ask A (price 1); the two best spreads (NULL the smallest).
    // Window [08:10, 08:20) has an ask but no bid: nothing to rank.
    expect(r.results.map((x) => `${x.op ?? '+I'} ${JSON.stringify(x.value)}`)).toEqual(['+I {"item":"A","spread":2,"rownum":1}', '+I {"item":null,"spread":1,"rownum":2}']);
  });

  it('over a regular join (one window equality) is refused, naming why', () => {
    const agg = (t: string) => `(SELECT window_start, window_end, item, MAX(price) AS price FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, item)`;
    const regular = `SELECT b.item AS item, b.price - a.price AS spread, b.window_start AS window_start, b.window_end AS window_end FROM ${agg('Bid')} b JOIN ${agg('Ask')} a ON b.window_start = a.window_start AND b.item = a.item`;
    const c = compileSql(topN(regular));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors[0]!.message).toMatch(/over a join needs a window join there that selects window_start and window_end/);
  });
});
