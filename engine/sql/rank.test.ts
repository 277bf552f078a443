import { describe, expect, it } from 'vitest';
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

  it('names what it cannot rank', () => {
    const c = compileSql(`${BID}SELECT item FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY nope ORDER BY price) AS rn FROM Bid) WHERE rn <= 2;
SELECT item FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price) AS rn FROM Bid) WHERE rn >= 2;
SELECT item FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY item, price DESC NULLS FIRST) AS rn FROM Bid) WHERE rn <= 2;`);
    if (c.ok) throw new Error('expected errors');
    expect(c.errors.map((e) => e.message.replace(/;.*/, ''))).toEqual(['unknown column nope', 'a Top-N needs WHERE rn <= N (or rn = 1 to deduplicate)', 'NULLS FIRST is not supported yet in a Top-N over a table']);
  });
});
