import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';
import { parseSql } from './parse.js';
import { nodeIO } from '../host/node/node-io.js';
import { RowKind } from '../operators/operator.js';
import { sqlLineWriter, sqlRowLine } from './output.js';

const BID = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;

const errorsOf = (sql: string) => {
  const c = compileSql(sql);
  if (c.ok) throw new Error('expected errors');
  return c.errors;
};

describe('parseSql', () => {
  it('reports every broken statement at once, each at its line and column', () => {
    const r = parseSql('SELEC x FROM t;\nSELECT a, FROM t;');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 1],
      [2, 11],
    ]);
    expect(r.errors[0]!.message).toMatch(/'SELEC' is not valid at this position.*check the statement's spelling/);
  });

  it('accepts a script of CREATE TABLE and a window TVF query', () => {
    expect(parseSql(`${BID}SELECT window_start, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`).ok).toBe(true);
  });
});

describe('compileSql', () => {
  it("maps WATERMARK FOR c AS c - INTERVAL '1' SECOND onto max − 1000 ms (bounded out-of-orderness 999, since that node subtracts 1 more)", () => {
    const c = compileSql(`${BID}SELECT item FROM Bid;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const wm = c.job.nodes.find((n) => n.kind === 'watermarks')!;
    expect(wm.params).toMatchObject({ timestampField: 'bidtime', strategy: 'bounded-out-of-orderness', maxOutOfOrdernessMs: 999, intervalMs: 0 });
  });

  it('compiles HOP(slide, size) onto a sliding window keyed by the GROUP BY columns', () => {
    const c = compileSql(`${BID}SELECT window_start, window_end, item, COUNT(*) FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, item;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'watermarks', 'keyBy', 'window', 'sink.collect']);
    const w = c.job.nodes.find((n) => n.kind === 'window')!;
    expect((w.params as { assigner: unknown }).assigner).toMatchObject({ type: 'sliding', sizeMs: 600_000, slideMs: 300_000 });
    expect(c.sinks[0]).toMatchObject({ name: 'result', columns: [{ name: 'window_start' }, { name: 'window_end' }, { name: 'item' }, { name: 'EXPR$3', type: { name: 'BIGINT' } }] });
  });

  it('compiles CUMULATE onto a keyed process function (one constant key without GROUP BY keys)', () => {
    const c = compileSql(`${BID}SELECT window_start, window_end, SUM(price) FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'watermarks', 'keyBy', 'process', 'sink.collect']);
  });

  it('names bare SELECT sinks result, result_2, … and INSERT INTO sinks after the table', () => {
    const c = compileSql(`${BID}CREATE TABLE out1 (item STRING) WITH ('connector' = 'print');\nSELECT item FROM Bid;\nSELECT price FROM Bid;\nINSERT INTO out1 SELECT item FROM Bid;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.sinks.map((s) => s.name)).toEqual(['result', 'result_2', 'out1']);
  });

  it('puts user strings into generated code only as JSON literals', () => {
    const c = compileSql(`${BID}SELECT item FROM Bid WHERE item = '"); throw 1; ("';`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const where = c.job.nodes.find((n) => n.kind === 'filter')!;
    expect((where.params as { code: string }).code).toContain(JSON.stringify('"); throw 1; ("'));
  });

  it('names each unsupported construct at its line:column, all at once', () => {
    const errors = errorsOf(`${BID}SELECT item, COUNT(*) FROM Bid GROUP BY item ORDER BY item;
SELECT window_start, SUM(price) FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '3' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;
SELECT nope FROM Bid;
SELECT x FROM Missing;
SELECT a.item FROM Bid a JOIN Bid b USING (nope);`);
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['7:46', '8:44', '9:8', '10:15', '11:44']);
    expect(errors[0]!.message).toMatch(/^ORDER BY is not supported yet/);
    expect(errors[1]!.message).toMatch(/^CUMULATE's size \(600000 ms\) must be a whole multiple of its step \(180000 ms\)/);
    expect(errors[2]!.message).toMatch(/^unknown column nope; table Bid has bidtime, price, item/);
    expect(errors[3]!.message).toMatch(/^unknown table Missing/);
    expect(errors[4]!.message).toMatch(/^column nope of USING is not a column of the left side/);
  });

  it('compiles a GROUP BY without a window to keyBy and a groupAggregate node between two maps (Calc → GroupAggregate → Calc)', () => {
    const c = compileSql(`${BID}SELECT item, COUNT(DISTINCT price) AS items, AVG(CAST(price AS INT)) FROM Bid GROUP BY item HAVING COUNT(*) > 1;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind).slice(-6)).toEqual(['map', 'keyBy', 'groupAggregate', 'filter', 'map', 'sink.collect']);
    expect(c.job.nodes.find((n) => n.kind === 'groupAggregate')!.params).toEqual({
      keys: ["item"],
      aggregates: [
        { name: '$agg0', fn: 'count', field: '$arg0', distinct: true, integer: false },
        { name: '$agg1', fn: 'avg', field: '$arg1', distinct: false, integer: true },
        { name: '$agg2', fn: 'count', distinct: false, integer: false },
      ],
    });
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(["item", "items", "EXPR$2"]);
  });

  it('expands GROUPING SETS, ROLLUP and CUBE into each set (Flink\'s Expand): ROLLUP (a, b) is (a, b), (a), (); CUBE every subset; plain columns join every set', () => {
    const expandOf = (groupBy: string) => {
      const c = compileSql(`${BID}SELECT window_start, window_end, item, price, COUNT(*) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, ${groupBy};`);
      if (!c.ok) throw new Error(JSON.stringify(c.errors));
      return c.job.nodes.find((n) => n.id === 'expand')?.name;
    };
    expect(expandOf('ROLLUP (price, item)')).toBe('GROUPING SETS ((price, item), (price), ())');
    expect(expandOf('CUBE (price, item)')).toBe('GROUPING SETS ((price, item), (price), (item), ())');
    expect(expandOf('price, GROUPING SETS ((item), ())')).toBe('GROUPING SETS ((price, item), (price))');
    expect(expandOf('price, item')).toBeUndefined();
    const errors = errorsOf(`${BID}SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY GROUPING SETS ((window_start, window_end));`);
    expect(errors[0]!.message).toMatch(/^window_start must be in the GROUP BY itself, not inside GROUPING SETS, ROLLUP or CUBE/);
  });

  it('names ROW_NUMBER subqueries over a join or subquery (Top-N, deduplication)', () => {
    const topN = errorsOf(`${BID}SELECT * FROM (SELECT a.item, ROW_NUMBER() OVER (PARTITION BY a.item ORDER BY a.bidtime) AS rn FROM Bid a JOIN Bid b ON a.item = b.item) WHERE rn = 1;`);
    expect(topN[0]!.message).toMatch(/^ROW_NUMBER\(\) OVER \(PARTITION BY \.\.\. ORDER BY \.\.\.\) over a join or subquery is not supported yet/);
  });

  it('names what a Window Top-N does not support yet', () => {
    const tvf = (fn = "TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)") => `FROM TABLE(${fn})`;
    const errors = errorsOf(`${BID}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price) AS rn ${tvf("CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)")}) WHERE rn <= 3;
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY price) AS rn ${tvf()}) WHERE rn <= 3;
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price) AS rn ${tvf()}) WHERE rn = 2;
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price) AS rn ${tvf()}) WHERE rn <= 3 AND price > 1;
SELECT * FROM (SELECT *, SUM(price) OVER (PARTITION BY window_start, window_end ORDER BY price) AS rn ${tvf()}) WHERE rn <= 3;`);
    expect(errors.map((e) => e.message.replace(/;.*/, ''))).toEqual([
      'Window Top-N and window deduplication over CUMULATE are not supported yet',
      'ROW_NUMBER() over a window TVF must PARTITION BY window_start, window_end (and any key columns)',
      'a Window Top-N needs WHERE rn <= N (or rn = 1 to deduplicate)',
      'a Window Top-N needs WHERE rn <= N (or rn = 1 to deduplicate)',
      'SUM(price) OVER (...) (an OVER aggregation) is not supported yet',
    ]);
  });

  it('names what a non-windowed aggregation does not support yet', () => {
    const errors = errorsOf(`${BID}SELECT UPPER(item), COUNT(*) FROM Bid GROUP BY UPPER(item);
SELECT item, price FROM Bid GROUP BY item;
SELECT window_start, COUNT(DISTINCT item) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end HAVING COUNT(*) > 1;
SELECT item FROM Bid WHERE COUNT(*) > 1;`);
    expect(errors.map((e) => e.message.replace(/;.*/, ''))).toEqual([
      'GROUP BY an expression is not supported yet',
      'column price is neither in GROUP BY nor inside an aggregate',
      'COUNT(DISTINCT ...) is not supported yet',
      'HAVING on a window aggregation is not supported yet',
      'COUNT is an aggregate: it is not allowed here (in WHERE, in GROUP BY, or inside another aggregate)',
    ]);
  });

  it('refuses a window over a column without WATERMARK FOR', () => {
    const errors = errorsOf(`CREATE TABLE t (ts TIMESTAMP(3), v INT) WITH ('connector' = 'filesystem', 'path' = 'x', 'format' = 'json');
SELECT window_start, SUM(v) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end;`);
    expect(errors[0]!.message).toMatch(/TUMBLE needs a time attribute: declare WATERMARK FOR ts/);
  });

  it('refuses a selected column that is neither grouped nor aggregated', () => {
    const errors = errorsOf(`${BID}SELECT window_start, item, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`);
    expect(errors[0]).toMatchObject({ line: 7, column: 22 });
    expect(errors[0]!.message).toMatch(/column item is neither in GROUP BY nor inside an aggregate/);
  });
});

describe('filesystem tables', () => {
  const CSV = `CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, doubled AS price * 2)
WITH ('connector' = 'filesystem', 'path' = 'bid.csv', 'format' = 'csv');
SELECT item, doubled, bidtime FROM Bid WHERE price > 3;`;

  it('read csv rows in column order (no header row) with computed columns', async () => {
    const c = compileSql(CSV);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const r = await runJob(c.job, { files: { 'bid.csv': '2020-04-15 08:05:00,4.00,C\n2020-04-15 08:07:00,2.00,A\n2020-04-15 08:09:00,5.5,D\n' } });
    expect(r.results.map((x) => x.value)).toEqual([
      { item: 'C', doubled: 8, bidtime: '2020-04-15 08:05:00.000' },
      { item: 'D', doubled: 11, bidtime: '2020-04-15 08:09:00.000' },
    ]);
  });

  it('fail the job on a malformed line, naming its line number (Flink\'s default)', async () => {
    const c = compileSql(CSV);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    await expect(runJob(c.job, { files: { 'bid.csv': '2020-04-15 08:05:00,4.00,C\n2020-04-15 08:07:00,"2.00\n' } })).rejects.toThrow(/node "Bid".*line 2: quoted field opened at column 21 is never closed/);
  });

  it("skip malformed lines with 'csv.ignore-parse-errors' = 'true'", async () => {
    const c = compileSql(CSV.replace("'format' = 'csv'", "'format' = 'csv', 'csv.ignore-parse-errors' = 'true'"));
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const r = await runJob(c.job, { files: { 'bid.csv': '2020-04-15 08:05:00,4.00,C\n2020-04-15 08:07:00,"2.00\n' } });
    expect(r.results.map((x) => (x.value as { item: string }).item)).toEqual(['C']);
  });
});

describe('sqlRowLine', () => {
  it('prints DECIMAL(p, s) with s decimals and the row kind +I', () => {
    const schemas = new Map([['result', { name: 'result', columns: [{ name: 'window_start', type: { name: 'TIMESTAMP' as const, precision: 3 } }, { name: 'total', type: { name: 'DECIMAL' as const, precision: 38, scale: 2 } }] }]]);
    expect(sqlRowLine('result', { window_start: '2020-04-15 08:00:00.000', total: 11 }, schemas)).toBe('{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 08:00:00.000","total":11.00}}');
  });

  it('prints a DECIMAL that rounds to zero without a sign, as Flink (a DECIMAL has no negative zero)', () => {
    const schemas = new Map([['result', { name: 'result', columns: [{ name: 'balance', type: { name: 'DECIMAL' as const, precision: 38, scale: 2 } }] }]]);
    const line = (balance: number) => sqlRowLine('result', { balance }, schemas);
    // 0.3 - 0.1 - 0.2 in doubles: toFixed(2) alone prints -0.00.
    expect(line(0.3 - 0.1 - 0.2)).toBe('{"sink":"result","op":"+I","value":{"balance":0.00}}');
    expect(line(-0.001)).toBe('{"sink":"result","op":"+I","value":{"balance":0.00}}');
    expect(line(-0)).toBe('{"sink":"result","op":"+I","value":{"balance":0.00}}');
    expect(line(-0.006)).toBe('{"sink":"result","op":"+I","value":{"balance":-0.01}}');
  });

  it('rounds a cast to DECIMAL half away from zero, as Flink: -0.005 is -0.01, -0.125 is -0.13, 1.005 is 1.01', async () => {
    const c = compileSql("CREATE TABLE t (x DECIMAL(10, 3)) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\nSELECT CAST(x AS DECIMAL(10, 2)) AS c FROM t;");
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const r = await runJob(c.job, { files: { 't.jsonl': '{"x":-0.005}\n{"x":-0.125}\n{"x":1.005}\n{"x":-0.004}\n{"x":0.125}\n' } });
    const schemas = new Map(c.sinks.map((s) => [s.name, s]));
    expect(r.results.map((x) => sqlRowLine(x.sink, x.value, schemas))).toEqual(['-0.01', '-0.13', '1.01', '0.00', '0.13'].map((v) => `{"sink":"result","op":"+I","value":{"c":${v}}}`));
  });

  it("turns the engine's lines into SQL lines, with the row kind the engine gave (+I when none)", () => {
    const schemas = [{ name: 'result', columns: [{ name: 'n', type: { name: 'BIGINT' as const } }] }];
    let printed = '';
    const write = sqlLineWriter(schemas, (t) => {
      printed += t;
    });
    const lines: string[] = [];
    const io = nodeIO('.', new Map(), (l) => lines.push(l));
    io.collect('result', 0, { n: 1 });
    io.collect('result', 0, { n: 1 }, RowKind.UPDATE_BEFORE);
    io.collect('result', 0, { n: 2 }, RowKind.UPDATE_AFTER);
    write(`${lines.join('\n')}\n`);
    expect(printed).toBe(['{"sink":"result","op":"+I","value":{"n":1}}', '{"sink":"result","op":"-U","value":{"n":1}}', '{"sink":"result","op":"+U","value":{"n":2}}', ''].join('\n'));
  });
});
