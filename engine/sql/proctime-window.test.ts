/**
 * Processing-time window TVFs (TUMBLE / HOP on a `proc AS PROCTIME()` column): the window node
 * with a processing-time assigner, so windows fire on the clock. Run with the virtual clock
 * (starting at 0), a datagen table at one row a second gives each window the rows that arrived
 * in it; a window still open when the input ends never fires (Flink's does not either: on a
 * bounded file it prints nothing — test/flink/cases/proctime-window.sql).
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const ORDERS = `CREATE TABLE Orders (product INT, order_time TIMESTAMP(3), proc AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen', 'number-of-rows' = '7', 'rows-per-second' = '1', 'fields.product.min' = '1', 'fields.product.max' = '2');
`;
const compiled = (sql: string) => {
  const c = compileSql(ORDERS + sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
};
const rows = async (sql: string) => (await runJob(compiled(sql).job, {})).results.map((r) => r.value as Record<string, unknown>);

describe('processing-time window TVFs', () => {
  it('TUMBLE on PROCTIME(): a processing-time tumbling window; rows arriving at 0 s … 6 s fill [0 s, 2 s), [2 s, 4 s), [4 s, 6 s), and [6 s, 8 s) is still open when the input ends', async () => {
    const sql = `SELECT window_start, window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(proc), INTERVAL '2' SECOND)) GROUP BY window_start, window_end;`;
    expect(compiled(sql).job.nodes.find((n) => n.kind === 'window')!.params).toMatchObject({ assigner: { type: 'tumbling', sizeMs: 2000, offsetMs: 0, time: 'processing' } });
    expect(await rows(sql)).toEqual([
      { window_start: '1970-01-01 00:00:00.000', window_end: '1970-01-01 00:00:02.000', n: 2 },
      { window_start: '1970-01-01 00:00:02.000', window_end: '1970-01-01 00:00:04.000', n: 2 },
      { window_start: '1970-01-01 00:00:04.000', window_end: '1970-01-01 00:00:06.000', n: 2 },
    ]);
  });

  it('HOP on PROCTIME() with a key: each sliding window that closed before the input ended, per product', async () => {
    const sql = `SELECT window_start, product, COUNT(*) AS n FROM TABLE(HOP(TABLE Orders, DESCRIPTOR(proc), INTERVAL '2' SECOND, INTERVAL '4' SECOND)) GROUP BY window_start, window_end, product;`;
    expect(compiled(sql).job.nodes.find((n) => n.kind === 'window')!.params).toMatchObject({ assigner: { type: 'sliding', sizeMs: 4000, slideMs: 2000, time: 'processing' } });
    const out = await rows(sql);
    // Windows [−2 s, 2 s), [0 s, 4 s), [2 s, 6 s) close by 6 s; each holds the rows of its seconds.
    const total = new Map<string, number>();
    for (const r of out) total.set(r.window_start as string, (total.get(r.window_start as string) ?? 0) + (r.n as number));
    expect([...total]).toEqual([
      ['1969-12-31 23:59:58.000', 2],
      ['1970-01-01 00:00:00.000', 4],
      ['1970-01-01 00:00:02.000', 4],
    ]);
  });

  it('a selected PROCTIME() column is the job clock\'s time (the virtual clock here), not the wall clock: rows read at 0 s … 6 s', async () => {
    const c = compiled('SELECT product, proc FROM Orders;');
    // The scan reads the task's processing-time service through a process function's ctx.
    expect(c.job.nodes.find((n) => n.id === 'Orders_rows')!.kind).toBe('process');
    expect((await rows('SELECT proc FROM Orders;')).map((r) => r.proc)).toEqual([0, 1, 2, 3, 4, 5, 6].map((s) => `1970-01-01 00:00:0${s}.000`));
  });

  it('each row\'s PROCTIME() lies in the processing-time window it is counted in (the same clock)', async () => {
    const sql = `SELECT window_start, window_end, MIN(proc) AS first_proc, MAX(proc) AS last_proc, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(proc), INTERVAL '2' SECOND)) GROUP BY window_start, window_end;`;
    expect(await rows(sql)).toEqual([
      { window_start: '1970-01-01 00:00:00.000', window_end: '1970-01-01 00:00:02.000', first_proc: '1970-01-01 00:00:00.000', last_proc: '1970-01-01 00:00:01.000', n: 2 },
      { window_start: '1970-01-01 00:00:02.000', window_end: '1970-01-01 00:00:04.000', first_proc: '1970-01-01 00:00:02.000', last_proc: '1970-01-01 00:00:03.000', n: 2 },
      { window_start: '1970-01-01 00:00:04.000', window_end: '1970-01-01 00:00:06.000', first_proc: '1970-01-01 00:00:04.000', last_proc: '1970-01-01 00:00:05.000', n: 2 },
    ]);
  });

  it('a table without PROCTIME() keeps a plain map for its rows; PROCTIME() outside a computed column is refused, naming it', () => {
    const plain = compileSql(`CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\nSELECT a FROM t;`);
    if (!plain.ok) throw new Error(JSON.stringify(plain.errors));
    expect(plain.job.nodes.find((n) => n.id === 't_rows')!.kind).toBe('map');
    const c = compileSql(`${ORDERS}SELECT product, PROCTIME() AS now FROM Orders;`);
    if (c.ok) throw new Error('expected an error');
    expect(c.errors.map((e) => e.message)).toEqual(['PROCTIME() is supported only as a computed column of a table yet (proc AS PROCTIME() in CREATE TABLE); select that column']);
  });

  it('refuses what it cannot run on processing time, naming the column', () => {
    const c = compileSql(`${ORDERS}SELECT window_time, COUNT(*) FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(proc), INTERVAL '2' SECOND)) GROUP BY window_start, window_end, window_time;
SELECT window_start, COUNT(*) FROM TABLE(CUMULATE(TABLE Orders, DESCRIPTOR(proc), INTERVAL '1' SECOND, INTERVAL '2' SECOND)) GROUP BY window_start, window_end;
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY product) AS rownum FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(proc), INTERVAL '2' SECOND))) WHERE rownum <= 1;`);
    if (c.ok) throw new Error('expected errors');
    expect(c.errors.map((e) => e.message)).toEqual([
      'window_time of a processing-time TUMBLE window is not supported yet; select window_start and window_end',
      "CUMULATE on processing time is not supported yet: proc is table Orders's processing-time attribute (proc AS PROCTIME()); Eddy runs processing-time TUMBLE and HOP window aggregations only; Orders's event-time attribute is order_time",
      "TUMBLE on processing time under a Window Top-N or window join is not supported yet: proc is table Orders's processing-time attribute (proc AS PROCTIME()); Eddy runs processing-time TUMBLE and HOP window aggregations only; Orders's event-time attribute is order_time",
    ]);
    for (const e of c.errors) expect(e.message).not.toMatch(/WATERMARK/);
  });
});
