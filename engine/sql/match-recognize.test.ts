import { describe, expect, it } from 'vitest';
import { createCoordinator } from '../checkpoint/recovery.js';
import { latestUsableCheckpoint, restoreStateFor } from '../checkpoint/restore.js';
import { MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { validateJob } from '../graph/validate.js';
import { InlineJob } from '../host/inline-host.js';
import { MemoryIO } from '../host/memory-io.js';
import { planJob } from '../plan/plan-job.js';
import { runJob } from '../run-job.js';
import { until } from '../testing/until.js';
import { compileSql } from './compile.js';

const TICKER = `CREATE TABLE Ticker (
  symbol STRING, rowtime TIMESTAMP(3), price BIGINT, tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'ticker.jsonl', 'format' = 'json');
`;
const HEADER_LINES = TICKER.split('\n').length - 1;

/** Rows of `[second, price, tax]` for one symbol on one day (the docs' tables). */
const rows = (symbol: string, day: string, data: Array<[string, number, number]>) =>
  `${data.map(([t, price, tax]) => JSON.stringify({ symbol, rowtime: `${day} ${t}`, price, tax })).join('\n')}\n`;

// "Pattern Recognition", Examples: the Ticker table.
const ACME = rows('ACME', '2011-04-01', [
  ['10:00:00', 12, 1], ['10:00:01', 17, 2], ['10:00:02', 19, 1], ['10:00:03', 21, 3], ['10:00:04', 25, 2], ['10:00:05', 18, 1],
  ['10:00:06', 15, 1], ['10:00:07', 14, 2], ['10:00:08', 24, 2], ['10:00:09', 25, 2], ['10:00:10', 19, 1],
]);
// "After Match Strategy": the XYZ rows.
const XYZ = rows('XYZ', '2018-09-17', [['10:00:01', 7, 1], ['10:00:02', 9, 2], ['10:00:03', 10, 1], ['10:00:04', 5, 2], ['10:00:05', 10, 2], ['10:00:06', 7, 2], ['10:00:07', 14, 2]]);

const V_SHAPE = `SELECT * FROM Ticker MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY rowtime
  MEASURES START_ROW.rowtime AS start_tstamp, LAST(PRICE_DOWN.rowtime) AS bottom_tstamp, LAST(PRICE_UP.rowtime) AS end_tstamp
  ONE ROW PER MATCH
  AFTER MATCH SKIP TO LAST PRICE_UP
  PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
  DEFINE
    PRICE_DOWN AS (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
    PRICE_UP AS PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
) MR;`;

const skipQuery = (skip: string) => `SELECT * FROM Ticker MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY rowtime
  MEASURES SUM(A.price) AS sumPrice, FIRST(rowtime) AS startTime, LAST(rowtime) AS endTime
  ONE ROW PER MATCH ${skip}
  PATTERN (A+ C)
  DEFINE A AS SUM(A.price) < 30
);`;

function compiled(select: string) {
  const c = compileSql(`${TICKER}${select}`);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
}

async function run(select: string, data: string, parallelism = 1): Promise<unknown[]> {
  const r = await runJob(compiled(select).job, { files: { 'ticker.jsonl': data }, parallelism });
  return r.results.map((x) => x.value);
}

/** Errors as `line:column: message`, lines counted from the query (after the CREATE TABLE). */
const errorsOf = (select: string) => {
  const c = compileSql(`${TICKER}${select}`);
  if (c.ok) throw new Error('expected errors');
  return c.errors.map((e) => `${e.line - HEADER_LINES}:${e.column}: ${e.message}`);
};

const stagesOf = (pattern: string) => {
  const job = compiled(`SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES A.price AS p PATTERN (${pattern}) DEFINE A AS A.price > 0);`).job;
  return (job.nodes.find((n) => n.kind === 'cep.pattern')!.params as { pattern: unknown[] }).pattern.map((s) => {
    const { where: _where, ...rest } = s as Record<string, unknown>;
    return rest;
  });
};

describe('MATCH_RECOGNIZE compiles onto cep.pattern', () => {
  it('as a keyBy on the PARTITION BY columns, a cep.pattern node and the SELECT; output: partition columns, then measures', () => {
    const c = compiled(V_SHAPE);
    expect(c.job.nodes.map((n) => n.kind)).toEqual(['source.file', 'map', 'watermarks', 'keyBy', 'cep.pattern', 'map', 'sink.collect']);
    const cep = c.job.nodes.find((n) => n.kind === 'cep.pattern')!;
    expect(cep.params).toMatchObject({ afterMatchSkip: { skipToLast: 'PRICE_UP' } });
    expect(c.sinks[0]!.columns.map((x) => `${x.name} ${x.type.name}`)).toEqual(['symbol STRING', 'start_tstamp TIMESTAMP', 'bottom_tstamp TIMESTAMP', 'end_tstamp TIMESTAMP']);
  });

  it("maps quantifiers as Flink's StreamExecMatch: concatenation is next, loops consecutive, greedy but for ?, {n} and reluctant ones", () => {
    expect(stagesOf('A B+ C D*? E{2} F{1,3}? G{2,} H')).toEqual([
      { name: 'A', type: 'begin' },
      { name: 'B', type: 'next', oneOrMore: true, consecutive: true, greedy: true },
      { name: 'C', type: 'next' },
      { name: 'D', type: 'next', oneOrMore: true, optional: true, consecutive: true },
      { name: 'E', type: 'next', times: 2, consecutive: true },
      { name: 'F', type: 'next', times: { from: 1, to: 3 }, consecutive: true },
      { name: 'G', type: 'next', timesOrMore: 2, consecutive: true, greedy: true },
      { name: 'H', type: 'next' },
    ]);
    expect(stagesOf('A B? C* D E{0,2} F')).toEqual([
      { name: 'A', type: 'begin' },
      { name: 'B', type: 'next', optional: true },
      { name: 'C', type: 'next', oneOrMore: true, optional: true, consecutive: true, greedy: true },
      { name: 'D', type: 'next' },
      { name: 'E', type: 'next', times: { from: 0, to: 2 }, consecutive: true, greedy: true },
      { name: 'F', type: 'next' },
    ]);
  });

  it('defaults to AFTER MATCH SKIP TO NEXT ROW (Calcite\'s default) and maps the four strategies and WITHIN', () => {
    const skipOf = (clause: string) => compiled(skipQuery(clause)).job.nodes.find((n) => n.kind === 'cep.pattern')!.params as { afterMatchSkip: unknown; withinMs?: number };
    expect(skipOf('').afterMatchSkip).toBe('skipToNext');
    expect(skipOf('AFTER MATCH SKIP PAST LAST ROW').afterMatchSkip).toBe('skipPastLastEvent');
    expect(skipOf('AFTER MATCH SKIP TO NEXT ROW').afterMatchSkip).toBe('skipToNext');
    expect(skipOf('AFTER MATCH SKIP TO FIRST C').afterMatchSkip).toEqual({ skipToFirst: 'C' });
    expect(skipOf('AFTER MATCH SKIP TO LAST A').afterMatchSkip).toEqual({ skipToLast: 'A' });
    const within = compiled(`SELECT * FROM Ticker MATCH_RECOGNIZE (ORDER BY rowtime MEASURES A.price AS p PATTERN (A B) WITHIN INTERVAL '1' HOUR DEFINE A AS A.price > 0);`);
    expect(within.job.nodes.find((n) => n.kind === 'cep.pattern')!.params).toMatchObject({ withinMs: 3_600_000 });
  });

  it("refuses what Flink refuses, with Flink's reason, at the construct's line:column", () => {
    const q = (inside: string) => `SELECT * FROM Ticker MATCH_RECOGNIZE (\n${inside}\n);`;
    const base = 'MEASURES A.price AS p';
    expect(errorsOf(q(`PARTITION BY symbol ORDER BY rowtime ${base} ALL ROWS PER MATCH PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:60: ALL ROWS PER MATCH is not supported \(as in Flink: "All rows per match mode is not supported yet"\)/);
    expect(errorsOf(q(`PARTITION BY symbol ${base} PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^1:22: MATCH_RECOGNIZE needs ORDER BY rowtime \(as in Flink: "You must specify either rowtime or proctime for order by"\)/);
    expect(errorsOf(q(`ORDER BY price ${base} PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:10: MATCH_RECOGNIZE must be ordered by a time attribute first .*price is not Ticker's rowtime; order by rowtime/);
    expect(errorsOf(q(`ORDER BY rowtime DESC ${base} PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:10: .*"Primary sort order of a streaming table must be ascending on time"/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B*) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:51: B\* ends the pattern with a greedy quantifier \(as in Flink: "Greedy quantifiers are not allowed as the last element of a Pattern yet/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A?) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:40: the pattern can match no rows \(as in Flink: "Patterns that can produce empty matches are not supported/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B?? C) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:51: B\?\?: .*"Reluctant optional variables are not supported yet"/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A+ B? C) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:52: B\? is optional and follows the greedy A\+ \(as in Flink: "Optional pattern cannot be preceded by greedy pattern"\)/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B A) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:53: .*"Pattern variables must be unique"/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B{,2} C) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:52: B\{,2\}: Flink refuses \{,m\}.*write \{0,2\}/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B) DEFINE B AS B.price > PREV(B.price)`))[0]).toMatch(/^2:76: PREV\(\.\.\.\) is refused by Flink \("Flink does not support physical offsets within partition"\)/);
    expect(errorsOf(q(`ORDER BY rowtime MEASURES AVG(A.price * B.tax) AS x PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:27: AVG over the rows of A and B: an aggregate runs over the rows of one pattern variable/);
    expect(errorsOf(q(`ORDER BY rowtime MEASURES X.price AS x PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:27: X\.price: X is not a pattern variable \(A, B\)/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B) DEFINE A AS B.price > 0`))[0]).toMatch(/^2:66: B\.price: B is not a pattern variable defined before or as A/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} PATTERN (A B) DEFINE A AS A.price + 1`))[0]).toMatch(/^2:66: DEFINE A needs a condition, but this is BIGINT/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} AFTER MATCH SKIP TO FIRST A PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:40: AFTER MATCH SKIP TO FIRST A would start the next match where this one started \(Flink fails the job: "Could not skip to first element of a match."\)/);
    expect(errorsOf(q(`ORDER BY rowtime ${base} AFTER MATCH SKIP TO LAST C PATTERN (A B) DEFINE A AS A.price > 0`))[0]).toMatch(/^2:40: AFTER MATCH SKIP TO LAST C: C is not a variable of PATTERN \(A B\)/);
    // Flink 2.3 refuses both in MEASURES (run on it: a ValidationException, a CodeGenException).
    expect(errorsOf(q('ORDER BY rowtime MEASURES MATCH_NUMBER() AS n PATTERN (A B) DEFINE A AS A.price > 0'))[0]).toMatch(/^2:27: MATCH_NUMBER\(\) is not supported, as in Flink \("No match found for function signature MATCH_NUMBER\(\)"\)/);
    expect(errorsOf(q('ORDER BY rowtime MEASURES CLASSIFIER() AS c PATTERN (A B) DEFINE A AS A.price > 0'))[0]).toMatch(/^2:27: CLASSIFIER\(\) is not supported, as in Flink \("Unsupported call: CLASSIFIER\(\)"\)/);
  });
});

describe("MATCH_RECOGNIZE gives Flink's results (the Pattern Recognition docs page, checked against Flink 2.3)", () => {
  it('"Examples": the V-shape of a falling, then rising price, inline and in two slots of one job', async () => {
    const expected = [{ symbol: 'ACME', start_tstamp: '2011-04-01 10:00:04.000', bottom_tstamp: '2011-04-01 10:00:07.000', end_tstamp: '2011-04-01 10:00:08.000' }];
    expect(await run(V_SHAPE, ACME)).toEqual(expected);
    expect(await run(V_SHAPE, ACME, 2)).toEqual(expected);
  });

  it('"After Match Strategy": SKIP PAST LAST ROW, SKIP TO NEXT ROW and SKIP TO LAST A', async () => {
    const m = (sumPrice: number, s: number, e: number) => ({ symbol: 'XYZ', sumPrice, startTime: `2018-09-17 10:00:0${s}.000`, endTime: `2018-09-17 10:00:0${e}.000` });
    expect(await run(skipQuery('AFTER MATCH SKIP PAST LAST ROW'), XYZ)).toEqual([m(26, 1, 4), m(17, 5, 7)]);
    expect(await run(skipQuery('AFTER MATCH SKIP TO NEXT ROW'), XYZ)).toEqual([m(26, 1, 4), m(24, 2, 5), m(25, 3, 6), m(22, 4, 7), m(17, 5, 7)]);
    expect(await run(skipQuery('AFTER MATCH SKIP TO LAST A'), XYZ)).toEqual([m(26, 1, 4), m(25, 3, 6), m(17, 5, 7)]);
  });

  it('navigation: a plain column is the current row in DEFINE and the last row in MEASURES; FIRST/LAST count from either end; MATCH_ROWTIME() is the last row\'s time', async () => {
    const out = await run(`SELECT * FROM Ticker MATCH_RECOGNIZE (
      ORDER BY rowtime
      MEASURES A.price AS p, MATCH_ROWTIME() AS t, AVG(B.price) AS av, SUM(price) AS total, COUNT(B.tax) AS n, FIRST(price, 1) AS second_price
      AFTER MATCH SKIP PAST LAST ROW
      PATTERN (A B{2})
      DEFINE B AS B.price > A.price AND B.tax < 3 AND price > LAST(price, 1)
    ) MR;`, ACME);
    expect(out).toEqual([
      { p: 12, t: '2011-04-01 10:00:02.000', av: 18, total: 48, n: 2, second_price: 17 },
      { p: 14, t: '2011-04-01 10:00:09.000', av: 24, total: 63, n: 2, second_price: 24 },
    ]);
  });
});

describe('a MATCH_RECOGNIZE job restored from a checkpoint taken halfway', () => {
  it('gives the output of a run without failure (the NFA\'s partial matches are keyed state)', async () => {
    const checked = validateJob({ ...compiled(skipQuery('AFTER MATCH SKIP TO NEXT ROW')).job, checkpointing: { intervalMs: 86_400_000, retained: 1 } });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const plan = planJob(checked.job);
    const files = { 'ticker.jsonl': XYZ };
    const refIo = new MemoryIO(files);
    const reference = new InlineJob(plan, { io: refIo, clock: 'virtual' });
    let total = 0;
    while (reference.stepOnce()) total++;
    const expected = refIo.collected.map((x) => JSON.stringify({ sink: x.sink, value: x.value }));
    expect(expected).toHaveLength(5);

    const io = new MemoryIO(files);
    const storage = new MemoryCheckpointStorage();
    const coordinator = (await createCoordinator(plan, storage, io))!;
    const first = new InlineJob(plan, { io, clock: 'virtual', coordinator });
    for (let i = 0; i < total / 2; i++) first.stepOnce();
    const id = coordinator.begin()!;
    for (const t of first.tasks) t.triggerCheckpoint(id, false);
    while (coordinator.inProgress === id && first.stepOnce());
    await until(async () => (await storage.list()).some((m) => m.id === id));
    // The attempt fails here: what the checkpoint does not cover is discarded.
    await coordinator.abort();
    const checkpoint = await latestUsableCheckpoint(storage, (e) => {
      throw e;
    });
    const second = new InlineJob(plan, { io, clock: 'virtual', coordinator, restore: restoreStateFor(plan, checkpoint!) });
    await second.run();
    coordinator.finish();
    expect(io.collected.map((x) => JSON.stringify({ sink: x.sink, value: x.value })).sort()).toEqual([...expected].sort());
  });
});
