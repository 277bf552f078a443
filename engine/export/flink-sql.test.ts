import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import { runJob } from '../run-job.js';
import { compileSql } from '../sql/compile.js';
import { parseSql } from '../sql/parse.js';
import { EXAMPLES_DIR, loadExamples } from './examples.js';
import { ExportError } from './export-error.js';
import { exportFlinkSql, flinkSqlDataFiles } from './flink-sql.js';
import { exportSqlScript } from './flink-sql-script.js';

const examples = loadExamples();
const parses = (sql: string) => {
  const p = parseSql(sql);
  expect(p.ok ? [] : p.errors, sql).toEqual([]);
};

/** The input files of the visual examples' file sources, by node id, as the CLI and the IDE pass them. */
const inputsOf = (job: JobDocument): Record<string, string> =>
  Object.fromEntries(job.nodes.flatMap((n) => (n.kind === 'source.file' && n.params.path ? [[n.id, readFileSync(join(EXAMPLES_DIR, n.params.path), 'utf8')]] : [])));

/** What every visual example exports to: a script, or the node without a SQL form and why. */
const VISUAL: Record<string, string> = {
  'clicks-per-minute': 'sql',
  'datagen-sliding': 'sql',
  'late-data': 'node readings, params.records: watermark markers in the records have no SQL form; export to flink-java',
  'fraud-detection': 'node detect: a process function has no SQL form; export to flink-java',
  sessionization: 'node sessions, params.function: a process window function has no SQL form; export to flink-java',
  'orders-payments-join': 'node paid: an interval join in SQL needs event time (a watermarks node after each source)',
  'failed-logins-cep': 'node suspicious: a CEP pattern (conditions as code) has no SQL form in this export (Flink SQL would need MATCH_RECOGNIZE); export to flink-java',
  'sensor-file': 'node file: its side output "errors" has no SQL form; export to flink-java',
  'dynamic-thresholds': 'node readings, params.records: watermark markers in the records have no SQL form; export to flink-java',
  'batched-writes': 'node batcher: a process function has no SQL form; export to flink-java',
  'window-firings': 'node views, params.records: watermark markers in the records have no SQL form; export to flink-java',
  'product-enrichment': 'node enrich: an async function (Async I/O) has no SQL form; export to flink-java',
  'live-ticks': 'sql',
};

describe('exportFlinkSql on the visual examples', () => {
  it('lists every visual example with what it exports to', () => {
    expect(examples.filter((e) => e.sql === undefined).map((e) => e.name).sort()).toEqual(Object.keys(VISUAL).sort());
  });

  for (const ex of examples.filter((e) => e.sql === undefined)) {
    it(`${ex.name}: ${VISUAL[ex.name] === 'sql' ? "a script Flink's grammar parses" : 'an error naming the node'}`, () => {
      const files = inputsOf(ex.job);
      if (VISUAL[ex.name] === 'sql') parses(exportFlinkSql(ex.job, ex.file, files));
      else {
        expect(() => exportFlinkSql(ex.job, ex.file, files)).toThrow(ExportError);
        expect(() => exportFlinkSql(ex.job, ex.file, files)).toThrow(VISUAL[ex.name]!);
      }
    });
  }

  it('refuses broadcast state by the node', () => {
    const job = examples.find((e) => e.name === 'dynamic-thresholds')!.job;
    const plain = { ...job, nodes: job.nodes.map((n) => (n.kind === 'source.collection' ? { ...n, params: { ...n.params, records: [] } } : n)) } as typeof job;
    expect(() => exportFlinkSql(plain, 'x.json')).toThrow('node alerts: broadcast state has no SQL form; export to flink-java');
  });

  it('writes the watermark of a watermarks node as max − delay − 1 (SQL subtracts no extra ms), and the window as a TVF', () => {
    const sql = exportFlinkSql(examples.find((e) => e.name === 'clicks-per-minute')!.job, 'clicks.json');
    expect(sql).toContain("WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5.001' SECOND");
    expect(sql).toContain("FROM TABLE(TUMBLE(TABLE `clicks`, DESCRIPTOR(`event_time`), INTERVAL '60' SECOND))");
    expect(sql).toContain('GROUP BY window_start, window_end, `user`');
    expect(sql).toContain("'connector' = 'kafka'");
  });

  it('turns simple filter and map code into WHERE and SELECT, and refuses code that is not simple', () => {
    const job = (map: string) => {
      const v = validateJob({
        format: 'eddy/job@1',
        nodes: [
          { id: 'src', kind: 'source.collection', params: { records: [{ user: 'a', amount: 2.5, n: 1 }] } },
          { id: 'big', kind: 'filter', params: { code: "(r) => r.amount > 1 && r.user !== 'x'" } },
          { id: 'm', kind: 'map', params: { code: map } },
          { id: 'out', kind: 'sink.collect' },
        ],
        edges: [
          { from: 'src', to: 'big' },
          { from: 'big', to: 'm' },
          { from: 'm', to: 'out' },
        ],
      });
      if (!v.ok) throw new Error('invalid');
      return v.job as JobDocument;
    };
    const sql = exportFlinkSql(job('(r) => ({ who: r.user, twice: r.amount * 2, half: r.n / 2 })'), 'j.json');
    parses(sql);
    expect(sql).toContain("WHERE `amount` > 1 AND `user` <> 'x'");
    expect(sql).toContain('SELECT `user` AS `who`, `amount` * 2 AS `twice`, CAST(`n` AS DOUBLE) / 2 AS `half`');
    expect(() => exportFlinkSql(job('(r) => ({ who: r.user.toUpperCase() })'), 'j.json')).toThrow(/^node m, params.code: the code is not a simple expression SQL can say/);
  });
});

describe('exportSqlScript on the SQL examples', () => {
  const sqlExamples = examples.filter((e) => e.sql !== undefined);
  for (const ex of sqlExamples) {
    it(`${ex.name}: parses with Flink's grammar, every SELECT writes to a print table`, () => {
      const sql = exportSqlScript(ex.sql!, ex.file);
      parses(sql);
      expect((sql.match(/^INSERT INTO/gm) ?? []).length).toBeGreaterThanOrEqual(1);
      if (ex.job.nodes.some((n) => n.id === 'result')) expect(sql).toContain("CREATE TABLE `result` (");
      const statements = sql.split('\n').filter((l) => !l.startsWith('--'));
      expect(statements.join('\n')).not.toMatch(/'eddy\./);
    });
  }

  // datagen-tumble leaves out 'eddy.start-time' (Flink has no such option), so its rows differ.
  for (const ex of sqlExamples.filter((e) => e.name !== 'sql-datagen-tumble')) {
    it(`${ex.name}: round trip — the exported script, compiled by Eddy, gives the same rows as the original`, async () => {
      const dir = join(EXAMPLES_DIR, 'sql');
      const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const exported = compileSql(exportSqlScript(ex.sql!, ex.file));
      if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
      const a = await runJob(ex.job, { files });
      const b = await runJob(exported.job, { files });
      const rows = (r: typeof a) => r.results.map((x) => JSON.stringify(x.value)).sort();
      expect(rows(b)).toEqual(rows(a));
      expect(rows(a).length).toBeGreaterThan(0);
    });
  }
});

/** A visual job's result with its windowStart/windowEnd (ms) as SQL prints a TIMESTAMP_LTZ(3) (UTC). */
const asSqlRow = (v: unknown) => {
  const r = { ...(v as Record<string, unknown>) };
  for (const f of ['windowStart', 'windowEnd']) if (typeof r[f] === 'number') r[f] = new Date(r[f] as number).toISOString().replace('T', ' ').replace('Z', '');
  return JSON.stringify(r);
};

/** Exports the visual job to Flink SQL, compiles that with Eddy's SQL front end and checks both give the same rows. */
async function roundTrip(job: JobDocument, name: string, inputs: Record<string, string> = {}): Promise<string> {
  const sql = exportFlinkSql(job, name, inputs);
  parses(sql);
  const compiled = compileSql(sql);
  if (!compiled.ok) throw new Error(`Eddy's SQL front end does not compile the export:\n${sql}\n${JSON.stringify(compiled.errors)}`);
  const files = Object.fromEntries(flinkSqlDataFiles(job, inputs).map((f) => [f.path, f.text]));
  const original = (await runJob(job, { files: inputs })).results.map((x) => `${x.sink} ${asSqlRow(x.value)}`).sort();
  const back = (await runJob(compiled.job, { files })).results.map((x) => `${x.sink} ${JSON.stringify(x.value)}`).sort();
  expect(original.length).toBeGreaterThan(0);
  expect(back).toEqual(original);
  return sql;
}

describe('round trip: a SQL-expressible visual job, exported to Flink SQL and compiled back by Eddy, gives the same rows', () => {
  // datagen-sliding is SQL-expressible, but Flink's datagen (and Eddy's SQL datagen) draw the keys at random: other rows.
  for (const ex of examples.filter((e) => e.sql === undefined && VISUAL[e.name] === 'sql' && e.name !== 'datagen-sliding')) {
    it(ex.name, async () => {
      await roundTrip(ex.job, ex.file, inputsOf(ex.job));
    });
  }

  const readings = [
    { sensor: 's1', c: 20, ts: 1000 },
    { sensor: 's2', c: 7, ts: 1500 },
    { sensor: 's1', c: 31, ts: 4000 },
    { sensor: 's1', c: 5, ts: 3000 },
    { sensor: 's2', c: 12, ts: 9000 },
    { sensor: 's1', c: 18, ts: 14_000 },
    { sensor: 's2', c: 40, ts: 12_500 },
    { sensor: 's1', c: 2, ts: 2000 },
    { sensor: 's2', c: 9, ts: 30_000 },
  ];
  const windowJob = (assigner: Record<string, unknown>, fn: string, filter: string | null) =>
    job({
      format: 'eddy/job@1',
      nodes: [
        { id: 'src', kind: 'source.collection', params: { records: readings } },
        { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 1500, intervalMs: 0 } },
        ...(filter ? [{ id: 'warm', kind: 'filter', params: { code: filter } }] : []),
        { id: 'key', kind: 'keyBy', params: { field: 'sensor' } },
        { id: 'w', kind: 'window', params: { assigner, function: fn === 'count' ? { type: 'aggregate', fn } : { type: 'aggregate', fn, field: 'c' } } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'src', to: 'wm' },
        ...(filter
          ? [
              { from: 'wm', to: 'warm' },
              { from: 'warm', to: 'key' },
            ]
          : [{ from: 'wm', to: 'key' }]),
        { from: 'key', to: 'w' },
        { from: 'w', to: 'out' },
      ],
    });
  function job(doc: unknown): JobDocument {
    const v = validateJob(doc);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.job as JobDocument;
  }

  it('tumbling windows over a filter: the filter is the window query\'s WHERE, one INSERT and no view', async () => {
    const sql = await roundTrip(windowJob({ type: 'tumbling', sizeMs: 5000 }, 'sum', '(r) => r.c > 6'), 'j.json');
    expect(sql).toContain("FROM TABLE(TUMBLE(TABLE `src`, DESCRIPTOR(`event_time`), INTERVAL '5' SECOND))\nWHERE `c` > 6\nGROUP BY window_start, window_end, `sensor`");
    expect(sql).not.toContain('CREATE TEMPORARY VIEW');
  });

  it('sliding windows: HOP', async () => {
    expect(await roundTrip(windowJob({ type: 'sliding', sizeMs: 10_000, slideMs: 5000 }, 'max', null), 'j.json')).toContain('HOP(TABLE `src`');
  });

  it('session windows: the SESSION TVF partitioned by the key', async () => {
    expect(await roundTrip(windowJob({ type: 'session', gapMs: 2500 }, 'count', null), 'j.json')).toContain("SESSION(TABLE `src` PARTITION BY `sensor`, DESCRIPTOR(`event_time`), INTERVAL '2.500' SECOND)");
  });

  it('a filter before a session window stays a view (a session depends on the rows around it)', () => {
    expect(exportFlinkSql(windowJob({ type: 'session', gapMs: 2500 }, 'min', '(r) => r.c > 6'), 'j.json')).toContain('CREATE TEMPORARY VIEW `warm` AS');
  });
});

describe('exportFlinkSql: join.window as a SQL window join', () => {
  const joinJob = (assigner: Record<string, unknown>) => {
    const v = validateJob({
      format: 'eddy/job@1',
      nodes: [
        { id: 'orders', kind: 'source.collection', params: { records: [{ id: 'o1', user: 'a', ts: 1000 }, { id: 'o2', user: 'b', ts: 6000 }] } },
        { id: 'orders-wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
        { id: 'clicks', kind: 'source.collection', params: { records: [{ user: 'a', page: 'home', ts: 2000 }, { user: 'b', page: 'cart', ts: 9000 }] } },
        { id: 'clicks-wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
        { id: 'j', kind: 'join.window', params: { window: { assigner }, leftKey: 'user', rightKey: 'user', code: '(l, r) => ({ order: l.id, page: r.page })' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'orders', to: 'orders-wm' },
        { from: 'clicks', to: 'clicks-wm' },
        { from: 'orders-wm', to: 'j', toPort: 'in1' },
        { from: 'clicks-wm', to: 'j', toPort: 'in2' },
        { from: 'j', to: 'out' },
      ],
    });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.job as JobDocument;
  };

  it('windows both sides with the same TVF and joins on window_start, window_end and the keys', () => {
    const sql = exportFlinkSql(joinJob({ type: 'tumbling', sizeMs: 5000 }), 'j.json');
    parses(sql);
    expect(sql).toContain(
      "SELECT `orders`.`id` AS `order`, `clicks`.`page` AS `page`\nFROM (SELECT * FROM TABLE(TUMBLE(TABLE `orders`, DESCRIPTOR(`event_time`), INTERVAL '5' SECOND))) `orders`\nJOIN (SELECT * FROM TABLE(TUMBLE(TABLE `clicks`, DESCRIPTOR(`event_time`), INTERVAL '5' SECOND))) `clicks`\nON `orders`.window_start = `clicks`.window_start AND `orders`.window_end = `clicks`.window_end\n  AND `orders`.`user` = `clicks`.`user`;",
    );
    expect(exportFlinkSql(joinJob({ type: 'sliding', sizeMs: 10_000, slideMs: 5000 }), 'j.json')).toContain("HOP(TABLE `clicks`, DESCRIPTOR(`event_time`), INTERVAL '5' SECOND, INTERVAL '10' SECOND)");
  });

  it('refuses what a SQL window join cannot say, naming the node and the field', () => {
    expect(() => exportFlinkSql(joinJob({ type: 'session', gapMs: 1000 }), 'j.json')).toThrow('node j, params.window.assigner: a window join on session windows is not exported to SQL (TUMBLE and HOP are); export to flink-java');
  });
});

describe('exportFlinkSql: a file source takes its columns and types from its file', () => {
  const fileJob = (params: Record<string, unknown>, map: string | null, wm = true) => {
    const v = validateJob({
      format: 'eddy/job@1',
      nodes: [
        { id: 'readings', kind: 'source.file', params: { path: 'readings.csv', ...params } },
        ...(wm ? [{ id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 1000, intervalMs: 0 } }] : []),
        ...(map ? [{ id: 'm', kind: 'map', params: { code: map } }, { id: 'out', kind: 'sink.collect' }] : []),
        ...(map ? [] : [{ id: 'by-sensor', kind: 'keyBy', params: { field: 'sensor' } }, { id: 'avg', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10_000 }, function: { type: 'aggregate', fn: 'avg', field: 'celsius' } } }, { id: 'out', kind: 'sink.collect' }]),
      ],
      edges: [
        ...(wm ? [{ from: 'readings', to: 'wm' }] : []),
        ...(map ? [{ from: wm ? 'wm' : 'readings', to: 'm' }, { from: 'm', to: 'out' }] : [{ from: 'wm', to: 'by-sensor' }, { from: 'by-sensor', to: 'avg' }, { from: 'avg', to: 'out' }]),
      ],
    });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.job as JobDocument;
  };
  const csv = 'sensor,celsius,ts\nkitchen,21.5,1000\nhall,18,2000\n\nkitchen,22.5,4000\n"hall, upstairs",19,11000\nkitchen,25,12500\nhall,17,19999\n';
  const jsonl = csv
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => {
      const [sensor, celsius, ts] = l.startsWith('"') ? ['hall, upstairs', l.split(',').at(-2), l.split(',').at(-1)] : l.split(',');
      return JSON.stringify({ sensor, celsius: Number(celsius), ts: Number(ts), ok: true });
    })
    .join('\n');

  it('round trip: a CSV file with a header, its event time and a tumbling average — the CSV is written without its header', async () => {
    const job = fileJob({ format: 'csv', timestampField: 'ts' }, null);
    const sql = await roundTrip(job, 'sensors.json', { readings: csv });
    expect(sql).toContain("CREATE TABLE `readings` (\n  `sensor` STRING,\n  `celsius` DOUBLE,\n  `ts` BIGINT,\n  `event_time` AS TO_TIMESTAMP_LTZ(`ts`, 3),\n  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '1.001' SECOND\n) WITH ('connector' = 'filesystem', 'path' = 'readings.csv', 'format' = 'csv');");
    expect(sql).toContain("'format' = 'csv')\n");
    // Without the header and the blank line: Flink's csv format reads neither (a blank line fails its job).
    expect(flinkSqlDataFiles(job, { readings: csv })).toEqual([{ path: 'readings.csv', text: 'kitchen,21.5,1000\nhall,18,2000\nkitchen,22.5,4000\n"hall, upstairs",19,11000\nkitchen,25,12500\nhall,17,19999\n' }]);
  });

  it('the oracle case test/flink/cases/export-csv-source.sql is this export (examples.flink.ts checks its rows on Flink)', async () => {
    const job = fileJob({ format: 'csv', timestampField: 'ts' }, null);
    const renamed = JSON.parse(JSON.stringify(job).replaceAll('"readings"', '"export_csv_source"')) as JobDocument;
    const sql = await roundTrip(renamed, 'export-csv-source.json', { export_csv_source: csv });
    const cases = fileURLToPath(new URL('../../test/flink/cases/', import.meta.url));
    const files = [{ path: 'export-csv-source.sql', text: sql }, ...flinkSqlDataFiles(renamed, { export_csv_source: csv })];
    for (const f of files) {
      if (process.env.EDDY_UPDATE_GOLDEN === '1') writeFileSync(join(cases, f.path), f.text);
      expect(f.text, `${f.path} (EDDY_UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(join(cases, f.path), 'utf8'));
    }
  });

  it('round trip: a JSON-lines file read by a projection (BOOLEAN, STRING, DOUBLE, BIGINT columns)', async () => {
    const sql = await roundTrip(fileJob({ format: 'jsonl' }, '(r) => ({ sensor: r.sensor, f: r.celsius * 1.8 + 32, ts: r.ts, ok: r.ok })'), 'sensors.json', { readings: jsonl });
    expect(sql).toContain("  `sensor` STRING,\n  `celsius` DOUBLE,\n  `ts` BIGINT,\n  `ok` BOOLEAN,");
    expect(sql).toContain("'path' = 'readings.jsonl', 'format' = 'json'");
  });

  it('a headerless CSV (columns) and ignoreParseErrors keep their Flink options; rows that would go to "errors" give no types', () => {
    const text = 'kitchen,21.5,1000\nbroken\nhall,20,not-a-time\n';
    const sql = exportFlinkSql(fileJob({ format: 'csv', columns: ['sensor', 'celsius', 'ts'], timestampField: 'ts', ignoreParseErrors: true }, null), 'j.json', { readings: text });
    parses(sql);
    expect(sql).toContain("'path' = 'readings.csv', 'format' = 'csv', 'csv.ignore-parse-errors' = 'true')");
    expect(sql).toContain('`ts` BIGINT');
    expect(flinkSqlDataFiles(fileJob({ format: 'csv', columns: ['sensor', 'celsius', 'ts'] }, null), { readings: text })).toEqual([{ path: 'readings.csv', text }]);
  });

  it('refuses, naming the node and the field, when a type cannot be inferred or the file is missing', () => {
    const job = fileJob({ format: 'jsonl' }, '(r) => ({ s: r.sensor })', false);
    expect(() => exportFlinkSql(job, 'j.json')).toThrow('node readings, params.path: the export infers the columns and their types from the file, and has none: give it the file (in the IDE, choose the input file in the inspector)');
    expect(() => exportFlinkSql(job, 'j.json', { readings: '{"sensor":"a"}\n{"sensor":1}\n' })).toThrow('node readings, params.path: field "sensor" of the file holds values of several types or nested values, so its SQL type cannot be inferred; SQL columns have one type');
    expect(() => exportFlinkSql(job, 'j.json', { readings: '{"sensor":{"id":1}}\n' })).toThrow('field "sensor" of the file holds values of several types or nested values');
    expect(() => exportFlinkSql(job, 'j.json', { readings: '{"sensor":null}\n' })).toThrow('node readings, params.path: field "sensor" of the file has no value in any record (only null or absent), so its SQL type cannot be inferred');
    expect(() => exportFlinkSql(job, 'j.json', { readings: '\nnot json\n' })).toThrow('node readings, params.path: the file has no record to infer the columns and their types from');
    expect(() => exportFlinkSql(fileJob({ format: 'jsonl' }, '(r) => ({ s: r.sensor })'), 'j.json', { readings: '{"sensor":"a","ts":1.5}\n' })).toThrow('node wm, params.timestampField: the field "ts" is not a whole number of ms in every record');
  });
});

describe('the exported SQL of every example that has a SQL form matches its golden file', () => {
  const golden = fileURLToPath(new URL('./golden/', import.meta.url));
  for (const ex of examples.filter((e) => e.sql !== undefined || VISUAL[e.name] === 'sql')) {
    it(`${ex.name}: golden/${ex.name}/job.sql`, () => {
      const text = ex.sql !== undefined ? exportSqlScript(ex.sql, ex.file) : exportFlinkSql(ex.job, ex.file, inputsOf(ex.job));
      const file = join(golden, ex.name, 'job.sql');
      if (process.env.EDDY_UPDATE_GOLDEN === '1') {
        mkdirSync(join(golden, ex.name), { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file), `${file} is missing (EDDY_UPDATE_GOLDEN=1 writes it)`).toBe(true);
      expect(text, `${file} (EDDY_UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
    });
  }
});
