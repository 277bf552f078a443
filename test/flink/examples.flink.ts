/**
 * Every SQL script Eddy ships or tests — public/examples/sql/, the cases in test/flink/cases/
 * (Flink's docs tables and late-row rules) and test/fixtures/*.sql — gives Flink's output in
 * `eddy run`, inline at p1 and in workers at p2. Flink runs them all in one JVM. Datagen tables
 * are random in Flink, so Flink reads the rows Eddy's generator made (a JSON file per table).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../engine/run-job.js';
import { compileSql } from '../../engine/sql/compile.js';
import { expectSameOutput, expectSameTable, type OracleCase, type OracleResult, ROOT, runFlink } from './oracle.js';

const exec = promisify(execFile);
const sqlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => join(dir, f));

const SCRIPTS = [
  ...sqlFiles(join(ROOT, 'public', 'examples', 'sql')),
  ...sqlFiles(join(import.meta.dirname, 'cases')),
  ...sqlFiles(join(ROOT, 'test', 'fixtures')).filter((f) => !f.endsWith('bad.sql')),
  // ORACLE_ONLY=join,topn: only the scripts whose path contains one of them, while iterating on them.
].filter((f) => !process.env.ORACLE_ONLY || process.env.ORACLE_ONLY.split(',').some((part) => f.includes(part)));

/** The rows Eddy's datagen makes for each datagen table of `script`, as JSON files Flink reads instead. */
async function datagenTables(script: string, outDir: string): Promise<Record<string, string>> {
  const text = readFileSync(script, 'utf8');
  const c = compileSql(text);
  if (!c.ok) throw new Error(`${script}: ${JSON.stringify(c.errors)}`);
  const tables: Record<string, string> = {};
  const names = new Set(c.job.nodes.filter((n) => n.kind === 'source.datagen').map((n) => (n.name ?? n.id).replace(/ \(datagen\)$/, '')));
  for (const table of names) {
    const all = compileSql(`${text}\n;\nSELECT * FROM ${table};\n`);
    if (!all.ok) throw new Error(`${script}: ${JSON.stringify(all.errors)}`);
    const sink = all.sinks[all.sinks.length - 1]!.name;
    const r = await runJob(all.job, {});
    const file = join(outDir, `${relative(ROOT, script).replace(/[/\\.]/g, '_')}_${table}.jsonl`);
    writeFileSync(file, r.results.filter((x) => x.sink === sink).map((x) => JSON.stringify(x.value)).join('\n') + '\n');
    tables[table] = file;
  }
  return tables;
}

async function eddy(script: string, ...args: string[]): Promise<string[]> {
  const { stdout } = await exec(process.execPath, ['bin/eddy.js', 'run', script, ...args], { cwd: ROOT, maxBuffer: 1 << 28 });
  return stdout.split('\n').filter((l) => l.startsWith('{'));
}

describe('every SQL script gives Flink 2.3\'s output', () => {
  let flink: Map<string, OracleResult>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-datagen-'));
    const cases: OracleCase[] = [];
    for (const script of SCRIPTS) cases.push({ script, tables: await datagenTables(script, dir) });
    flink = await runFlink(cases);
  });

  it('finds the scripts', () => {
    expect(SCRIPTS.length).toBeGreaterThanOrEqual(process.env.ORACLE_ONLY ? 1 : 8);
  });

  for (const script of SCRIPTS) {
    const name = relative(ROOT, script);
    const text = readFileSync(script, 'utf8');
    // `-- oracle: known mismatch: WHY` — Eddy is wrong there and the fix is elsewhere: the case runs
    // and must fail; once Eddy is fixed it passes, so this test fails until the marker goes.
    const known = /^-- oracle: known mismatch: (.*)$/m.exec(text)?.[1];
    const test = known ? it.fails : it;
    test(`${name}: eddy run inline p1 and in workers (p2, p1 where marked) prints Flink's rows${known ? ` — known mismatch: ${known}` : ''}`, async () => {
      const f = flink.get(script);
      if (!f?.ok) throw new Error(`Flink could not run ${name}: ${f ? f.error : 'no result'}`);
      expect(f.lines.length, `${name}: Flink printed rows`).toBeGreaterThan(0);
      // `-- oracle: changelog order — WHY`: which input's row a changelog join sees first decides its
      // change rows (in Flink too, which reads both sources at once); the table they build must match.
      const compare = /^-- oracle: changelog order/m.test(text) ? expectSameTable : expectSameOutput;
      compare(await eddy(script), f.lines, `${name} inline p1`);
      // A late row's fate at p > 1 depends on when the source subtasks that read nothing end, in
      // Flink too: such scripts say `-- oracle: p1 only` and run in workers at p1.
      const p = /^-- oracle: p1 only/m.test(text) ? '1' : '2';
      compare(await eddy(script, '--host', 'workers', '--parallelism', p), f.lines, `${name} workers p${p}`);
    });
  }
});
