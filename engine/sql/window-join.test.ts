import { describe, expect, it } from 'vitest';
import { ConnectOperator } from '../operators/connect.js';
import { OperatorHarness } from '../operators/harness.js';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';
import { sqlRowLine } from './output.js';

const TABLES = `CREATE TABLE LeftTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'left.jsonl', 'format' = 'json');
CREATE TABLE RightTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'right.jsonl', 'format' = 'json');
CREATE TABLE Plain (num INT, id STRING) WITH ('connector' = 'filesystem', 'path' = 'left.jsonl', 'format' = 'json');
`;

const side = (name: string, tvf = 'TUMBLE', intervals = "INTERVAL '5' MINUTES") => `(SELECT * FROM TABLE(${tvf}(TABLE ${name}, DESCRIPTOR(row_time), ${intervals})))`;

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

// Flink's docs, window-join.md "INNER/LEFT/RIGHT/FULL OUTER": LeftTable and RightTable.
const LEFT = `{"row_time":"2020-04-15 12:02:00","num":1,"id":"L1"}
{"row_time":"2020-04-15 12:06:00","num":2,"id":"L2"}
{"row_time":"2020-04-15 12:03:00","num":3,"id":"L3"}
`;
const RIGHT = `{"row_time":"2020-04-15 12:01:00","num":2,"id":"R2"}
{"row_time":"2020-04-15 12:04:00","num":3,"id":"R3"}
{"row_time":"2020-04-15 12:05:00","num":4,"id":"R4"}
`;
const DOCS_QUERY = `SELECT L.num as L_Num, L.id as L_Id, R.num as R_Num, R.id as R_Id,
  COALESCE(L.window_start, R.window_start) as window_start, COALESCE(L.window_end, R.window_end) as window_end
FROM ${side('LeftTable')} L FULL JOIN ${side('RightTable')} R
ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end;`;

async function run(sql: string, parallelism: number): Promise<string[]> {
  const c = compiled(sql);
  const schemas = new Map(c.sinks.map((s) => [s.name, s]));
  const r = await runJob(c.job, { files: { 'left.jsonl': LEFT, 'right.jsonl': RIGHT }, parallelism });
  return r.results.map((x) => sqlRowLine(x.sink, x.value, schemas, x.op)).sort();
}

const line = (lNum: number | null, lId: string | null, rNum: number | null, rId: string | null, start: string, end: string) =>
  JSON.stringify({ sink: 'result', op: '+I', value: { L_Num: lNum, L_Id: lId, R_Num: rNum, R_Id: rId, window_start: `2020-04-15 ${start}:00.000`, window_end: `2020-04-15 ${end}:00.000` } });

describe('window joins compile', () => {
  it('two window TVF subqueries joined ON window_start and window_end equalities are a keyed window join on the other equi-keys', () => {
    const c = compiled(DOCS_QUERY);
    const join = c.job.nodes.find((n) => n.id === 'window_join')!;
    expect(join.kind).toBe('connect');
    expect(join.name).toContain('FULL JOIN L, R ON num = num');
    const keyBys = c.job.edges.filter((e) => e.to === join.id).map((e) => [c.job.nodes.find((n) => n.id === e.from)!.kind, e.toPort]);
    expect(keyBys).toEqual([
      ['keyBy', 'in1'],
      ['keyBy', 'in2'],
    ]);
    expect(c.sinks[0]!.columns.map((x) => `${x.name} ${x.type.name}`)).toEqual(['L_Num INT', 'L_Id STRING', 'R_Num INT', 'R_Id STRING', 'window_start TIMESTAMP', 'window_end TIMESTAMP']);
  });

  it('SELECT * of a window join has both sides\' columns, window columns included, the right ones renamed as Flink does', () => {
    const c = compiled(`SELECT * FROM ${side('LeftTable')} L JOIN ${side('RightTable')} R ON L.window_start = R.window_start AND L.window_end = R.window_end;`);
    expect(c.sinks[0]!.columns.map((x) => x.name)).toEqual(['row_time', 'num', 'id', 'window_start', 'window_end', 'window_time', 'row_time0', 'num0', 'id0', 'window_start0', 'window_end0', 'window_time0']);
  });

  it('refuses what Flink refuses, naming it', () => {
    const errors = errorsOf(`SELECT * FROM ${side('LeftTable')} L JOIN ${side('RightTable', 'HOP', "INTERVAL '5' MINUTES, INTERVAL '10' MINUTES")} R ON L.window_start = R.window_start AND L.window_end = R.window_end;
SELECT * FROM ${side('LeftTable')} L JOIN ${side('RightTable')} R ON L.num = R.num AND L.window_start = R.window_start;
SELECT * FROM ${side('LeftTable')} L JOIN Plain p ON L.num = p.num;
SELECT * FROM (SELECT * FROM TABLE(SESSION(TABLE LeftTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) L JOIN (SELECT * FROM TABLE(SESSION(TABLE RightTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) R ON L.window_start = R.window_start AND L.window_end = R.window_end;`);
    expect(errors.map((e) => `${e.line}:${e.message.replace(/[;(].*/, '').trim()}`)).toEqual([
      '8:a window join needs the same window TVF on both sides',
      '9:a join of two window TVFs needs L.window_start = R.window_start AND L.window_end = R.window_end in its ON',
      '10:a window TVF joined with a table that is not one is not supported yet',
      '11:a window join over SESSION windows is not supported',
    ]);
  });
});

describe('window joins run', () => {
  for (const parallelism of [1, 2]) {
    it(`window-join.md "INNER/LEFT/RIGHT/FULL OUTER" — the FULL OUTER window join of Flink's docs, inline at p${parallelism}`, async () => {
      expect(await run(DOCS_QUERY, parallelism)).toEqual(
        [
          line(1, 'L1', null, null, '12:00', '12:05'),
          line(null, null, 2, 'R2', '12:00', '12:05'),
          line(3, 'L3', 3, 'R3', '12:00', '12:05'),
          line(2, 'L2', null, null, '12:05', '12:10'),
          line(null, null, 4, 'R4', '12:05', '12:10'),
        ].sort(),
      );
    });
  }

  it('INNER, LEFT and RIGHT keep the matched pairs and pad only their outer side', async () => {
    const q = (type: string) => `SELECT L.id AS l, R.id AS r FROM ${side('LeftTable')} L ${type} JOIN ${side('RightTable')} R ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end;`;
    const ids = async (type: string) => (await run(q(type), 1)).map((l) => JSON.parse(l).value).map((v: { l: string | null; r: string | null }) => `${v.l}-${v.r}`).sort();
    expect(await ids('')).toEqual(['L3-R3']);
    expect(await ids('LEFT')).toEqual(['L1-null', 'L2-null', 'L3-R3']);
    expect(await ids('RIGHT')).toEqual(['L3-R3', 'null-R2', 'null-R4']);
  });
});

describe("the window join operator (Flink's WindowJoinOperator, in a keyed connect)", () => {
  const MIN = 60_000;
  const t = (minutes: number) => Date.UTC(2020, 3, 15, 12, 0) + minutes * MIN;
  const harness = (sql: string) => {
    const c = compiled(sql);
    const node = c.job.nodes.find((n) => n.id === 'window_join')!;
    return new OperatorHarness(new ConnectOperator(), { params: node.params, keys: ['num', 'num'] });
  };
  const HOP = `SELECT L.id AS l, R.id AS r FROM ${side('LeftTable', 'HOP', "INTERVAL '5' MINUTES, INTERVAL '10' MINUTES")} L LEFT JOIN ${side('RightTable', 'HOP', "INTERVAL '5' MINUTES, INTERVAL '10' MINUTES")} R ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end;`;
  const row = (minutes: number | null, num: number, id: string) => ({ num, id, $rowtime: minutes === null ? null : t(minutes) });
  const pairs = (h: OperatorHarness) => (h.records() as Array<{ left: { id: string; window_end: number } | null; right: { id: string } | null }>).map((j) => `${j.left?.id ?? null}-${j.right?.id ?? null}@${((j.left?.window_end ?? 0) - t(0)) / MIN}`);

  it('emits a window when the watermark reaches its end − 1, not before', () => {
    const h = harness(HOP);
    h.processElement(row(2, 1, 'L1'), t(2), 0).processElement(row(3, 1, 'R1'), t(3), 1);
    h.processWatermark(t(5) - 2);
    expect(pairs(h)).toEqual([]);
    h.processWatermark(t(5) - 1);
    expect(pairs(h)).toEqual(['L1-R1@5']);
    h.processWatermark(t(10) - 1);
    expect(pairs(h)).toEqual(['L1-R1@5', 'L1-R1@10']);
  });

  it('drops a row for each of its windows that has fired and keeps it for the others (a HOP row late for one window only)', () => {
    const h = harness(HOP);
    h.processWatermark(t(5) - 1);
    // 12:04 lies in [11:55, 12:05) — fired — and [12:00, 12:10) — still open.
    h.processElement(row(4, 1, 'L1'), t(4), 0);
    h.processWatermark(t(20));
    expect(pairs(h)).toEqual(['L1-null@10']);
  });

  it('drops rows with a NULL rowtime, as the window TVF does', () => {
    const h = harness(HOP);
    h.processElement(row(null, 1, 'L1'), 0, 0).processWatermark(t(60));
    expect(pairs(h)).toEqual([]);
  });

  it('keeps its rows in keyed state: a restore mid-window gives the same results', () => {
    const h = harness(HOP);
    h.processElement(row(2, 1, 'L1'), t(2), 0).processElement(row(8, 1, 'R1'), t(8), 1).processWatermark(t(5) - 1);
    const snapshot = h.snapshot();
    const restored = harness(HOP).restore(snapshot);
    restored.processWatermark(t(20));
    expect(pairs(restored)).toEqual(['L1-R1@10']);
  });
});
