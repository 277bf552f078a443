/**
 * Random Flink SQL queries over random small tables, for the differential tests: window queries
 * (TUMBLE, HOP, CUMULATE or SESSION; COUNT/SUM/MIN/MAX/AVG over INT (nullable) and DECIMAL
 * columns; an optional WHERE and key; a random WATERMARK delay; rows whose timestamps arrive out
 * of order) and changelog queries (GROUP BY without a window: -U/+U rows per key).
 */
import fc from 'fast-check';

export interface WindowCase {
  /** The script; its table reads `events.jsonl` beside it. */
  sql: string;
  /** The table's rows, one JSON object per line. */
  rows: string;
  /** Some row arrives with a timestamp at or below the watermark before it (it may be dropped). */
  hasLateRows: boolean;
  /** One line saying what the case is. */
  title: string;
}

const BASE = Date.UTC(2024, 0, 1);
const fmt = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

const row = fc.record({
  // Whole seconds, some a millisecond off, so watermarks land on window ends − 1 (the firing bound).
  offsetMs: fc.tuple(fc.integer({ min: 0, max: 45 }), fc.constantFrom(0, -1, -1, 1)).map(([s, ms]) => Math.max(0, s * 1000 + ms)),
  k: fc.constantFrom('a', 'b', 'c'),
  v: fc.option(fc.integer({ min: -50, max: 50 }), { freq: 6 }),
  p: fc.integer({ min: 0, max: 10_000 }),
});

interface Window {
  fn: 'TUMBLE' | 'HOP' | 'CUMULATE' | 'SESSION';
  args: number[];
  title: string;
}

const window: fc.Arbitrary<Window> = fc.oneof(
  fc.constantFrom(5, 10, 30).map((size): Window => ({ fn: 'TUMBLE', args: [size], title: `TUMBLE ${size}s` })),
  fc.tuple(fc.constantFrom(5, 10), fc.constantFrom(2, 3)).map(([slide, n]): Window => ({ fn: 'HOP', args: [slide, slide * n], title: `HOP ${slide}s/${slide * n}s` })),
  fc.tuple(fc.constantFrom(5, 10), fc.constantFrom(2, 3, 4)).map(([step, n]): Window => ({ fn: 'CUMULATE', args: [step, step * n], title: `CUMULATE ${step}s/${step * n}s` })),
  fc.constantFrom(2, 3, 5).map((gap): Window => ({ fn: 'SESSION', args: [gap], title: `SESSION gap ${gap}s` })),
);

const AGGS = ['COUNT(*)', 'COUNT(v)', 'SUM(v)', 'MIN(v)', 'MAX(v)', 'AVG(v)', 'SUM(p)', 'MIN(p)', 'MAX(p)', 'AVG(p)'];
const WHERES = ['', 'WHERE v > 0', "WHERE k <> 'a'", 'WHERE p < 50.00', 'WHERE v IS NOT NULL'];

export const windowCase: fc.Arbitrary<WindowCase> = fc
  .record({
    rows: fc.array(row, { minLength: 1, maxLength: 30 }),
    window,
    delaySec: fc.constantFrom(1, 2, 5, 10),
    aggs: fc.uniqueArray(fc.constantFrom(...AGGS), { minLength: 1, maxLength: 4 }),
    where: fc.constantFrom(...WHERES),
    keyed: fc.boolean(),
    windowTime: fc.boolean(),
    // A probe of the firing bound: a row that moves the watermark to exactly window end − 1, then
    // a row of that window (late: Flink drops it, as the window fired at end − 1).
    probe: fc.option(fc.record({ k: fc.integer({ min: 1, max: 6 }), back: fc.integer({ min: 1, max: 4999 }), row }), { freq: 2 }),
  })
  .map((c) => {
    if (c.window.fn === 'SESSION') {
      // Sessions are per PARTITION BY key, grouped by exactly it; no probe (it aims at a fixed window end).
      c.probe = null;
      c.where = '';
    }
    const cols = ['window_start', 'window_end', ...(c.windowTime ? ['window_time'] : []), ...(c.keyed ? ['k'] : [])];
    const select = [...cols, ...c.aggs.map((a, i) => `${a} AS a${i}`)].join(', ');
    const args = c.window.args.map((s) => `INTERVAL '${s}' SECOND`).join(', ');
    const sql = `-- ${c.window.title}, watermark delay ${c.delaySec}s${c.keyed ? ', per key' : ''}${c.where ? `, ${c.where}` : ''}
CREATE TABLE Events (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  p DECIMAL(10, 2),
  WATERMARK FOR ts AS ts - INTERVAL '${c.delaySec}' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

SELECT ${select}
FROM TABLE(${c.window.fn}(TABLE Events${c.window.fn === 'SESSION' && c.keyed ? ' PARTITION BY k' : ''}, DESCRIPTOR(ts), ${args}))
${c.where ? `${c.where}\n` : ''}GROUP BY ${cols.join(', ')};
`;
    if (c.probe) {
      const end = c.probe.k * c.window.args[0]! * 1000;
      // First, so that its row is the highest timestamp so far.
      c.rows.unshift({ ...c.probe.row, offsetMs: end - 1 + c.delaySec * 1000 }, { ...c.probe.row, offsetMs: end - c.probe.back });
    }
    let max = Number.NEGATIVE_INFINITY;
    let hasLateRows = false;
    for (const r of c.rows) {
      const wm = max - c.delaySec * 1000;
      if (r.offsetMs <= wm) hasLateRows = true;
      max = Math.max(max, r.offsetMs);
    }
    const rows = rowsJson(c.rows);
    return { sql, rows, hasLateRows, title: `${c.window.title} ${c.aggs.join(' ')}${c.keyed ? ' by k' : ''} ${c.where} wm-${c.delaySec}s ${c.rows.length} rows${c.probe ? ' (probe)' : ''}`.replace(/\s+/g, ' ') };
  });

function rowsJson(rows: readonly { offsetMs: number; k: string; v: number | null; p: number }[]): string {
  return rows.map((r) => JSON.stringify({ ts: fmt(BASE + r.offsetMs), k: r.k, v: r.v, p: (r.p / 100).toFixed(2) })).join('\n') + '\n';
}

/**
 * A changelog query: GROUP BY without a window (Flink's GroupAggFunction), per key or over the
 * whole table, so every row after a key's first retracts the key's previous result (-U/+U).
 */
export const groupCase: fc.Arbitrary<WindowCase> = fc
  .record({
    rows: fc.array(row, { minLength: 1, maxLength: 30 }),
    aggs: fc.uniqueArray(fc.constantFrom(...AGGS, 'COUNT(DISTINCT v)'), { minLength: 1, maxLength: 4 }),
    where: fc.constantFrom(...WHERES),
    keyed: fc.boolean(),
  })
  .map((c) => {
    const select = [...(c.keyed ? ['k'] : []), ...c.aggs.map((a, i) => `${a} AS a${i}`)].join(', ');
    const sql = `-- GROUP BY${c.keyed ? ' k' : ' nothing (one global row)'}: a changelog${c.where ? `, ${c.where}` : ''}
CREATE TABLE Events (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  p DECIMAL(10, 2)
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

SELECT ${select}
FROM Events
${c.where ? `${c.where}\n` : ''}${c.keyed ? 'GROUP BY k\n' : ''};
`.replace('\n;', ';');
    return { sql, rows: rowsJson(c.rows), hasLateRows: false, title: `GROUP BY${c.keyed ? ' k' : ''} ${c.aggs.join(' ')} ${c.where} ${c.rows.length} rows`.replace(/\s+/g, ' ') };
  });

/** Window queries, and a changelog query one time in four. */
export const sqlCase: fc.Arbitrary<WindowCase> = fc.oneof({ weight: 3, arbitrary: windowCase }, { weight: 1, arbitrary: groupCase });
