import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';
import { compileSql } from './compile.js';

const T = `CREATE TABLE t (name STRING, n INT, price DECIMAL(10, 2), flag BOOLEAN)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');
`;
const ROWS = [
  { name: 'a_b', n: 1, price: 4, flag: true },
  { name: 'axb', n: null, price: 2.5, flag: null },
  { name: null, n: 3, price: null, flag: false },
  { name: 'a\\_b', n: 4, price: 1.25, flag: true },
];

async function run(select: string, rows: object[] = ROWS): Promise<unknown[]> {
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

const column = (values: unknown[], name: string) => values.map((v) => (v as Record<string, unknown>)[name]);

describe('CASE', () => {
  it('takes the first WHEN that is TRUE (NULL is not), else ELSE, else NULL', async () => {
    const out = await run(`SELECT CASE WHEN n > 2 THEN 'big' WHEN flag THEN 'flag' ELSE 'other' END AS a, CASE WHEN n > 2 THEN 'big' END AS b FROM t;`);
    expect(column(out, 'a')).toEqual(['flag', 'other', 'big', 'big']);
    expect(column(out, 'b')).toEqual([null, null, 'big', 'big']);
  });

  it('compares the operand of a simple CASE with each WHEN value (a NULL operand matches none)', async () => {
    const out = await run(`SELECT CASE n WHEN 1 THEN 'one' WHEN 3 THEN 'three' ELSE 'else' END AS w FROM t;`);
    expect(column(out, 'w')).toEqual(['one', 'else', 'three', 'else']);
  });

  it('widens its branches to a common type (INT and DECIMAL(2, 1) → DECIMAL(11, 1)); strings are not padded', () => {
    const c = compileSql(`${T}SELECT CASE WHEN n > 2 THEN 1 ELSE 2.5 END AS d, CASE WHEN n > 2 THEN 'big' ELSE 'x' END AS s FROM t;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.sinks[0]!.columns.map((x) => x.type)).toEqual([{ name: 'DECIMAL', precision: 11, scale: 1 }, { name: 'STRING' }]);
  });

  it('refuses branches of different kinds and a WHEN that is not a condition, naming them', () => {
    expect(errorsOf(`SELECT CASE WHEN flag THEN name ELSE n END FROM t;`)).toEqual(['3:8: CASE mixes types: column name is STRING, column n is INT (Flink: illegal mixing of types in CASE)']);
    expect(errorsOf(`SELECT CASE WHEN n THEN 1 END FROM t;`)).toEqual(['3:18: WHEN needs a condition (BOOLEAN), but column n is INT']);
  });
});

describe('IN, LIKE, IS TRUE/FALSE (three-valued logic)', () => {
  it('IN is TRUE on a match, NULL when nothing matches and a NULL is involved, NOT IN its negation', async () => {
    const out = await run(`SELECT n IN (1, 3) AS i, n IN (1, NULL) AS j, n NOT IN (1, 3) AS k FROM t;`);
    expect(column(out, 'i')).toEqual([true, null, true, false]);
    expect(column(out, 'j')).toEqual([true, null, null, null]);
    expect(column(out, 'k')).toEqual([false, null, false, true]);
  });

  it('LIKE: % any run, _ one character, no escape character unless ESCAPE names one', async () => {
    const out = await run(`SELECT name LIKE 'a%' AS a, name LIKE 'a\\_b' AS b, name LIKE 'a!_b' ESCAPE '!' AS c, name NOT LIKE 'a_b' AS d FROM t;`);
    expect(column(out, 'a')).toEqual([true, true, null, true]);
    expect(column(out, 'b')).toEqual([false, false, null, true]);
    expect(column(out, 'c')).toEqual([true, false, null, false]);
    expect(column(out, 'd')).toEqual([false, false, null, true]);
  });

  it('LIKE treats regular expression characters in the pattern as themselves', async () => {
    const out = await run(`SELECT name LIKE '(.*)%' AS a FROM t;`, [{ name: '(.*)x' }, { name: 'abc' }]);
    expect(column(out, 'a')).toEqual([true, false]);
  });

  it('fails the job on an escape character followed by anything but _, % or itself (as Flink)', async () => {
    await expect(run(`SELECT name LIKE 'a!b' ESCAPE '!' FROM t;`)).rejects.toThrow(/invalid escape sequence/);
  });

  it('IS [NOT] TRUE / FALSE never give NULL', async () => {
    const out = await run(`SELECT flag IS TRUE AS a, flag IS NOT TRUE AS b, flag IS FALSE AS c, flag IS NOT FALSE AS d FROM t;`);
    expect(out[1]).toEqual({ a: false, b: true, c: false, d: true });
    expect(out[2]).toEqual({ a: false, b: true, c: true, d: false });
  });

  it('a row passes WHERE only when the condition is TRUE', async () => {
    expect(column(await run(`SELECT name FROM t WHERE n IN (1, 4) OR name LIKE 'ax%';`), 'name')).toEqual(['a_b', 'axb', 'a\\_b']);
    expect(column(await run(`SELECT name FROM t WHERE n NOT IN (1, 3);`), 'name')).toEqual(['a\\_b']);
  });

  it('refuses operands of the wrong type, naming the column', () => {
    expect(errorsOf(`SELECT name FROM t WHERE n LIKE 'a%';`)).toEqual(['3:26: LIKE needs a string, but column n is INT']);
    expect(errorsOf(`SELECT name FROM t WHERE n IN (1, 'a');`)).toEqual(["3:26: the values of IN (…) must have compatible types: 1 is INT, 'a' is STRING"]);
    expect(errorsOf(`SELECT name FROM t WHERE flag > n;`)).toEqual(['3:26: cannot compare column flag (BOOLEAN) with column n (INT)']);
    expect(errorsOf(`SELECT n IS TRUE FROM t;`)).toEqual(['3:8: IS TRUE needs a condition (BOOLEAN), but column n is INT']);
    expect(errorsOf(`SELECT SUBSTRING(n, 1) FROM t;`)).toEqual(['3:18: SUBSTRING needs a string, but column n is INT']);
  });

  it('compares a STRING with a number by casting it, failing the job on a value that is not a number (as Flink)', async () => {
    await expect(run(`SELECT name FROM t WHERE name > 5;`)).rejects.toThrow(/column name: "a_b" is not a number/);
    expect(column(await run(`SELECT n FROM t WHERE name = 7;`, [{ name: '7', n: 1 }, { name: '8', n: 2 }]), 'n')).toEqual([1]);
  });
});

describe('string functions', () => {
  it('work on code points, 1-based, NULL in → NULL out (CONCAT_WS skips NULLs)', async () => {
    const out = await run(
      `SELECT SUBSTRING(name, 2) AS a, SUBSTR(name, -2, 1) AS b, CONCAT(name, '!') AS c, CONCAT_WS('-', name, 'x') AS d, POSITION('b' IN name) AS e, LPAD(name, 5, '*') AS f, SPLIT_INDEX(name, '_', 1) AS g, REGEXP_EXTRACT(name, '(a)(.)', 2) AS h, INITCAP(name) AS i FROM t;`,
      [{ name: 'héllo_wörld' }, { name: null }],
    );
    expect(out).toEqual([
      { a: 'éllo_wörld', b: 'l', c: 'héllo_wörld!', d: 'héllo_wörld-x', e: 0, f: 'héllo', g: 'wörld', h: null, i: 'Héllo_Wörld' },
      { a: null, b: null, c: null, d: 'x', e: null, f: null, g: null, h: null, i: null },
    ]);
  });

  it('checks their arity', () => {
    expect(errorsOf(`SELECT REPLACE(name, 'a') FROM t;`)).toEqual(['3:8: REPLACE takes 3 arguments, not 2']);
  });
});

describe('SELECT DISTINCT', () => {
  it('compiles to the select map, a keyBy on every column and a groupAggregate without aggregates', () => {
    const c = compileSql(`${T}SELECT DISTINCT flag, n > 2 AS big FROM t;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'map', 'keyBy', 'groupAggregate', 'sink.collect']);
    expect(c.job.nodes.find((n) => n.kind === 'groupAggregate')!.params).toMatchObject({ keys: ['flag', 'big'], aggregates: [] });
  });

  it('emits each distinct row once, the first time it is seen (NULL is one value)', async () => {
    expect(await run(`SELECT DISTINCT flag FROM t;`, [...ROWS, { flag: null }, { flag: true }])).toEqual([{ flag: true }, { flag: null }, { flag: false }]);
    expect(await run(`SELECT flag FROM t GROUP BY flag;`, [...ROWS, { flag: null }])).toEqual([{ flag: true }, { flag: null }, { flag: false }]);
  });

  it('refuses DISTINCT with aggregates', () => {
    expect(errorsOf(`SELECT DISTINCT COUNT(*) FROM t;`)).toEqual(['3:1: SELECT DISTINCT with GROUP BY or aggregates is not supported yet']);
  });
});

describe('quoted names and TO_TIMESTAMP_LTZ', () => {
  it('reads `name` in an expression as the column (the grammar lexes it as a string literal)', async () => {
    expect(await run('SELECT `n` + 1 AS x, `t`.`name` || \'!\' AS y FROM t WHERE `flag`;')).toEqual([
      { x: 2, y: 'a_b!' },
      { x: 5, y: 'a\\_b!' },
    ]);
  });

  it('TO_TIMESTAMP_LTZ(ms, 3) and (s, 0) give a TIMESTAMP_LTZ(3): a rowtime column computed from epoch milliseconds', async () => {
    const c = compileSql(`CREATE TABLE e (ts BIGINT, k STRING, et AS TO_TIMESTAMP_LTZ(\`ts\`, 3), WATERMARK FOR et AS et - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'e.jsonl', 'format' = 'json');
SELECT window_start, COUNT(*) AS n, MAX(TO_TIMESTAMP_LTZ(ts / 1000, 0)) AS s FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(et), INTERVAL '5' SECOND)) GROUP BY window_start, window_end;`);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const r = await runJob(c.job, { files: { 'e.jsonl': '{"ts": 1000, "k": "a"}\n{"ts": 4999, "k": "a"}\n{"ts": 7000, "k": "b"}\n' } });
    expect(r.results.map((x) => x.value)).toEqual([
      { window_start: '1970-01-01 00:00:00.000', n: 2, s: '1970-01-01 00:00:04.000' },
      { window_start: '1970-01-01 00:00:05.000', n: 1, s: '1970-01-01 00:00:07.000' },
    ]);
    expect(errorsOf('SELECT TO_TIMESTAMP_LTZ(name, 3) AS x FROM t;')).toEqual(['3:25: TO_TIMESTAMP_LTZ needs a number of milliseconds, but this is STRING']);
  });
});

describe('select items the grammar splits (dt-sql-parser reads `n + 1` as the column n and then `+ 1`)', () => {
  it('computes `n + 1` and `n - 1 - 2` without an alias, as Flink does, not the bare column', async () => {
    const out = await run(`SELECT n + 1, n - 1 - 2, n + 1 > 3 FROM t;`);
    expect(out.map((v) => Object.values(v as object))).toEqual([
      [2, -2, false],
      [null, null, null],
      [4, 0, true],
      [5, 1, true],
    ]);
  });

  it('reads a bare number or string in the select list as a literal, with or without an alias', async () => {
    const out = await run(`SELECT 1 AS a1, 'k' AS k1, 7, 'x' FROM t;`);
    expect(out[0]).toMatchObject({ a1: 1, k1: 'k' });
    expect(Object.values(out[0] as object)).toEqual([1, 'k', 7, 'x']);
  });

  it('parses CHAR_LENGTH, a keyword dt-sql-parser does not take as a function name', async () => {
    const out = await run(`SELECT CHAR_LENGTH(name), CHAR_LENGTH(name) + 1 AS len1 FROM t;`);
    expect(out.map((v) => Object.values(v as object))).toEqual([
      [3, 4],
      [3, 4],
      [null, null],
      [4, 5],
    ]);
  });

  it('refuses an expression after AS, naming it', () => {
    expect(errorsOf(`SELECT n AS x + 1 FROM t;`)).toEqual([expect.stringMatching(/^3:13: an alias is a name, not an expression: "x\+1"/)]);
  });
});

describe('INSERT INTO a sink', () => {
  it('refuses a column of another kind than the sink column, as Flink does, naming both', () => {
    const sink = `CREATE TABLE s (a INT, b STRING) WITH ('connector' = 'print');\n`;
    expect(errorsOf(`${sink}INSERT INTO s SELECT name, n FROM t;`)).toEqual([
      expect.stringMatching(/^4:15: column types of the query and sink s do not match: sink column a \(position 1\) is INT, the query gives STRING \(name\)/),
    ]);
  });

  it('writes a NULL or a number of another numeric type into a numeric column', async () => {
    const sink = `CREATE TABLE s (a BIGINT, b STRING) WITH ('connector' = 'print');\n`;
    expect(await run(`${sink}INSERT INTO s SELECT n, CAST(NULL AS STRING) FROM t;`)).toEqual([
      { a: 1, b: null },
      { a: null, b: null },
      { a: 3, b: null },
      { a: 4, b: null },
    ]);
  });
});
