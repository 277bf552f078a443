import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../export/examples.js';
import { main } from './main.js';

const tmp = mkdtempSync(join(tmpdir(), 'eddy-export-cli-'));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Every example the gallery ships: visual jobs and SQL scripts. */
const EXAMPLES = [
  ...readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .map((f) => join(EXAMPLES_DIR, f)),
  ...readdirSync(join(EXAMPLES_DIR, 'sql'))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => join(EXAMPLES_DIR, 'sql', f)),
];

describe('eddy export on every example in public/examples/', () => {
  for (const file of EXAMPLES) {
    const name = file.slice(EXAMPLES_DIR.length);
    it(`${name}: --to flink-java writes a Maven project, --to flink-sql prints a script or exits 2 naming the node`, async () => {
      const out = join(tmp, name.replace(/[/.]/g, '_'));
      const java = await cli('export', file, '--to', 'flink-java', '--out', out);
      expect(java.stderr).toMatch(/^eddy: wrote a Maven project of \d+ files/);
      expect(java.code).toBe(0);
      expect(existsSync(join(out, 'pom.xml'))).toBe(true);
      expect(readFileSync(join(out, 'src/main/java/eddy/job/Job.java'), 'utf8')).toContain('.uid(');
      const sql = await cli('export', file, '--to', 'flink-sql');
      if (sql.code === 0) expect(sql.stdout).toMatch(/^INSERT INTO /m);
      else {
        expect(sql.code).toBe(2);
        expect(sql.stderr).toMatch(/^eddy: cannot export .* to flink-sql: node [\w-]+(, params\.[\w.]+)?: .+\n$/);
      }
    });
  }
});

describe('eddy export SCRIPT.sql --to flink-java', () => {
  it("writes a DataStream program whose sinks print eddy run's SQL lines (the op, DECIMAL with its scale)", async () => {
    const out = join(tmp, 'changelog-java');
    expect((await cli('export', join(EXAMPLES_DIR, 'sql', 'changelog-group-by.sql'), '--to', 'flink-java', '--out', out)).code).toBe(0);
    const java = readFileSync(join(out, 'src/main/java/eddy/job/Job.java'), 'utf8');
    expect(java).toContain('.process(new GroupAggregate("group_agg", java.util.List.of("supplier_id"))');
    expect(java).toContain('.map(new SqlRowLine("result", java.util.List.of("supplier_id", "bids", "total", "top", "items"), java.util.List.of(-1, -1, 2, 2, -1)))');
  });
});

describe('eddy export --to flink-sql of a file source', () => {
  const job = (path: string) => ({
    format: 'eddy/job@1',
    nodes: [
      { id: 'readings', kind: 'source.file', params: { path, format: 'csv', timestampField: 'ts' } },
      { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 1000, intervalMs: 0 } },
      { id: 'by-sensor', kind: 'keyBy', params: { field: 'sensor' } },
      { id: 'avg', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 10_000 }, function: { type: 'aggregate', fn: 'avg', field: 'celsius' } } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'readings', to: 'wm' },
      { from: 'wm', to: 'by-sensor' },
      { from: 'by-sensor', to: 'avg' },
      { from: 'avg', to: 'out' },
    ],
  });

  it('reads the file beside the job for the columns, and --out writes the script and the CSV without its header', async () => {
    writeFileSync(join(tmp, 'readings.csv'), 'sensor,celsius,ts\nkitchen,21.5,1000\nhall,18,2000\n');
    const jobFile = join(tmp, 'sensors.json');
    writeFileSync(jobFile, JSON.stringify(job('readings.csv')));
    const out = join(tmp, 'sql-out');
    const r = await cli('export', jobFile, '--to', 'flink-sql', '--out', out);
    expect(r.stderr).toBe(`eddy: wrote ${join(out, 'job.sql')} and readings.csv\n`);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'job.sql'), 'utf8')).toContain('  `sensor` STRING,\n  `celsius` DOUBLE,\n  `ts` BIGINT,');
    expect(readFileSync(join(out, 'readings.csv'), 'utf8')).toBe('kitchen,21.5,1000\nhall,18,2000\n');
  });

  it('--input NODE=FILE gives the file; a file that cannot be read or typed exits 2 naming the node and the field', async () => {
    writeFileSync(join(tmp, 'other.csv'), 'sensor,celsius,ts\nkitchen,21,1000\n');
    const jobFile = join(tmp, 'missing.json');
    writeFileSync(jobFile, JSON.stringify(job('nowhere.csv')));
    const missing = await cli('export', jobFile, '--to', 'flink-sql');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^eddy: cannot export .*missing\.json to flink-sql: node readings, params\.path: cannot read its file, whose columns the SQL needs: ENOENT/);
    const given = await cli('export', jobFile, '--to', 'flink-sql', '--input', `readings=${join(tmp, 'other.csv')}`);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('  `celsius` BIGINT,');
    writeFileSync(join(tmp, 'mixed.csv'), 'sensor,celsius,ts\nkitchen,21,1000\nhall,warm,2000\n');
    const mixed = await cli('export', jobFile, '--to', 'flink-sql', '--input', `readings=${join(tmp, 'mixed.csv')}`);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('node readings, params.path: field "celsius" of the file holds values of several types or nested values, so its SQL type cannot be inferred');
    const bad = await cli('export', jobFile, '--to', 'flink-sql', '--input', 'readings');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--input takes NODE=FILE, got "readings"');
  });
});
