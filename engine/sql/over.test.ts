import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const T = `CREATE TABLE t (ts TIMESTAMP(3), k STRING, v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');
`;
const row = (ts: string, k: string, v: number) => ({ ts: `2020-04-15 ${ts}`, k, v });

async function run(select: string, rows: object[]): Promise<unknown[]> {
  const c = compileSql(`${T}${select}`);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const r = await runJob(c.job, { files: { 't.jsonl': rows.map((x) => JSON.stringify(x)).join('\n') } });
  return r.results.map((x) => x.value);
}

const errorsOf = (select: string) => {
  const c = compileSql(`${T}${select}`);
  if (c.ok) throw new Error('expected errors');
  return c.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
};

describe('OVER aggregations', () => {
  it('compile to a keyBy on the partition columns and a keyed process function', () => {
    const c = compileSql(`${T}SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM t;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'watermarks', 'keyBy', 'process', 'sink.collect']);
    expect(c.job.nodes.find((n) => n.kind === 'process')!.name).toBe('OVER aggregation (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)');
    expect(c.sinks[0]!.columns).toEqual([{ name: 'k', type: { name: 'STRING' } }, { name: 's', type: { name: 'INT' } }]);
  });

  it('RANGE: emits rows in time order once the watermark passes them, peers with one value, late rows dropped', async () => {
    const out = await run(`SELECT v, SUM(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW) AS s FROM t;`, [
      row('08:00:00', 'a', 1),
      row('08:02:00', 'a', 2),
      row('08:01:30', 'a', 3), // behind the max but after the last fired timestamp: kept, in order
      row('08:02:00', 'a', 4), // a peer of v=2
      row('08:05:00', 'a', 5),
      row('08:01:00', 'a', 6), // at or before the last fired timestamp (08:02): late, dropped
    ]);
    expect(out).toEqual([
      { v: 1, s: 1 },
      { v: 3, s: 4 },
      { v: 2, s: 10 },
      { v: 4, s: 10 },
      { v: 5, s: 5 },
    ]);
  });

  it('ROWS: each row with the n rows emitted before it in its partition', async () => {
    const out = await run(`SELECT k, v, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);`, [
      row('08:00:00', 'a', 1),
      row('08:00:00', 'b', 10),
      row('08:01:00', 'a', 2),
      row('08:01:00', 'a', 3),
      row('08:03:00', 'b', 20),
    ]);
    expect(out).toEqual([
      { k: 'a', v: 1, s: 1 },
      { k: 'b', v: 10, s: 10 },
      { k: 'a', v: 2, s: 3 },
      { k: 'a', v: 3, s: 5 },
      { k: 'b', v: 20, s: 30 },
    ]);
  });

  it('UNBOUNDED PRECEDING (the default frame): running aggregates; a row at or behind the watermark is late', async () => {
    const out = await run(`SELECT v, COUNT(*) OVER (ORDER BY ts) AS n, MAX(v) OVER (ORDER BY ts) AS top FROM t;`, [
      row('08:00:00', 'a', 1),
      row('08:03:00', 'a', 2),
      row('08:01:00', 'a', 3), // behind the watermark (08:02): dropped
      row('08:02:30', 'b', 4),
      row('08:02:30', 'b', 5),
    ]);
    expect(out).toEqual([
      { v: 1, n: 1, top: 1 },
      { v: 4, n: 3, top: 5 },
      { v: 5, n: 3, top: 5 },
      { v: 2, n: 4, top: 5 },
    ]);
  });

  it('DISTINCT aggregates count each non-NULL value of the frame once (bounded ROWS, bounded RANGE, unbounded)', async () => {
    const rows = [row('08:00:00', 'a', 1), row('08:01:00', 'a', 1), row('08:02:00', 'a', 2), { ts: '2020-04-15 08:03:00', k: 'a', v: null }, row('08:04:00', 'a', 2), row('08:05:00', 'a', 3), row('08:30:00', 'a', 9)];
    expect(await run(`SELECT v, COUNT(DISTINCT v) OVER (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS n, SUM(DISTINCT v) OVER (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM t;`, rows)).toEqual([
      { v: 1, n: 1, s: 1 },
      { v: 1, n: 1, s: 1 },
      { v: 2, n: 2, s: 3 },
      { v: null, n: 2, s: 3 },
      { v: 2, n: 1, s: 2 },
      { v: 3, n: 2, s: 5 },
      { v: 9, n: 3, s: 14 },
    ]);
    expect(await run(`SELECT v, COUNT(DISTINCT v) OVER w AS n, AVG(DISTINCT v) OVER w AS a, COUNT(v) OVER w AS c FROM t WINDOW w AS (ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW);`, rows)).toEqual([
      { v: 1, n: 1, a: 1, c: 1 },
      { v: 1, n: 1, a: 1, c: 2 },
      { v: 2, n: 2, a: 1, c: 3 },
      { v: null, n: 2, a: 1, c: 2 },
      { v: 2, n: 1, a: 2, c: 2 },
      { v: 3, n: 2, a: 2, c: 2 },
      { v: 9, n: 1, a: 9, c: 1 },
    ]);
    expect((await run(`SELECT COUNT(DISTINCT v) OVER (ORDER BY ts) AS n FROM t;`, rows)).map((x) => (x as { n: number }).n)).toEqual([1, 1, 2, 2, 2, 3, 4]);
  });

  it('name what Flink refuses or Eddy does not run yet', () => {
    expect(errorsOf(`SELECT SUM(v) OVER (PARTITION BY k ORDER BY v) AS s FROM t;`)).toEqual([
      "4:45: OVER windows must be ordered by a time attribute (as in Flink's streaming mode): v is not t's rowtime; order by ts",
    ]);
    expect(errorsOf(`SELECT SUM(v) OVER (ORDER BY ts) AS s, COUNT(*) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM t;`)[0]).toMatch(/all OVER aggregates of a query must use the same window/);
    expect(errorsOf(`SELECT SUM(v) OVER w2 AS s FROM t WINDOW w AS (ORDER BY ts);`)).toEqual(['4:20: unknown window w2; define it in a WINDOW clause: WINDOW w AS (PARTITION BY … ORDER BY …)']);
    expect(errorsOf(`SELECT SUM(v) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM t;`)).toEqual([
      '4:62: 1 FOLLOWING: an OVER window must end at CURRENT ROW in Flink\'s streaming mode; Flink refuses it with "OVER RANGE FOLLOWING windows are not supported yet."',
    ]);
    expect(errorsOf(`SELECT k, COUNT(*) OVER w AS n FROM t WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);`)[0]).toMatch(
      /^4:\d+: UNBOUNDED FOLLOWING: an OVER window must end at CURRENT ROW/,
    );
  });
});
