import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import { runJob } from '../run-job.js';
import { compileSql } from '../sql/compile.js';
import { parseSql } from '../sql/parse.js';
import { EXAMPLES_DIR, loadExamples } from './examples.js';
import { ExportError } from './export-error.js';
import { exportFlinkSql } from './flink-sql.js';
import { exportSqlScript } from './flink-sql-script.js';

const examples = loadExamples();
const parses = (sql: string) => {
  const p = parseSql(sql);
  expect(p.ok ? [] : p.errors, sql).toEqual([]);
};

/** What every visual example exports to: a script, or the node without a SQL form and why. */
const VISUAL: Record<string, string> = {
  'clicks-per-minute': 'sql',
  'datagen-sliding': 'sql',
  'late-data': 'node readings, params.records: watermark markers in the records have no SQL form; export to flink-java',
  'fraud-detection': 'node detect: a process function has no SQL form; export to flink-java',
  sessionization: 'node sessions, params.function: a process window function has no SQL form; export to flink-java',
  'orders-payments-join': 'node paid: an interval join in SQL needs event time (a watermarks node after each source)',
  'failed-logins-cep': 'node suspicious: a CEP pattern (conditions as code) has no SQL form in this export (Flink SQL would need MATCH_RECOGNIZE); export to flink-java',
  'sensor-file': "node file: a file source's columns are not part of the job, so its CREATE TABLE cannot be written; export to flink-java",
};

describe('exportFlinkSql on the visual examples', () => {
  for (const ex of examples.filter((e) => e.sql === undefined)) {
    it(`${ex.name}: ${VISUAL[ex.name] === 'sql' ? "a script Flink's grammar parses" : 'an error naming the node'}`, () => {
      if (VISUAL[ex.name] === 'sql') parses(exportFlinkSql(ex.job, ex.file));
      else expect(() => exportFlinkSql(ex.job, ex.file)).toThrow(new ExportError(null, null, '').constructor as typeof ExportError);
      if (VISUAL[ex.name] !== 'sql') expect(() => exportFlinkSql(ex.job, ex.file)).toThrow(VISUAL[ex.name]);
    });
  }

  it('writes the watermark of a watermarks node as max − delay − 1 (SQL subtracts no extra ms), and the window as a TVF', () => {
    const sql = exportFlinkSql(examples.find((e) => e.name === 'clicks-per-minute')!.job, 'clicks.json');
    expect(sql).toContain("WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5.001' SECOND");
    expect(sql).toContain("FROM TABLE(TUMBLE(TABLE `clicks`, DESCRIPTOR(`event_time`), INTERVAL '60' SECOND))");
    expect(sql).toContain('GROUP BY window_start, window_end, window_time, `user`');
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
      const files = { 'bid.jsonl': readFileSync(join(EXAMPLES_DIR, 'sql', 'bid.jsonl'), 'utf8') };
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
