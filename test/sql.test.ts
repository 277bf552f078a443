/**
 * Flink SQL scripts give Flink's results: the Bid table and results transcribed from Flink's
 * docs (docs/content/docs/dev/table/sql/queries/window-tvf.md and window-agg.md), inline and in
 * worker slots at parallelism 1 and 2; and every SQL example prints its recorded output from the CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { runJob } from '../engine/run-job.js';
import { compileSql } from '../engine/sql/compile.js';
import { sqlRowLine } from '../engine/sql/output.js';

// Flink's docs, window-agg.md "Windowing TVFs": SELECT * FROM Bid.
const BID_ROWS = `{"bidtime":"2020-04-15 08:05:00","price":4.00,"item":"C","supplier_id":"supplier1"}
{"bidtime":"2020-04-15 08:07:00","price":2.00,"item":"A","supplier_id":"supplier1"}
{"bidtime":"2020-04-15 08:09:00","price":5.00,"item":"D","supplier_id":"supplier2"}
{"bidtime":"2020-04-15 08:11:00","price":3.00,"item":"B","supplier_id":"supplier2"}
{"bidtime":"2020-04-15 08:13:00","price":1.00,"item":"E","supplier_id":"supplier1"}
{"bidtime":"2020-04-15 08:17:00","price":6.00,"item":"F","supplier_id":"supplier2"}
`;

const BID = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;

const row = (start: string, end: string, price: string) => `{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 ${start}:00.000","window_end":"2020-04-15 ${end}:00.000","EXPR$2":${price}}}`;

// Flink's docs, window-topn.md and window-deduplication.md: their Bid table (9 bids).
const BID_TOPN_ROWS = [
  ['08:05', '4.00', 'A', 'supplier1'],
  ['08:06', '4.00', 'C', 'supplier2'],
  ['08:07', '2.00', 'G', 'supplier1'],
  ['08:08', '2.00', 'B', 'supplier3'],
  ['08:09', '5.00', 'D', 'supplier4'],
  ['08:11', '2.00', 'B', 'supplier3'],
  ['08:13', '1.00', 'E', 'supplier1'],
  ['08:15', '3.00', 'H', 'supplier2'],
  ['08:17', '6.00', 'F', 'supplier5'],
]
  .map(([t, p, i, s]) => `{"bidtime":"2020-04-15 ${t}:00","price":${p},"item":"${i}","supplier_id":"${s}"}\n`)
  .join('');

async function run(sql: string, parallelism: number, workers: boolean, rows = BID_ROWS): Promise<string[]> {
  const c = compileSql(sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const schemas = new Map(c.sinks.map((s) => [s.name, s]));
  const r = await runJob(c.job, { files: { 'bid.jsonl': rows }, parallelism, ...(workers ? { spawner: nodeSlotSpawner } : {}) });
  return r.results.map((x) => sqlRowLine(x.sink, x.value, schemas, x.op)).sort();
}

const HOSTS = [
  { parallelism: 1, workers: false },
  { parallelism: 2, workers: false },
  { parallelism: 1, workers: true },
  { parallelism: 2, workers: true },
];

/** Changelog lines `{"sink":"result","op":…,"value":…}`. */
const change = (op: string, value: Record<string, string | number>) =>
  `{"sink":"result","op":"${op}","value":{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'string' && !/^\d/.test(v) ? JSON.stringify(v) : v}`).join(',')}}}`;

describe('non-windowed GROUP BY: a changelog (+I, then -U/+U pairs), as Flink\'s GroupAggFunction', () => {
  const CLICKS = `CREATE TABLE clicks (\`user\` STRING, url STRING) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');\n`;
  const CLICK_ROWS = ['Mary,./home', 'Bob,./cart', 'Mary,./prod?id=1', 'Liz,./home'].map((l) => JSON.stringify({ user: l.split(',')[0], url: l.split(',')[1] })).join('\n') + '\n';

  it('dynamic_tables.md "Continuous Queries" — SELECT user, COUNT(url) AS cnt FROM clicks GROUP BY user, in the order Flink emits it', async () => {
    const c = compileSql(`${CLICKS}SELECT \`user\`, COUNT(url) AS cnt FROM clicks GROUP BY \`user\`;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const schemas = new Map(c.sinks.map((s) => [s.name, s]));
    const r = await runJob(c.job, { files: { 'clicks.jsonl': CLICK_ROWS } });
    expect(r.results.map((x) => sqlRowLine(x.sink, x.value, schemas, x.op))).toEqual([
      change('+I', { user: 'Mary', cnt: 1 }),
      change('+I', { user: 'Bob', cnt: 1 }),
      change('-U', { user: 'Mary', cnt: 1 }),
      change('+U', { user: 'Mary', cnt: 2 }),
      change('+I', { user: 'Liz', cnt: 1 }),
    ]);
  });

  for (const h of [...HOSTS, { parallelism: 3, workers: true }]) {
    const where = `${h.workers ? 'workers' : 'inline'} at p${h.parallelism}`;
    it(`COUNT(*), SUM, MAX per supplier on the Bid table, ${where}`, async () => {
      const sql = `${BID}SELECT supplier_id, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top FROM Bid GROUP BY supplier_id;`;
      const s = (op: string, sup: string, bids: number, total: string, top: string) => change(op, { supplier_id: sup, bids, total, top });
      expect(await run(sql, h.parallelism, h.workers)).toEqual(
        [
          s('+I', 'supplier1', 1, '4.00', '4.00'),
          s('-U', 'supplier1', 1, '4.00', '4.00'),
          s('+U', 'supplier1', 2, '6.00', '4.00'),
          s('-U', 'supplier1', 2, '6.00', '4.00'),
          s('+U', 'supplier1', 3, '7.00', '4.00'),
          s('+I', 'supplier2', 1, '5.00', '5.00'),
          s('-U', 'supplier2', 1, '5.00', '5.00'),
          s('+U', 'supplier2', 2, '8.00', '5.00'),
          s('-U', 'supplier2', 2, '8.00', '5.00'),
          s('+U', 'supplier2', 3, '14.00', '6.00'),
        ].sort(),
      );
    });

    it(`a global aggregate with HAVING filters each change on its own (a +U without its -U when the group starts to qualify), ${where}`, async () => {
      const sql = `${BID}SELECT COUNT(*) AS bids, COUNT(DISTINCT supplier_id) AS suppliers FROM Bid HAVING SUM(price) > 10;`;
      const b = (op: string, bids: number, suppliers = 2) => change(op, { bids, suppliers });
      expect(await run(sql, h.parallelism, h.workers)).toEqual([b('+U', 3), b('-U', 3), b('+U', 4), b('-U', 4), b('+U', 5), b('-U', 5), b('+U', 6)].sort());
    });
  }
});

describe("Flink's window TVF docs on the Bid table", () => {
  for (const h of HOSTS) {
    const where = `${h.workers ? 'workers' : 'inline'} at p${h.parallelism}`;
    it(`window-tvf.md "TUMBLE" / window-agg.md "Windowing TVFs" — tumbling window aggregation, ${where}`, async () => {
      const sql = `${BID}SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`;
      expect(await run(sql, h.parallelism, h.workers)).toEqual([row('08:00', '08:10', '11.00'), row('08:10', '08:20', '10.00')].sort());
    });

    it(`window-tvf.md "HOP" / window-agg.md "Windowing TVFs" — hopping window aggregation, ${where}`, async () => {
      const sql = `${BID}SELECT window_start, window_end, SUM(price) FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`;
      expect(await run(sql, h.parallelism, h.workers)).toEqual(
        [row('08:00', '08:10', '11.00'), row('08:05', '08:15', '15.00'), row('08:10', '08:20', '10.00'), row('08:15', '08:25', '6.00')].sort(),
      );
    });

    it(`window-agg.md "Windowing TVFs" — cumulative window aggregation, ${where}`, async () => {
      const sql = `${BID}SELECT window_start, window_end, SUM(price) FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`;
      expect(await run(sql, h.parallelism, h.workers)).toEqual(
        [
          row('08:00', '08:06', '4.00'),
          row('08:00', '08:08', '6.00'),
          row('08:00', '08:10', '11.00'),
          row('08:10', '08:12', '3.00'),
          row('08:10', '08:14', '4.00'),
          row('08:10', '08:16', '4.00'),
          row('08:10', '08:18', '10.00'),
          row('08:10', '08:20', '10.00'),
        ].sort(),
      );
    });

    const gs = (s: string, e: string, sup: string | null, p: string) =>
      `{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 ${s}:00.000","window_end":"2020-04-15 ${e}:00.000","supplier_id":${JSON.stringify(sup)},"price":${p}}}`;
    // window-agg.md "GROUPING SETS": the result table printed there.
    const GROUPING_SETS_RESULT = [
      gs('08:00', '08:10', null, '11.00'),
      gs('08:00', '08:10', 'supplier2', '5.00'),
      gs('08:00', '08:10', 'supplier1', '6.00'),
      gs('08:10', '08:20', null, '10.00'),
      gs('08:10', '08:20', 'supplier2', '9.00'),
      gs('08:10', '08:20', 'supplier1', '1.00'),
    ].sort();

    it(`window-agg.md "GROUPING SETS" — GROUP BY window_start, window_end, GROUPING SETS ((supplier_id), ()), ${where}`, async () => {
      const sql = `${BID}SELECT window_start, window_end, supplier_id, SUM(price) as price FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, GROUPING SETS ((supplier_id), ());`;
      expect(await run(sql, h.parallelism, h.workers)).toEqual(GROUPING_SETS_RESULT);
    });

    it(`window-agg.md "ROLLUP" — ROLLUP (supplier_id) is the query above, ${where}`, async () => {
      const sql = `${BID}SELECT window_start, window_end, supplier_id, SUM(price) as price FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, ROLLUP (supplier_id);`;
      expect(await run(sql, h.parallelism, h.workers)).toEqual(GROUPING_SETS_RESULT);
    });
  }

 for (const h of HOSTS) {
    const where = `${h.workers ? 'workers' : 'inline'} at p${h.parallelism}`;
    const ranked = (t: string, p: string, i: string, s: string, ws: string, we: string, n: number, windowTime = true) =>
      `{"sink":"result","op":"+I","value":{"bidtime":"2020-04-15 ${t}:00.000","price":${p},"item":"${i}","supplier_id":"${s}","window_start":"2020-04-15 ${ws}:00.000","window_end":"2020-04-15 ${we}:00.000",${windowTime ? `"window_time":"2020-04-15 ${we.replace(/:(\d\d)$/, (_m, mm: string) => `:${String(Number(mm) - 1).padStart(2, '0')}`)}:59.999",` : ''}"rownum":${n}}}`;

    // The docs' table leaves window_time out of SELECT *; the window TVF's * has it (window-tvf.md).
    it(`window-topn.md "Window Top-N follows after Windowing TVF" — top 3 bids by price per tumbling window, ${where}`, async () => {
      const sql = `${BID}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) as rownum FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) WHERE rownum <= 3;`;
      expect(await run(sql, h.parallelism, h.workers, BID_TOPN_ROWS)).toEqual(
        [
          ranked('08:05', '4.00', 'A', 'supplier1', '08:00', '08:10', 2),
          ranked('08:06', '4.00', 'C', 'supplier2', '08:00', '08:10', 3),
          ranked('08:09', '5.00', 'D', 'supplier4', '08:00', '08:10', 1),
          ranked('08:11', '2.00', 'B', 'supplier3', '08:10', '08:20', 3),
          ranked('08:15', '3.00', 'H', 'supplier2', '08:10', '08:20', 2),
          ranked('08:17', '6.00', 'F', 'supplier5', '08:10', '08:20', 1),
        ].sort(),
      );
    });

    it(`window-deduplication.md "Example" — the last bid of every tumbling window, ${where}`, async () => {
      const sql = `${BID}SELECT * FROM (SELECT bidtime, price, item, supplier_id, window_start, window_end, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bidtime DESC) as rownum FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) WHERE rownum <= 1;`;
      expect(await run(sql, h.parallelism, h.workers, BID_TOPN_ROWS)).toEqual(
        [ranked('08:09', '5.00', 'D', 'supplier4', '08:00', '08:10', 1, false), ranked('08:17', '6.00', 'F', 'supplier5', '08:10', '08:20', 1, false)].sort(),
      );
    });

    it(`Window Top-N per key: the cheapest bid per supplier and HOP window (PARTITION BY window_start, window_end, supplier_id), ${where}`, async () => {
      const sql = `${BID}SELECT window_start, supplier_id, item, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY price, item) AS rn FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))) WHERE rn = 1;`;
      const lines = await run(sql, h.parallelism, h.workers, BID_TOPN_ROWS);
      expect(lines.filter((l) => l.includes('"supplier_id":"supplier1"'))).toEqual(
        [
          '{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 08:00:00.000","supplier_id":"supplier1","item":"G","price":2.00}}',
          '{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 08:05:00.000","supplier_id":"supplier1","item":"E","price":1.00}}',
          '{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 08:10:00.000","supplier_id":"supplier1","item":"E","price":1.00}}',
        ].sort(),
      );
    });
  }

  it('window-agg.md "CUBE" — CUBE (supplier_id, item) gives what its four GROUPING SETS give, each set grouped on its own with NULL for the columns outside it', async () => {
    const head = `${BID}SELECT window_start, window_end, item, supplier_id, SUM(price) as price FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, `;
    const cube = await run(`${head}CUBE (supplier_id, item);`, 2, true);
    expect(cube).toEqual(await run(`${head}GROUPING SETS ((supplier_id, item), (supplier_id), (item), ());`, 1, false));
    // 6 bids: 6 (supplier, item) rows, 4 per-supplier rows, 6 per-item rows and 2 totals.
    expect(cube).toHaveLength(18);
    expect(cube.filter((l) => l.includes('"item":null,"supplier_id":null'))).toEqual([
      '{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 08:00:00.000","window_end":"2020-04-15 08:10:00.000","item":null,"supplier_id":null,"price":11.00}}',
      '{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 08:10:00.000","window_end":"2020-04-15 08:20:00.000","item":null,"supplier_id":null,"price":10.00}}',
    ]);
  });

  it('group-agg.md "ROLLUP" on a non-windowed GROUP BY: each grouping set is its own changelog', async () => {
    const lines = await run(`${BID}SELECT supplier_id, COUNT(*) AS n FROM Bid GROUP BY ROLLUP (supplier_id);`, 2, true);
    const last = (sup: string | null) => lines.filter((l) => l.includes(`"supplier_id":${JSON.stringify(sup)},`) && !l.includes('"-U"')).sort().at(-1);
    expect([last('supplier1'), last('supplier2'), last(null)]).toEqual([
      '{"sink":"result","op":"+U","value":{"supplier_id":"supplier1","n":3}}',
      '{"sink":"result","op":"+U","value":{"supplier_id":"supplier2","n":3}}',
      '{"sink":"result","op":"+U","value":{"supplier_id":null,"n":6}}',
    ]);
    expect(lines.filter((l) => l.includes('"-U"'))).toHaveLength(2 + 2 + 5);
  });

  it('CUMULATE drops a row whose last window already fired (window start + size − 1 ≤ watermark), as Flink\'s slicing window operator does', async () => {
    // 08:05:30 arrives after 08:13 moved the watermark to 08:12:59: the last window it belongs to,
    // [08:00, 08:10), has fired. (A row whose slice fired but whose last window has not is kept for
    // the windows not fired yet: engine/sql/cumulate-late.test.ts.)
    const late = `${BID_ROWS}{"bidtime":"2020-04-15 08:05:30","price":100.00,"item":"L","supplier_id":"supplier1"}\n`;
    const c = compileSql(`${BID}SELECT window_start, window_end, SUM(price) FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const r = await runJob(c.job, { files: { 'bid.jsonl': late } });
    expect(r.results.map((x) => (x.value as { 'EXPR$2': number })['EXPR$2'])).toEqual([4, 6, 11, 3, 4, 4, 10, 10]);
  });

  it('window-agg.md "GROUPING SETS" — the (supplier_id) set of its result, as a keyed TUMBLE', async () => {
    const sql = `${BID}SELECT window_start, window_end, supplier_id, SUM(price) as price FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, supplier_id;`;
    const r = (s: string, e: string, sup: string, p: string) => `{"sink":"result","op":"+I","value":{"window_start":"2020-04-15 ${s}:00.000","window_end":"2020-04-15 ${e}:00.000","supplier_id":"${sup}","price":${p}}}`;
    const expected = [r('08:00', '08:10', 'supplier2', '5.00'), r('08:00', '08:10', 'supplier1', '6.00'), r('08:10', '08:20', 'supplier2', '9.00'), r('08:10', '08:20', 'supplier1', '1.00')].sort();
    expect(await run(sql, 2, false)).toEqual(expected);
  });
});

describe('SQL examples', () => {
  const dir = join(import.meta.dirname, '..', 'public', 'examples', 'sql');
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.sql'));

  it('there are SQL examples, each with its recorded output', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(2);
  });

  // One test per script: each CLI run is its own process, and on a loaded machine one bound for all of them ran out.
  for (const f of scripts) {
    it(`the CLI prints the recorded output of ${f}, inline and in workers at p2`, async () => {
      const exec = promisify(execFile);
      const expected = readFileSync(join(dir, 'expected', f.replace(/\.sql$/, '.jsonl')), 'utf8').trim().split('\n');
      const { stdout } = await exec(process.execPath, ['bin/eddy.js', 'run', join(dir, f)], { cwd: join(import.meta.dirname, '..') });
      expect(stdout.trim().split('\n'), f).toEqual(expected);
      const p2 = await exec(process.execPath, ['bin/eddy.js', 'run', join(dir, f), '--host', 'workers', '--parallelism', '2'], { cwd: join(import.meta.dirname, '..') });
      expect(p2.stdout.trim().split('\n').sort(), `${f} workers p2`).toEqual([...expected].sort());
    });
  }

  it('eddy compile prints the job, and a script with errors exits 2 naming line:column', async () => {
    const exec = promisify(execFile);
    const cwd = join(import.meta.dirname, '..');
    const { stdout } = await exec(process.execPath, ['bin/eddy.js', 'compile', join(dir, 'hop-totals.sql')], { cwd });
    expect(JSON.parse(stdout).format).toBe('eddy/job@1');
    const bad = await exec(process.execPath, ['bin/eddy.js', 'run', join(import.meta.dirname, 'fixtures', 'bad.sql')], { cwd }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toMatch(/bad\.sql:3:\d+: ORDER BY is not supported yet/);
  });
});

describe('SQL jobs checkpoint and recover like any job', () => {
  const cwd = join(import.meta.dirname, '..');
  const script = join(import.meta.dirname, 'fixtures', 'sql-checkpointed.sql');
  const exec = promisify(execFile);
  const eddy = (...args: string[]) => exec(process.execPath, ['bin/eddy.js', 'run', script, ...args], { cwd, maxBuffer: 1 << 26 });
  const sorted = (t: string) => t.split('\n').filter((l) => l !== '').sort();

  it('killed slot workers (p2) and a killed inline thread recover from checkpoints with the same rows as a run without failures', async () => {
    const reference = sorted((await eddy()).stdout);
    expect(reference.length).toBeGreaterThan(100);
    const tmp = mkdtempSync(join(tmpdir(), 'eddy-sql-cp-'));
    const workers = await eddy('--host', 'workers', '--parallelism', '2', '--checkpoint-dir', join(tmp, 'w'), '--chaos', 'kill=2', '--seed', '5');
    expect(workers.stderr.match(/restart \d after a failure/g)).toHaveLength(2);
    expect(sorted(workers.stdout)).toEqual(reference);
    const inline = await eddy('--checkpoint-dir', join(tmp, 'i'), '--chaos', 'kill=1', '--seed', '3');
    expect(inline.stderr.match(/restart \d after a failure/g)).toHaveLength(1);
    expect(sorted(inline.stdout)).toEqual(reference);
  });

  it('a changelog crossing network channels (groupAggregate at p2 → a p1 filter) keeps its row kinds through unaligned checkpoints and restores', async () => {
    const job = join(import.meta.dirname, 'fixtures', 'changelog-unaligned.json');
    const run = (...args: string[]) => exec(process.execPath, ['bin/eddy.js', 'run', job, ...args], { cwd, maxBuffer: 1 << 26 });
    const reference = sorted((await run()).stdout);
    // 6 keys × 500 rows: one +I per key, then a -U/+U pair per further row.
    expect(reference).toHaveLength(6 + 2 * (3000 - 6));
    expect(reference.filter((l) => l.includes('"op":"-U"'))).toHaveLength(3000 - 6);
    const tmp = mkdtempSync(join(tmpdir(), 'eddy-changelog-cp-'));
    const workers = await run('--host', 'workers', '--checkpoint-dir', join(tmp, 'w'), '--chaos', 'kill=2', '--seed', '5');
    expect(workers.stderr.match(/restart \d after a failure/g)).toHaveLength(2);
    expect(sorted(workers.stdout)).toEqual(reference);
    const inline = await run('--checkpoint-dir', join(tmp, 'i'), '--chaos', 'kill=1', '--seed', '3');
    expect(inline.stderr.match(/restart \d after a failure/g)).toHaveLength(1);
    expect(sorted(inline.stdout)).toEqual(reference);
  });
});
