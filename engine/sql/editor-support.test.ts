import { describe, expect, it } from 'vitest';
import { sqlCatalog } from './catalog-info.js';
import { sqlCompletions } from './completion.js';
import { checkSql } from './diagnostics.js';

const BID = `CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
`;

describe('sqlCatalog', () => {
  it('lists the tables a parsing script creates with their typed columns, connector and path', () => {
    expect(sqlCatalog(`${BID}SELECT item FROM Bid;`)).toEqual([
      {
        name: 'Bid',
        columns: [
          { name: 'bidtime', type: 'TIMESTAMP(3)' },
          { name: 'price', type: 'DECIMAL(10, 2)' },
          { name: 'item', type: 'STRING' },
        ],
        connector: 'filesystem',
        path: 'bid.jsonl',
        format: 'json',
      },
    ]);
  });

  it('still finds the tables and columns while a later statement is half typed', () => {
    const tables = sqlCatalog(`${BID}SELECT pr FROM`);
    expect(tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual([['Bid', ['bidtime', 'price', 'item']]]);
  });
});

/** The column just after the last character of the script. */
const endOf = (text: string) => text.split('\n').at(-1)!.length + 1;

describe('sqlCompletions', () => {
  it("offers the script's columns in a select list", () => {
    const text = `${BID}SELECT pr FROM Bid;`;
    const got = sqlCompletions(text, 7, 10);
    expect(got.find((c) => c.label === 'price')).toEqual({ label: 'price', kind: 'column', detail: 'Bid.price DECIMAL(10, 2)' });
    expect(got.some((c) => c.kind === 'table')).toBe(false);
  });

  it("offers the script's tables after FROM, with the window columns once a TVF is written", () => {
    const text = `${BID}SELECT * FROM B`;
    const got = sqlCompletions(text, 7, 16);
    expect(got.filter((c) => c.kind === 'table').map((c) => c.label)).toEqual(['Bid']);
    const tvf = `${BID}SELECT item FROM TABLE(TUMBLE(TABLE B`;
    expect(sqlCompletions(tvf, 7, endOf(tvf)).filter((c) => c.kind === 'table').map((c) => c.label)).toEqual(['Bid']);
    const descriptor = `${BID}SELECT item FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(b`;
    expect(sqlCompletions(descriptor, 7, endOf(descriptor)).map((c) => c.label)).toContain('bidtime');
    const windowed = `${BID}SELECT w FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))`;
    expect(sqlCompletions(windowed, 7, 9).map((c) => c.label)).toContain('window_start');
  });
});

describe('checkSql', () => {
  it('returns the compiled job of a good script', () => {
    const r = checkSql(`${BID}SELECT item FROM Bid;`, 'q');
    expect(r.ok && r.job.nodes.map((n) => n.kind)).toContain('sink.collect');
  });

  it('underlines the word an error points at: an unknown column, a syntax error', () => {
    const r = checkSql(`${BID}SELECT itme FROM Bid;\nSELEC x FROM Bid;`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.column, p.endLine, p.endColumn])).toContainEqual([8, 1, 8, 6]);
    const r2 = checkSql(`${BID}SELECT itme FROM Bid;`);
    if (r2.ok) throw new Error('expected a problem');
    expect(r2.problems).toEqual([expect.objectContaining({ line: 7, column: 8, endLine: 7, endColumn: 12, message: expect.stringMatching(/unknown column itme/) })]);
  });
});
