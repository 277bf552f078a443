/**
 * `npm run bench -- --cli`: how long `npx eddy` takes to start. Runs `node bin/eddy.js` as a user
 * would — `--version`, `--help`, and `run` of a 10-record job on the inline host and in slot
 * workers — each K times after one warm-up (which builds the bundles if the sources changed), and
 * reports the median and the slowest wall-clock time of the whole process against issue 14's
 * target: a 10-record job returns in < 0.5 s; `--version` and `--help` instant (< 0.2 s).
 * Writes bench/results/cli-start.json.
 *
 *   npm run bench -- --cli [--runs K]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, percentile } from './trace-step-back.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A job of ten records: a collection source, a map, a collect sink. */
function tenRecordJob(): object {
  return {
    format: 'eddy/job@1',
    name: 'ten records',
    nodes: [
      { id: 'numbers', kind: 'source.collection', params: { records: Array.from({ length: 10 }, (_, i) => ({ n: i })) } },
      { id: 'double', kind: 'map', params: { code: '(r) => ({ n: r.n * 2 })' } },
      { id: 'out', kind: 'sink.collect', params: {} },
    ],
    edges: [
      { from: 'numbers', to: 'double' },
      { from: 'double', to: 'out' },
    ],
  };
}

interface Case {
  name: string;
  args: string[];
  targetMs: number;
}

export async function runCliBench(argv: readonly string[]): Promise<void> {
  const runs = option(argv, '--runs', 10);
  const dir = mkdtempSync(join(os.tmpdir(), 'eddy-cli-bench-'));
  const job = join(dir, 'ten.json');
  writeFileSync(job, JSON.stringify(tenRecordJob()));
  const cases: Case[] = [
    { name: 'eddy --version', args: ['--version'], targetMs: 200 },
    { name: 'eddy --help', args: ['--help'], targetMs: 200 },
    { name: 'eddy run (10 records, inline)', args: ['run', job], targetMs: 500 },
    { name: 'eddy run (10 records, --host workers)', args: ['run', job, '--host', 'workers'], targetMs: 500 },
  ];
  console.log(`eddy bench --cli: ${runs} runs each after a warm-up; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const results = [];
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['bin/eddy.js', ...c.args], { cwd: ROOT, encoding: 'utf8' });
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`${c.name} exited with ${r.status}: ${r.stderr}`);
      if (c.args[0] === 'run' && r.stdout.trim().split('\n').length !== 10) throw new Error(`${c.name} printed ${r.stdout}`);
      if (i > 0) times.push(ms);
    }
    const median = percentile(times, 0.5);
    const max = Math.max(...times);
    const holds = median < c.targetMs;
    results.push({ name: c.name, medianMs: median, maxMs: max, targetMs: c.targetMs, holds });
    console.log(`${c.name.padEnd(40)} median ${median.toFixed(0).padStart(5)} ms, slowest ${max.toFixed(0).padStart(5)} ms — target < ${c.targetMs} ms: ${holds ? 'holds' : 'does not hold'}`);
  }
  rmSync(dir, { recursive: true, force: true });
  const out = join(ROOT, 'bench', 'results', 'cli-start.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), load: os.loadavg(), runs, results }, null, 2) + '\n');
  console.log(`written ${out}`);
}
