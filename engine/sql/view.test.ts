import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { sqlCatalog } from './catalog-info.js';
import { sqlCompletions } from './completion.js';
import { compileSql } from './compile.js';
import { sqlRowLine } from './output.js';

const BID = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;
const BID_ROWS = `{"bidtime":"2020-04-15 08:05:00","price":4.00,"item":"C","supplier_id":"supplier1"}
{"bidtime":"2020-04-15 08:07:00","price":2.00,"item":"A","supplier_id":"supplier1"}
{"bidtime":"2020-04-15 08:09:00","price":5.00,"item":"D","supplier_id":"supplier2"}
{"bidtime":"2020-04-15 08:11:00","price":3.00,"item":"B","supplier_id":"supplier2"}
{"bidtime":"2020-04-15 08:13:00","price":1.00,"item":"E","supplier_id":"supplier1"}
{"bidtime":"2020-04-15 08:17:00","price":6.00,"item":"F","supplier_id":"supplier2"}
`;

const errorsOf = (sql: string) => {
  const c = compileSql(BID + sql);
  if (c.ok) throw new Error('expected errors');
  return c.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
};

async function run(sql: string): Promise<string[]> {
  const c = compileSql(BID + sql);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const schemas = new Map(c.sinks.map((s) => [s.name, s]));
  const r = await runJob(c.job, { files: { 'bid.jsonl': BID_ROWS } });
  return r.results.map((x) => sqlRowLine(x.sink, x.value, schemas, x.op));
}

describe('CREATE VIEW / DROP VIEW', () => {
  it("a duplicate view fails with Flink's message (temporary: CatalogManager; permanent: the catalog's), IF NOT EXISTS keeps the first", () => {
    expect(errorsOf('CREATE TEMPORARY VIEW v AS SELECT * FROM Bid;\nCREATE TEMPORARY VIEW v AS SELECT item FROM Bid;\nSELECT * FROM v;')).toEqual([
      "6:1 Temporary table '`default_catalog`.`default_database`.`v`' already exists",
    ]);
    expect(errorsOf('CREATE VIEW v AS SELECT * FROM Bid;\nCREATE VIEW v AS SELECT item FROM Bid;\nSELECT * FROM v;')).toEqual([
      '6:1 Table (or view) default_database.v already exists in Catalog default_catalog.',
    ]);
    const c = compileSql(`${BID}CREATE VIEW v AS SELECT item FROM Bid;\nCREATE VIEW IF NOT EXISTS v AS SELECT price FROM Bid;\nSELECT * FROM v;`);
    expect(c.ok && c.sinks[0]!.columns.map((x) => x.name)).toEqual(['item']);
  });

  it('a temporary view may shadow a permanent one of the same name (as in Flink), and DROP TEMPORARY VIEW uncovers it', async () => {
    const rows = await run(`CREATE VIEW v AS SELECT item FROM Bid WHERE price > 4;
CREATE TEMPORARY VIEW v AS SELECT item FROM Bid WHERE price < 2;
SELECT * FROM v;
DROP TEMPORARY VIEW v;
SELECT * FROM v;`);
    expect(rows.sort()).toEqual([
      '{"sink":"result","op":"+I","value":{"item":"E"}}',
      '{"sink":"result_2","op":"+I","value":{"item":"D"}}',
      '{"sink":"result_2","op":"+I","value":{"item":"F"}}',
    ]);
  });

  it("DROP VIEW's errors are Flink's: unknown view, a temporary view in the way, a table is not a view; IF EXISTS is quiet", () => {
    expect(errorsOf('DROP VIEW nope;\nDROP TEMPORARY VIEW nope;\nDROP VIEW Bid;\nDROP VIEW IF EXISTS nope;\nSELECT * FROM Bid;')).toEqual([
      "5:1 View with identifier 'default_catalog.default_database.nope' does not exist.",
      "6:1 Temporary table or view with identifier 'default_catalog.default_database.nope' does not exist.",
      "7:1 View with identifier 'default_catalog.default_database.Bid' does not exist.",
    ]);
    expect(errorsOf('CREATE TEMPORARY VIEW v AS SELECT * FROM Bid;\nDROP VIEW v;\nSELECT * FROM v;')).toEqual([
      "6:1 Temporary view with identifier '`default_catalog`.`default_database`.`v`' exists. Drop it first before removing the permanent view.",
    ]);
  });

  it('a dropped view is unknown afterwards, naming it; a view defined again is the new query', async () => {
    expect(errorsOf('CREATE VIEW v AS SELECT * FROM Bid;\nDROP VIEW v;\nSELECT * FROM v;')).toEqual([
      '7:15 unknown table v; define it with CREATE TABLE v (...) WITH (...) or CREATE VIEW v AS SELECT ... before the query',
    ]);
    const rows = await run(`CREATE VIEW v AS SELECT item FROM Bid WHERE price > 5;
SELECT * FROM v;
DROP VIEW v;
CREATE VIEW v AS SELECT supplier_id FROM Bid WHERE price < 2;
SELECT * FROM v;`);
    expect(rows.sort()).toEqual(['{"sink":"result","op":"+I","value":{"item":"F"}}', '{"sink":"result_2","op":"+I","value":{"supplier_id":"supplier1"}}']);
  });

  it("a column list renames the query's columns; one of another length fails with Flink's message", async () => {
    expect(await run("CREATE VIEW v (what, cost) AS SELECT item, price FROM Bid WHERE item = 'A';\nSELECT cost, what FROM v;")).toEqual(['{"sink":"result","op":"+I","value":{"cost":2.00,"what":"A"}}']);
    expect(errorsOf('CREATE VIEW v (a) AS SELECT item, price FROM Bid;\nSELECT * FROM v;')).toEqual(['5:16 VIEW definition and input fields not match: Def fields: [a]. Input fields: [item, price].']);
  });

  it('the view is checked where it is created: an unknown table or column in its query is an error at its position', () => {
    expect(errorsOf('CREATE VIEW v AS SELECT itme FROM Bid;\nCREATE VIEW w AS SELECT * FROM Missing;\nSELECT * FROM Bid;')).toEqual([
      '5:25 unknown column itme; table Bid has bidtime, price, item, supplier_id',
      '6:32 unknown table Missing; define it with CREATE TABLE Missing (...) WITH (...) or CREATE VIEW Missing AS SELECT ... before the query',
    ]);
  });

  it('a window TVF over a view column that is no longer a time attribute (an expression of it) is an error naming the view', () => {
    expect(errorsOf("CREATE VIEW v AS SELECT CAST(bidtime AS TIMESTAMP(3)) AS t, price FROM Bid;\nSELECT window_start, SUM(price) FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(t), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;")).toEqual([
      expect.stringMatching(/^6:71 TUMBLE needs a time attribute, but t of view v is a TIMESTAMP\(3\).*selects that column as it is$/),
    ]);
  });

  it('ROW_NUMBER() over a view of a window aggregation, partitioned by its window, is a Window Top-N (as in Flink), not a changelog Top-N', () => {
    const view = "CREATE VIEW w AS SELECT window_start, window_end, item, SUM(price) AS price FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, item;\n";
    const c = compileSql(`${BID}${view}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rn FROM w) WHERE rn <= 2;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.find((n) => n.id === 'window_rank')?.kind).toBe('window');
    expect(c.job.nodes.map((n) => n.kind)).not.toContain('rank');
  });

  it('INSERT INTO a view is an error: a view cannot be written to', () => {
    expect(errorsOf('CREATE VIEW v AS SELECT item FROM Bid;\nINSERT INTO v SELECT item FROM Bid;')).toEqual([expect.stringMatching(/^6:13 v is a view, and a view cannot be written to/)]);
  });

  it("the editor's catalog lists views with their query's columns, and completion offers them after FROM", () => {
    const text = `${BID}CREATE VIEW cheap (t, cost) AS SELECT bidtime, price FROM Bid WHERE price < 3;\nSELECT * FROM c`;
    expect(sqlCatalog(text).find((t) => t.name === 'cheap')).toEqual({ name: 'cheap', view: true, columns: [{ name: 't', type: 'TIMESTAMP(3)' }, { name: 'cost', type: 'DECIMAL(10, 2)' }] });
    const got = sqlCompletions(text, 6, 16);
    expect(got.find((c) => c.label === 'cheap')).toEqual({ label: 'cheap', kind: 'table', detail: 'view: t, cost' });
  });
});
