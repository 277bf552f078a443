/**
 * A join on top of a join with a time condition, as Flink 2.3 plans it: over a regular join the
 * rowtimes are materialized, so the bounds are a condition on each pair of a regular join (the
 * rows of test/flink/cases/join-time-condition-on-join.sql, Flink's); over an interval or temporal
 * join Flink keeps the rowtime and plans an interval / temporal join, which Eddy refuses. Also
 * timestamp ± INTERVAL in expressions, which such conditions need.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const table = (name: string, extra = '', key = '') => `CREATE TABLE ${name} (id INT, ts TIMESTAMP(3)${extra}, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND${key}) WITH ('connector' = 'filesystem', 'path' = '${name.toLowerCase()}.jsonl', 'format' = 'json');\n`;
const TABLES = table('A') + table('B') + table('C', ', v INT') + table('V', ', v INT', ', PRIMARY KEY (id) NOT ENFORCED');
const lines = (rows: Array<Record<string, unknown>>) => rows.map((r) => JSON.stringify(r)).join('\n');
const FILES = {
  'a.jsonl': lines([{ id: 1, ts: '2020-01-01 00:00:10' }, { id: 2, ts: '2020-01-01 00:00:20' }, { id: 3, ts: '2020-01-01 00:05:00' }]),
  'b.jsonl': lines([{ id: 1, ts: '2020-01-01 00:00:05' }, { id: 2, ts: '2020-01-01 00:00:15' }, { id: 3, ts: '2020-01-01 00:04:30' }]),
  'c.jsonl': lines([{ id: 1, ts: '2020-01-01 00:00:01', v: 10 }, { id: 2, ts: '2020-01-01 00:00:30', v: 20 }, { id: 3, ts: '2020-01-01 00:04:50', v: 30 }]),
};
const compiled = (sql: string) => {
  const c = compileSql(TABLES + sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
};
/** The table the changelog builds, sorted. */
const table_ = async (sql: string) => {
  const rows = new Map<string, number>();
  for (const r of (await runJob(compiled(sql).job, { files: FILES })).results) {
    const k = JSON.stringify(r.value);
    rows.set(k, (rows.get(k) ?? 0) + (r.op === '-U' || r.op === '-D' ? -1 : 1));
  }
  return [...rows].flatMap(([k, n]) => Array.from({ length: n }, () => k)).sort();
};
const BOUND = `C.ts BETWEEN A.ts - INTERVAL '1' MINUTE AND A.ts`;

describe('a time condition on top of a regular join', () => {
  it('is a regular join whose condition compares the materialized rowtimes (INNER: Flink\'s rows)', async () => {
    const sql = `SELECT A.id, C.v FROM A JOIN B ON A.id = B.id JOIN C ON A.id = C.id AND ${BOUND};`;
    expect(compiled(sql).job.nodes.filter((n) => n.kind.startsWith('join.')).map((n) => n.kind)).toEqual(['join.regular', 'join.regular']);
    expect(await table_(sql)).toEqual(['{"id":1,"v":10}', '{"id":3,"v":30}']);
  });

  it('LEFT JOIN: a changelog whose table is Flink\'s (id 2 padded, its C row outside the bounds)', async () => {
    expect(await table_(`SELECT A.id, C.v FROM A JOIN B ON A.id = B.id LEFT JOIN C ON A.id = C.id AND ${BOUND};`)).toEqual(['{"id":1,"v":10}', '{"id":2,"v":null}', '{"id":3,"v":30}']);
  });
});

describe('a time condition or FOR SYSTEM_TIME AS OF on top of an interval join', () => {
  it('is refused, naming what Flink plans there (an interval / temporal join on the rowtime it keeps)', () => {
    const interval = `SELECT A.id FROM A JOIN B ON A.id = B.id AND B.ts BETWEEN A.ts - INTERVAL '1' MINUTE AND A.ts`;
    const c = compileSql(`${TABLES}${interval} JOIN C ON A.id = C.id AND ${BOUND};
${interval} JOIN V FOR SYSTEM_TIME AS OF A.ts ON A.id = V.id;`);
    if (c.ok) throw new Error('expected errors');
    expect(c.errors.map((e) => e.message.replace(/ is not supported yet.*/, ''))).toEqual([
      'an interval join (time bounds on both rowtimes) on top of an interval or temporal join',
      'a temporal join (FOR SYSTEM_TIME AS OF) on top of an interval or temporal join',
    ]);
  });

  it('an equality-only join on top of an interval join stays a regular join', () => {
    const c = compiled(`SELECT A.id, C.v FROM A JOIN B ON A.id = B.id AND B.ts BETWEEN A.ts - INTERVAL '1' MINUTE AND A.ts JOIN C ON A.id = C.id;`);
    expect(c.job.nodes.filter((n) => n.kind.startsWith('join.')).map((n) => n.kind)).toEqual(['join.sqlInterval', 'join.regular']);
  });
});

describe('timestamp ± INTERVAL', () => {
  it('moves a TIMESTAMP by a day-time interval, in the select list and in WHERE', async () => {
    const sql = `SELECT id, ts - INTERVAL '1' MINUTE AS earlier, INTERVAL '90' SECOND + ts AS later FROM A WHERE ts + INTERVAL '4' MINUTE < CAST('2020-01-01 00:05:00' AS TIMESTAMP(3));`;
    expect(compiled(sql).sinks[0]!.columns.map((c) => `${c.name} ${c.type.name}`)).toEqual(['id INT', 'earlier TIMESTAMP', 'later TIMESTAMP']);
    expect((await runJob(compiled(sql).job, { files: FILES })).results.map((r) => r.value)).toEqual([
      { id: 1, earlier: '2019-12-31 23:59:10.000', later: '2020-01-01 00:01:40.000' },
      { id: 2, earlier: '2019-12-31 23:59:20.000', later: '2020-01-01 00:01:50.000' },
    ]);
  });

  it('refuses an INTERVAL added to anything but a timestamp', () => {
    const c = compileSql(`${TABLES}SELECT id + INTERVAL '1' SECOND AS x FROM A;`);
    if (c.ok) throw new Error('expected an error');
    expect(c.errors.map((e) => e.message)).toEqual(['an INTERVAL can only be added to or subtracted from a timestamp, but this is INT']);
  });
});
