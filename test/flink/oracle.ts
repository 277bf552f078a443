/**
 * Real Apache Flink as the oracle: builds `flink/` (the Maven module, Flink 2.3.0) when its jar is
 * older than its sources, runs a batch of Flink SQL scripts in ONE JVM (one MiniCluster), and
 * compares Eddy's output lines with Flink's — as multisets (Flink's parallel output order is not
 * deterministic) and, for changelogs, also as the table the changes build.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
const MODULE = join(ROOT, 'flink');
const JAR = join(MODULE, 'target', 'eddy-flink-oracle-0.1.0.jar');
const CLASSPATH = join(MODULE, 'target', 'classpath.txt');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the runner unless its jar is newer than pom.xml and src/; offline first (Maven's cache), online if that lacks something. */
export function ensureOracle(): void {
  const sources = Math.max(statSync(join(MODULE, 'pom.xml')).mtimeMs, newestSource(join(MODULE, 'src')));
  if (existsSync(JAR) && existsSync(CLASSPATH) && statSync(JAR).mtimeMs > sources) return;
  const mvn = (offline: boolean) => execFileSync('mvn', ['-q', '-B', ...(offline ? ['-o'] : []), '-f', join(MODULE, 'pom.xml'), 'package'], { stdio: 'pipe' });
  try {
    mvn(true);
  } catch {
    mvn(false);
  }
}

export interface OracleCase {
  /** The script's path; relative filesystem paths in it resolve against its folder. */
  script: string;
  /** Tables whose connector is replaced by a JSON lines file (path relative to the script). */
  tables?: Record<string, string>;
}

export type OracleResult = { ok: true; lines: string[] } | { ok: false; error: string };

/** Runs every case in one JVM; results by script path, in order. */
export async function runFlink(cases: readonly OracleCase[]): Promise<Map<string, OracleResult>> {
  ensureOracle();
  const dir = mkdtempSync(join(tmpdir(), 'eddy-oracle-'));
  const manifest = join(dir, 'cases.json');
  writeFileSync(manifest, JSON.stringify(cases));
  const cp = `${JAR}:${execFileSync('cat', [CLASSPATH], { encoding: 'utf8' }).trim()}`;
  const { stdout } = await promisify(execFile)('java', ['-Duser.timezone=UTC', '-Xmx1g', '-cp', cp, 'dev.eddy.oracle.Runner', '--manifest', manifest], {
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  return parseOracleOutput(stdout);
}

export function parseOracleOutput(stdout: string): Map<string, OracleResult> {
  const out = new Map<string, OracleResult>();
  let script: string | null = null;
  let lines: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('#oracle begin ')) {
      script = line.slice('#oracle begin '.length);
      lines = [];
    } else if (line.startsWith('#oracle end ') && script !== null) {
      const rest = line.slice('#oracle end '.length);
      out.set(script, rest === 'ok' ? { ok: true, lines } : { ok: false, error: rest.replace(/^error /, '') });
      script = null;
    } else if (script !== null && line.startsWith('{')) {
      lines.push(line);
    }
  }
  return out;
}

interface RowLine {
  sink: string;
  op: string;
  value: unknown;
}

/**
 * The table a changelog builds, per sink: +I/+U add a row, -U/-D take one back. Rows are their
 * value's JSON text; the result is sorted. A retraction of a row that is not there is kept as
 * `!missing …` so it shows in the diff.
 */
export function appliedTable(lines: readonly string[]): string[] {
  const rows = new Map<string, number>();
  for (const l of lines) {
    const r = JSON.parse(l) as RowLine;
    const key = `${r.sink} ${JSON.stringify(r.value)}`;
    const add = r.op === '+I' || r.op === '+U' ? 1 : -1;
    rows.set(key, (rows.get(key) ?? 0) + add);
  }
  const table: string[] = [];
  for (const [k, n] of rows) {
    for (let i = 0; i < n; i++) table.push(k);
    for (let i = 0; i < -n; i++) table.push(`!missing ${k}`);
  }
  return table.sort();
}

export const isChangelog = (lines: readonly string[]) => lines.some((l) => !l.includes('"op":"+I"'));

/** Sorted, so two outputs compare as multisets. */
export const multiset = (lines: readonly string[]) => [...lines].sort();

/** Eddy's lines equal Flink's as multisets, and a changelog also builds the same table. */
export function expectSameOutput(eddyLines: readonly string[], flink: readonly string[], what: string): void {
  if (isChangelog(flink) || isChangelog(eddyLines)) expect(appliedTable(eddyLines), `${what}: the table the changelog builds`).toEqual(appliedTable(flink));
  expect(multiset(eddyLines), what).toEqual(multiset(flink));
}

/** Only the table the changelog builds matches (for changelogs whose change rows depend on which input arrives first). */
export function expectSameTable(eddyLines: readonly string[], flink: readonly string[], what: string): void {
  expect(appliedTable(eddyLines), `${what}: the table the changelog builds`).toEqual(appliedTable(flink));
  expect(appliedTable(eddyLines).some((r) => r.startsWith('!missing')), `${what}: every retraction retracts a row`).toBe(false);
}
