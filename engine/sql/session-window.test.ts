import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';
import { parseSql } from './parse.js';

const T = `CREATE TABLE t (ts TIMESTAMP(3), k STRING, v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');
`;
const SESSION = `SELECT window_start, window_end, k, SUM(v) AS total
FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
GROUP BY k, window_start, window_end;`;

describe('the SESSION window TVF', () => {
  it('parses with the extended grammar (dt-sql-parser 4.5.1 lacks it), PARTITION BY one column or a list', () => {
    expect(parseSql(`${T}${SESSION}`).ok).toBe(true);
    expect(parseSql(`${T}SELECT window_start, COUNT(*) FROM TABLE(SESSION(TABLE t PARTITION BY (k, v), DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, v, window_start, window_end;`).ok).toBe(true);
  });

  it('still reports the syntax errors of other statements, in dt-sql-parser\'s words, and none for the SESSION one', () => {
    const r = parseSql(`${T}${SESSION}\nSELEC k FROM t;`);
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[7, 1]]);
    expect(r.errors[0]!.message).toMatch(/'SELEC' is not valid at this position/);
  });

  it('compiles to a keyBy on the PARTITION BY columns and a window node with an event-time session assigner', () => {
    const c = compileSql(`${T}${SESSION}`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'watermarks', 'keyBy', 'window', 'sink.collect']);
    expect((c.job.nodes.find((n) => n.kind === 'window')!.params as { assigner: unknown }).assigner).toEqual({ type: 'session', gapMs: 300_000, time: 'event' });
  });

  it('merges rows closer than the gap into [first, last + gap) per key (a row can bridge into an open session), drops a row whose session fired', async () => {
    const c = compileSql(`${T}${SESSION}`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const rows = [
      { ts: '2020-04-15 08:00:00', k: 'a', v: 1 },
      { ts: '2020-04-15 08:03:00', k: 'a', v: 2 },
      { ts: '2020-04-15 08:02:00', k: 'b', v: 10 },
      { ts: '2020-04-15 08:12:00', k: 'a', v: 3 },
      { ts: '2020-04-15 08:07:30', k: 'a', v: 5 }, // [08:07:30, 08:12:30) bridges into the open session from 08:12
      { ts: '2020-04-15 08:01:00', k: 'a', v: 100 }, // [08:01, 08:06): its session has fired, dropped
    ];
    const r = await runJob(c.job, { files: { 't.jsonl': rows.map((x) => JSON.stringify(x)).join('\n') } });
    expect(r.results.map((x) => x.value)).toEqual([
      { window_start: '2020-04-15 08:02:00.000', window_end: '2020-04-15 08:07:00.000', k: 'b', total: 10 },
      { window_start: '2020-04-15 08:00:00.000', window_end: '2020-04-15 08:08:00.000', k: 'a', total: 3 },
      { window_start: '2020-04-15 08:07:30.000', window_end: '2020-04-15 08:17:00.000', k: 'a', total: 8 },
    ]);
  });

  it('needs GROUP BY its PARTITION BY columns', () => {
    const c = compileSql(`${T}SELECT window_start, SUM(v) FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end;`);
    if (c.ok) throw new Error('expected errors');
    expect(c.errors[0]!.message).toBe('a SESSION window must GROUP BY window_start, window_end and exactly its PARTITION BY columns (k); grouped by none is not supported yet');
  });
});
