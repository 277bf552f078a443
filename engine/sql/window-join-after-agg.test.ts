import { describe, expect, it } from 'vitest';
import { ConnectOperator } from '../operators/connect.js';
import { OperatorHarness } from '../operators/harness.js';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';
import { sqlRowLine } from './output.js';

// Window joins after window aggregations (window-join.md: the window_start / window_end of a window
// aggregation propagate, and Flink plans a WindowJoin of two such inputs, not a regular join).
const TABLES = `CREATE TABLE Bids (ts TIMESTAMP(3), item STRING, price INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.jsonl', 'format' = 'json');
CREATE TABLE Asks (ts TIMESTAMP(3), item STRING, ask INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'asks.jsonl', 'format' = 'json');
CREATE TABLE Plain (item STRING, ask INT) WITH ('connector' = 'filesystem', 'path' = 'asks.jsonl', 'format' = 'json');
`;
const agg = (table: string, tvf = "TUMBLE(TABLE T, DESCRIPTOR(ts), INTERVAL '5' MINUTES)") =>
  `(SELECT window_start, window_end, item, COUNT(*) AS n FROM TABLE(${tvf.replace('TABLE T', `TABLE ${table}`)}) GROUP BY window_start, window_end, item)`;
const VIEWS = `CREATE VIEW bid_counts AS SELECT window_start, window_end, item, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end, item;
CREATE VIEW ask_counts AS SELECT window_start, window_end, item, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end, item;
`;
const ON = 'ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.item = a.item';
const FULL = `SELECT b.item AS b_item, a.item AS a_item, b.n AS bids, a.n AS asks, COALESCE(b.window_start, a.window_start) AS window_start
FROM ${agg('Bids')} b FULL JOIN ${agg('Asks')} a ${ON};`;

const compiled = (sql: string) => {
  const c = compileSql(TABLES + sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
};
const kinds = (sql: string) => compiled(sql).job.nodes.map((n) => (n.id.startsWith('window_join') ? 'window join' : n.kind)).filter((k) => k === 'window join' || k.startsWith('join.'));

const BIDS = `{"ts":"2020-04-15 08:01:00","item":"A","price":4}
{"ts":"2020-04-15 08:03:00","item":"B","price":2}
{"ts":"2020-04-15 08:07:00","item":"A","price":5}
{"ts":"2020-04-15 08:17:00","item":null,"price":6}
`;
const ASKS = `{"ts":"2020-04-15 08:02:00","item":"A","ask":3}
{"ts":"2020-04-15 08:04:00","item":"A","ask":4}
{"ts":"2020-04-15 08:06:00","item":"B","ask":2}
{"ts":"2020-04-15 08:16:00","item":null,"ask":5}
`;

async function run(sql: string, parallelism: number): Promise<string[]> {
  const c = compiled(sql);
  const schemas = new Map(c.sinks.map((s) => [s.name, s]));
  const r = await runJob(c.job, { files: { 'bids.jsonl': BIDS, 'asks.jsonl': ASKS }, parallelism });
  return r.results.map((x) => sqlRowLine(x.sink, x.value, schemas, x.op)).sort();
}

describe('a join of window aggregations plans as Flink plans it', () => {
  it('is a window join when both sides are window aggregations (subqueries or views) with the same windows, equated on window_start and window_end', () => {
    expect(kinds(FULL)).toEqual(['window join']);
    expect(kinds(`${VIEWS}SELECT b.item, b.n, a.n FROM bid_counts b JOIN ask_counts a ${ON};`)).toEqual(['window join']);
    // A window TVF on one side, a window aggregation on the other.
    expect(kinds(`SELECT b.item, a.ask FROM ${agg('Bids')} b LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) a ${ON};`)).toEqual(['window join']);
  });

  it('is a regular join (a changelog) otherwise, as in Flink 2.3: one window equality, different windows, or a side without windows', () => {
    expect(kinds(`SELECT b.item FROM ${agg('Bids')} b FULL JOIN ${agg('Asks')} a ON b.window_start = a.window_start AND b.item = a.item;`)).toEqual(['join.regular']);
    expect(kinds(`SELECT b.item FROM ${agg('Bids')} b FULL JOIN ${agg('Asks', "CUMULATE(TABLE T, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)")} a ${ON};`)).toEqual(['join.regular']);
    expect(kinds(`${VIEWS}SELECT b.item FROM bid_counts b JOIN Plain a ON b.item = a.item;`)).toEqual(['join.regular']);
  });
});

describe('a window join of SESSION window aggregations (Flink 2.3 plans a window join there too)', () => {
  const session = (t: string) => `(SELECT window_start, window_end, COUNT(*) AS n FROM TABLE(SESSION(TABLE ${t}, DESCRIPTOR(ts), INTERVAL '2' MINUTES)) GROUP BY window_start, window_end)`;
  const SQL = `SELECT b.window_start, b.window_end, b.n AS bids, a.n AS asks FROM ${session('Bids')} b LEFT JOIN ${session('Asks')} a ON b.window_start = a.window_start AND b.window_end = a.window_end;`;
  it('is a window join', () => {
    expect(kinds(SQL)).toEqual(['window join']);
  });

  it('pairs sessions with the same window_start and window_end only: a session sharing just its end is padded, once', async () => {
    const bids = ['08:00', '08:01', '08:10'].map((m) => `{"ts":"2020-04-15 ${m}:00","item":"A","price":1}`).join('\n');
    const asks = ['08:00', '08:01', '08:09', '08:10'].map((m) => `{"ts":"2020-04-15 ${m}:00","item":"A","ask":1}`).join('\n');
    const c = compiled(SQL);
    const r = await runJob(c.job, { files: { 'bids.jsonl': bids, 'asks.jsonl': asks } });
    // Bids' session [08:10, 08:12) and asks' [08:09, 08:12) share only their end; [08:00, 08:03) is on both sides.
    expect(r.results.map((x) => `${x.op ?? '+I'} ${JSON.stringify(x.value)}`).sort()).toEqual([
      '+I {"window_start":"2020-04-15 08:00:00.000","window_end":"2020-04-15 08:03:00.000","bids":2,"asks":2}',
      '+I {"window_start":"2020-04-15 08:10:00.000","window_end":"2020-04-15 08:12:00.000","bids":1,"asks":null}',
    ]);
  });
});

describe('a FULL OUTER window join of window aggregations runs', () => {
  const row = (b: string | null, a: string | null, bids: number | null, asks: number | null, start: string) =>
    JSON.stringify({ sink: 'result', op: '+I', value: { b_item: b, a_item: a, bids, asks, window_start: `2020-04-15 ${start}:00.000` } });
  for (const parallelism of [1, 2]) {
    it(`emits each window's pairs and padded rows once, append-only (no padded row retracted), at p${parallelism}`, async () => {
      expect(await run(FULL, parallelism)).toEqual(
        [row('A', 'A', 1, 2, '08:00'), row('B', null, 1, null, '08:00'), row('A', null, 1, null, '08:05'), row(null, 'B', null, 1, '08:05'), row(null, null, 1, null, '08:15'), row(null, null, null, 1, '08:15')].sort(),
      );
    });
  }
});

describe('the window join operator on window-aggregated rows (their window is their own window_start / window_end)', () => {
  const MIN = 60_000;
  const t = (minutes: number) => Date.UTC(2020, 3, 15, 8, 0) + minutes * MIN;
  const harness = () => {
    const node = compiled(FULL).job.nodes.find((n) => n.id === 'window_join')!;
    return new OperatorHarness(new ConnectOperator(), { params: node.params, keys: ['item', 'item'] });
  };
  // A view's rows hold epoch ms, a subquery's the printed timestamp: both are read.
  const row = (item: string, n: number, start: number, printed = false) => {
    const ms = [t(start), t(start + 5)];
    const [window_start, window_end] = printed ? ms.map((x) => new Date(x).toISOString().replace('T', ' ').replace('Z', '')) : ms;
    return { window_start, window_end, item, n };
  };
  const pairs = (h: OperatorHarness) => (h.records() as Array<{ left: { n: number; window_end: number } | null; right: { n: number; window_end: number } | null }>).map((j) => `${j.left?.n ?? null}-${j.right?.n ?? null}@${((j.left ?? j.right)!.window_end - t(0)) / MIN}`);

  it("joins a window's rows when the watermark reaches its end − 1, then forgets them", () => {
    const h = harness();
    h.processElement(row('A', 1, 0), t(5) - 1, 0).processElement(row('A', 2, 0, true), t(5) - 1, 1);
    h.processWatermark(t(5) - 2);
    expect(pairs(h)).toEqual([]);
    h.processWatermark(t(5) - 1);
    expect(pairs(h)).toEqual(['1-2@5']);
    h.processWatermark(t(20));
    expect(pairs(h)).toEqual(['1-2@5']);
  });

  it('drops a row whose window has fired, as Flink drops a late row (no late output)', () => {
    const h = harness();
    h.processElement(row('A', 1, 0), t(5) - 1, 0).processWatermark(t(5) - 1);
    h.processElement(row('A', 2, 0), t(5) - 1, 1).processWatermark(t(20));
    expect(pairs(h)).toEqual(['1-null@5']);
  });
});
