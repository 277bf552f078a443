import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const BID = `CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;
const compiled = (sql: string) => {
  const c = compileSql(BID + sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
};
const rankOf = (sql: string) => compiled(sql).job.nodes.find((n) => n.kind === 'rank')!;

describe('Top-N and deduplication over a table compile', () => {
  it('Top-N: a keyBy on the PARTITION BY columns and a rank node; the row number only when the select list shows it', () => {
    const c = compiled(`SELECT supplier_id, item FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY price DESC, item) AS rownum FROM Bid) WHERE rownum <= 3;`);
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'watermarks', 'keyBy', 'rank', 'map', 'sink.collect']);
    expect(c.job.nodes.find((n) => n.kind === 'rank')!.params).toEqual({ orderBy: [{ field: 'price', desc: true }, { field: 'item', desc: false }], limit: 3, deduplicate: false });
    expect(rankOf(`SELECT * FROM (SELECT item, price, ROW_NUMBER() OVER (ORDER BY price) AS rn FROM Bid) WHERE rn < 4;`).params).toMatchObject({ limit: 3, rankNumber: '$rownum' });
    expect(compiled(`SELECT * FROM (SELECT item, price, ROW_NUMBER() OVER (ORDER BY price) AS rn FROM Bid) WHERE rn < 4;`).sinks[0]!.columns.map((x) => `${x.name} ${x.type.name}`)).toEqual(['item STRING', 'price DECIMAL', 'rn BIGINT']);
  });

  it('rownum = 1 ordered by the rowtime, without rownum shown, is a deduplication (ASC keeps the first row, DESC the last)', () => {
    expect(rankOf(`SELECT item FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY bidtime DESC) AS rn FROM Bid) WHERE rn = 1;`).params).toEqual({ orderBy: [{ field: 'bidtime', desc: true }], limit: 1, deduplicate: true });
    // Shown, the row number makes it a Top-1.
    expect(rankOf(`SELECT item, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY bidtime) AS rn FROM Bid) WHERE rn = 1;`).params).toMatchObject({ deduplicate: false, rankNumber: '$rownum' });
  });

  it('NULLS FIRST / NULLS LAST reach the rank node; without them the node keeps Flink\'s default (NULL is the smallest value)', () => {
    expect(rankOf(`SELECT item FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY item, price DESC NULLS FIRST, supplier_id NULLS LAST) AS rn FROM Bid) WHERE rn <= 2;`).params.orderBy).toEqual([
      { field: 'item', desc: false },
      { field: 'price', desc: true, nulls: 'first' },
      { field: 'supplier_id', desc: false, nulls: 'last' },
    ]);
  });

  it('names what it cannot rank', () => {
    const c = compileSql(`${BID}SELECT item FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY nope ORDER BY price) AS rn FROM Bid) WHERE rn <= 2;
SELECT item FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price) AS rn FROM Bid) WHERE rn >= 2;
SELECT item FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price) AS rn FROM Bid) WHERE rn <= 2 AND item = 'A';`);
    if (c.ok) throw new Error('expected errors');
    expect(c.errors.map((e) => e.message.replace(/;.*/, ''))).toEqual(['unknown column nope', 'a Top-N needs WHERE rn <= N (or rn = 1 to deduplicate)', 'a Top-N needs WHERE rn <= N (or rn = 1 to deduplicate)']);
  });
});

const ROWS = [
  ['01', 3, 'A'],
  ['02', null, 'B'],
  ['03', 1, 'C'],
  ['04', null, 'D'],
  ['05', 2, null],
]
  .map(([m, price, item]) => `${JSON.stringify({ bidtime: `2020-04-15 08:${m}:00`, price, item, supplier_id: 's' })}\n`)
  .join('');

/** The final Top-N ("item rownum", in rownum order) after the changelog of ranking by `order`. The real-Flink check is test/flink/cases/topn-nulls-order.sql. */
async function ranked(order: string, n: number): Promise<string[]> {
  const c = compiled(`SELECT item, rownum FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY ${order}) AS rownum FROM Bid) WHERE rownum <= ${n};`);
  const r = await runJob(c.job, { files: { 'bid.jsonl': ROWS } });
  const table = new Map<number, string | null>();
  for (const x of r.results) {
    const v = x.value as { item: string | null; rownum: number };
    if (x.op === '-U' || x.op === '-D') table.delete(v.rownum);
    else table.set(v.rownum, v.item);
  }
  return [...table].sort((a, b) => a[0] - b[0]).map(([k, item]) => `${item} ${k}`);
}

describe('Top-N over a table runs with NULL sort keys', () => {
  it('sorts NULL as the smallest value by default, as Flink: first ascending, last descending', async () => {
    expect(await ranked('price', 3)).toEqual(['B 1', 'D 2', 'C 3']);
    expect(await ranked('price DESC', 4)).toEqual(['A 1', 'null 2', 'C 3', 'B 4']);
  });

  it('puts NULL where NULLS FIRST / NULLS LAST says, whatever the direction', async () => {
    expect(await ranked('price ASC NULLS LAST', 4)).toEqual(['C 1', 'null 2', 'A 3', 'B 4']);
    expect(await ranked('price DESC NULLS FIRST', 3)).toEqual(['B 1', 'D 2', 'A 3']);
    expect(await ranked('item DESC NULLS FIRST, price', 2)).toEqual(['null 1', 'D 2']);
  });
});

describe('Top-1 without rownum (Flink\'s FastTop1Function): -U of the kept row, +U of the better one, partitioned or not', () => {
  // topn-bids.jsonl's first rows; Flink 2.3 prints these lines for both queries (test/flink/cases/topn-top1-unpartitioned.sql).
  const BIDS = [['05', 4, 'C', 'supplier1'], ['07', 2, 'A', 'supplier1'], ['09', 5, 'D', 'supplier2'], ['17', 6, 'F', 'supplier2']]
    .map(([m, price, item, supplier_id]) => `${JSON.stringify({ bidtime: `2020-04-15 08:${m}:00`, price, item, supplier_id })}\n`)
    .join('');
  const lines = async (sql: string) => (await runJob(compiled(sql).job, { files: { 'bid.jsonl': BIDS } })).results.map((x) => `${x.op ?? '+I'} ${(x.value as { item: string }).item}`);

  it('with no PARTITION BY: one key, and every better row replaces the kept one with -U/+U (a Top-2 gives -D/+I)', async () => {
    const top1 = `SELECT supplier_id, item, price FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price DESC) AS rownum FROM Bid) WHERE rownum <= 1;`;
    expect(compiled(top1).job.nodes.find((n) => n.kind === 'keyBy')!.params).toEqual({ code: '() => 0' });
    expect(await lines(top1)).toEqual(['+I C', '-U C', '+U D', '-U D', '+U F']);
    expect(await lines(top1.replace('<= 1', '<= 2'))).toEqual(['+I C', '+I A', '-D A', '+I D', '-D C', '+I F']);
  });

  it('partitioned: each key keeps -U/+U of its own best row', async () => {
    expect(await lines(`SELECT supplier_id, item, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY price DESC) AS rownum FROM Bid) WHERE rownum = 1;`)).toEqual(['+I C', '+I D', '-U D', '+U F']);
  });
});

describe('deduplication on a processing-time attribute', () => {
  const PROC = `CREATE TABLE Clicks (user_id STRING, url STRING, proc AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
`;
  const dedup = (dir: string) => `${PROC}SELECT user_id, url FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY proc ${dir}) AS rn FROM Clicks) WHERE rn = 1;`;
  const CLICKS = ['{"user_id":"u1","url":"/a"}', '{"user_id":"u2","url":"/b"}', '{"user_id":"u1","url":"/c"}'].join('\n');

  it('compiles PROCTIME() to a TIMESTAMP_LTZ(3) column and the deduplication to a rank node in processing time', () => {
    const c = compileSql(dedup('ASC'));
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.find((n) => n.kind === 'rank')!.params).toEqual({ orderBy: [{ field: 'proc', desc: false }], limit: 1, deduplicate: true, time: 'processing' });
  });

  for (const [dir, expected] of [
    ['ASC', ['+I {"user_id":"u1","url":"/a"}', '+I {"user_id":"u2","url":"/b"}']],
    ['DESC', ['+I {"user_id":"u1","url":"/a"}', '+I {"user_id":"u2","url":"/b"}', '-U {"user_id":"u1","url":"/a"}', '+U {"user_id":"u1","url":"/c"}']],
  ] as const) {
    it(`ORDER BY proc ${dir} keeps each key's ${dir === 'ASC' ? 'first' : 'last'} row to arrive, at once`, async () => {
      const c = compileSql(dedup(dir));
      if (!c.ok) throw new Error(JSON.stringify(c.errors));
      const r = await runJob(c.job, { files: { 'clicks.jsonl': CLICKS } });
      expect(r.results.map((x) => `${x.op ?? '+I'} ${JSON.stringify(x.value)}`)).toEqual(expected);
    });
  }
});

describe('Top-N over a subquery (a changelog: the retractable Top-N)', () => {
  const SUB = '(SELECT supplier_id, SUM(price) AS total FROM Bid GROUP BY supplier_id)';
  it('plans the subquery, then a rank node that takes retractions', () => {
    const c = compiled(`SELECT supplier_id, total FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY total DESC) AS rn FROM ${SUB}) WHERE rn <= 2;`);
    expect(c.job.nodes.map((n) => n.kind)).toContain('groupAggregate');
    expect(c.job.nodes.find((n) => n.kind === 'rank')!.params).toEqual({ orderBy: [{ field: 'total', desc: true }], limit: 2, deduplicate: false, retract: true });
  });

  it('shows the row number over a changelog: the retractable rank node numbers its rows, and a retracted row of the top N shifts the ranks below it', async () => {
    const c = compiled(`SELECT supplier_id, total, rn FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY total DESC) AS rn FROM ${SUB}) WHERE rn <= 2;`);
    expect(c.job.nodes.find((n) => n.kind === 'rank')!.params).toEqual({ orderBy: [{ field: 'total', desc: true }], limit: 2, deduplicate: false, rankNumber: '$rownum', retract: true });
    const bids = [['s1', 3], ['s2', 5], ['s1', 4]].map(([s, p], i) => `${JSON.stringify({ bidtime: `2020-04-15 08:0${i}:00`, price: p, item: 'x', supplier_id: s })}\n`).join('');
    const r = await runJob(c.job, { files: { 'bid.jsonl': bids } });
    expect(r.results.map((x) => `${x.op ?? '+I'} ${(x.value as any).supplier_id} ${(x.value as any).total} ${(x.value as any).rn}`)).toEqual([
      '+I s1 3 1',
      // s2 (5) takes rank 1, s1 moves down to rank 2.
      '-U s1 3 1', '+U s2 5 1', '+I s1 3 2',
      // s1's update is a retraction (rank 2 shrinks) and an insert at its new rank 1.
      '-D s1 3 2', '-U s2 5 1', '+U s1 7 1', '+I s2 5 2',
    ]);
  });
});
