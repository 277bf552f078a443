import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const TABLES = `CREATE TABLE Orders (id INT, order_time TIMESTAMP(3), amount DECIMAL(10, 2),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE Shipments (order_id INT, ship_time TIMESTAMP(3), carrier STRING, id INT,
  WATERMARK FOR ship_time AS ship_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'shipments.jsonl', 'format' = 'json');
`;

const compiled = (sql: string) => {
  const c = compileSql(TABLES + sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
};
const errorsOf = (sql: string) => {
  const c = compileSql(TABLES + sql);
  if (c.ok) throw new Error('expected errors');
  return c.errors;
};
const joinNode = (sql: string) => compiled(sql).job.nodes.find((n) => n.kind.startsWith('join.'))!;

describe('SQL joins compile', () => {
  it('an ON with a rowtime BETWEEN is an interval join: the bounds as the right rowtime relative to the left, the key from the equality', () => {
    const c = compiled(`SELECT o.id, s.carrier FROM Orders o LEFT JOIN Shipments s ON o.id = s.order_id AND s.ship_time BETWEEN o.order_time - INTERVAL '1' SECOND AND o.order_time + INTERVAL '2' MINUTE;`);
    const j = c.job.nodes.find((n) => n.kind === 'join.sqlInterval')!;
    expect(j.params).toMatchObject({ type: 'left', lowerMs: -1000, upperMs: 120_000 });
    expect(c.job.edges.filter((e) => e.to === j.id).map((e) => [e.from, e.toPort])).toEqual([
      ['Orders_watermarks', 'in1'],
      ['Shipments_watermarks', 'in2'],
    ]);
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(['id', 'carrier']);
  });

  it('reads bounds written either way round, with strict comparisons 1 ms tighter', () => {
    expect(joinNode(`SELECT * FROM Orders o JOIN Shipments s ON o.id = s.order_id AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time;`).params).toMatchObject({ lowerMs: 0, upperMs: 4 * 3_600_000 });
    expect(joinNode(`SELECT * FROM Orders o JOIN Shipments s ON o.id = s.order_id AND s.ship_time > o.order_time AND s.ship_time < o.order_time + INTERVAL '10' SECOND;`).params).toMatchObject({ lowerMs: 1, upperMs: 9999 });
    expect(joinNode(`SELECT o.id FROM Orders o, Shipments s WHERE o.id = s.order_id AND o.order_time >= s.ship_time - INTERVAL '1' SECOND AND o.order_time <= s.ship_time;`).params).toMatchObject({ type: 'inner', lowerMs: 0, upperMs: 1000 });
  });

  it('without both bounds it is a regular join; the rest of the ON becomes its condition', () => {
    const j = joinNode(`SELECT o.id FROM Orders o FULL JOIN Shipments s ON o.id = s.order_id AND s.ship_time > o.order_time AND s.carrier <> 'UPS';`);
    expect(j.kind).toBe('join.regular');
    expect(j.params).toMatchObject({ type: 'full' });
    expect((j.params as { condition: string }).condition).toContain('"UPS"');
  });

  it('names the flattened columns as Flink does (a right column the left has gets 0 appended) and resolves qualified columns', () => {
    const c = compiled(`SELECT * FROM Orders o JOIN Shipments s ON o.id = s.id;`);
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(['id', 'order_time', 'amount', 'order_id', 'ship_time', 'carrier', 'id0']);
    expect(compiled(`SELECT s.id, o.id FROM Orders o JOIN Shipments s ON o.id = s.id;`).sinks[0]!.columns.map((x) => x.name)).toEqual(['id', 'id0']);
  });

  it('a GROUP BY over a join aggregates the joined rows (a changelog); a subquery side may itself be a changelog', () => {
    const c = compiled(`SELECT s.carrier, COUNT(*) FROM Orders o JOIN Shipments s ON o.id = s.order_id GROUP BY s.carrier;
SELECT g.carrier, g.n, o.amount FROM (SELECT carrier, order_id, COUNT(*) AS n FROM Shipments GROUP BY carrier, order_id) g JOIN Orders o ON g.order_id = o.id;`);
    expect(c.job.nodes.map((n) => n.kind)).toContain('groupAggregate');
    expect(c.job.nodes.filter((n) => n.kind === 'join.regular')).toHaveLength(2);
  });

  it('names what it cannot join: ambiguous and unknown columns, unknown aliases, same names, USING columns a side lacks', () => {
    const errors = errorsOf(`SELECT id FROM Orders o JOIN Shipments s ON o.id = s.order_id;
SELECT x.id FROM Orders o JOIN Shipments s ON o.id = s.order_id;
SELECT o.id FROM Orders o JOIN Shipments s ON o.id = s.carrier;
SELECT o.id FROM Orders o JOIN Shipments s ON o.id = s.order_id JOIN Orders o ON o.id = s.id;
SELECT Orders.id FROM Orders JOIN Orders ON Orders.id = Orders.id;
SELECT o.id FROM Orders o LEFT JOIN Shipments s;
SELECT id FROM Orders o JOIN Shipments s USING (order_id);
SELECT o.id FROM Orders o JOIN Shipments s USING (id) JOIN Orders p ON p.id = id;
SELECT o.id FROM Orders o NATURAL JOIN Shipments s ON o.id = s.id;`);
    expect(errors.map((e) => e.message.replace(/;.*/, ''))).toEqual([
      'column id is ambiguous: both o and s have it',
      'unknown table x in x.id',
      'cannot compare INT with STRING in the join condition',
      'both sides of the join are called o',
      'both sides of the join are called Orders',
      'LEFT JOIN needs ON <condition>',
      'column order_id of USING is not a column of the left side (id, order_time, amount)',
      // Calcite: a USING column is one column only at its own join.
      'column id is ambiguous: all of o, s, p have it',
      'a NATURAL JOIN has no ON: it joins on every column both sides have',
    ]);
  });

  it('joins three or more tables left-deep; each WHERE conjunct goes to the join whose tables it names', () => {
    const c = compiled(`SELECT * FROM Orders o JOIN Shipments s ON o.id = s.order_id JOIN Orders p ON p.id = s.id;
SELECT o.id FROM Orders o, Shipments s, Orders p WHERE o.id = s.order_id AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '1' MINUTE AND p.id = s.id;`);
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(['id', 'order_time', 'amount', 'order_id', 'ship_time', 'carrier', 'id0', 'id1', 'order_time0', 'amount0']);
    const joins = c.job.nodes.filter((n) => n.kind.startsWith('join.'));
    expect(joins.map((n) => n.kind)).toEqual(['join.regular', 'join.regular', 'join.sqlInterval', 'join.regular']);
    // The comma form: o ⋈ s is the interval join (its bounds came from WHERE), then ⋈ p on the key.
    expect(joins[2]!.params).toMatchObject({ lowerMs: 0, upperMs: 60_000 });
    expect(joins[3]!.name).toBe('regular INNER JOIN o ⋈ s, p ON id0 = id (changelog)');
  });

  it('USING and NATURAL join on the named (shared) columns, which SELECT * gives once, first', () => {
    const c = compiled(`SELECT * FROM Orders o JOIN Shipments s USING (id);
SELECT * FROM Orders o NATURAL JOIN Shipments s;
SELECT id, o.id AS oid, s.id AS sid FROM Orders o FULL JOIN Shipments s USING (id);`);
    expect(c.sinks.map((s) => s.columns.map((x) => x.name))).toEqual([
      ['id', 'order_time', 'amount', 'order_id', 'ship_time', 'carrier'],
      ['id', 'order_time', 'amount', 'order_id', 'ship_time', 'carrier'],
      ['id', 'oid', 'sid'],
    ]);
    expect(c.job.nodes.filter((n) => n.kind === 'join.regular').map((n) => n.params!.leftKey)).toEqual(Array(3).fill('(r) => JSON.stringify([r["id"]])'));
  });
});

describe('SQL joins run', () => {
  it('LEFT JOIN over rows in memory: the padded row, then its retraction when the match arrives', async () => {
    const c = compiled(`SELECT o.id, s.carrier FROM Orders o LEFT JOIN Shipments s ON o.id = s.order_id;`);
    const job = structuredClone(c.job);
    for (const n of job.nodes) {
      if (n.kind !== 'source.file') continue;
      const records = n.id === 'Orders' ? [{ id: 1, order_time: '2024-01-01 10:00:00', amount: 1 }] : [{ order_id: 1, ship_time: '2024-01-01 10:00:01', carrier: 'DHL', id: 9 }];
      Object.assign(n, { kind: 'source.collection', params: { records } });
    }
    const r = await runJob(job, {});
    const lines = r.results.map((x) => `${x.op ?? '+I'} ${JSON.stringify(x.value)}`);
    // Which source's row comes first decides the change rows; the table they build does not.
    expect(lines.at(-1)).toBe('+I {"id":1,"carrier":"DHL"}');
    expect(lines.filter((l) => l.startsWith('+I')).length - lines.filter((l) => l.startsWith('-D')).length).toBe(1);
  });
});

describe('temporal joins compile', () => {
  const RATES = `CREATE TABLE Rates (currency STRING, rate DECIMAL(10, 2), update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time - INTERVAL '1' SECOND, PRIMARY KEY (currency) NOT ENFORCED
) WITH ('connector' = 'filesystem', 'path' = 'rates.jsonl', 'format' = 'json');
CREATE TABLE Plain (currency STRING, rate DECIMAL(10, 2), update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rates.jsonl', 'format' = 'json');
CREATE TABLE O2 (id INT, currency STRING, order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
`;
  it('FOR SYSTEM_TIME AS OF the left rowtime onto a versioned table with a PRIMARY KEY is a join.temporal node keyed by the key', () => {
    const c = compiled(`${RATES}SELECT o.id, r.rate FROM O2 o LEFT JOIN Rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;`);
    const j = c.job.nodes.find((n) => n.kind === 'join.temporal')!;
    expect(j.params).toMatchObject({ type: 'left' });
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(['id', 'rate']);
  });

  it('names what a temporal join needs', () => {
    const errors = errorsOf(`${RATES}SELECT o.id FROM O2 o JOIN Plain FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;
SELECT o.id FROM O2 o JOIN Rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.id = r.rate;
SELECT o.id FROM O2 o FULL JOIN Rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;
SELECT o.id FROM O2 o JOIN Rates FOR SYSTEM_TIME AS OF r.update_time AS r ON o.currency = r.currency;
CREATE TABLE Bad (a INT, PRIMARY KEY (b) NOT ENFORCED) WITH ('connector' = 'print');`);
    expect(errors.map((e) => e.message.replace(/[;:(].*/, '').trim())).toEqual([
      'Plain is not a versioned table',
      "a temporal join's equality conditions must be on the versioned table's primary key",
      'a temporal join',
      "FOR SYSTEM_TIME AS OF needs the left table's rowtime",
      'PRIMARY KEY',
    ]);
  });
});
