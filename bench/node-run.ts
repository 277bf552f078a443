/**
 * Runs one benchmark series under Node in this (fresh) process and prints its runs as one JSON
 * line. bench.ts starts it once per job × host, so the JIT's type feedback of one job cannot
 * slow another. Also the entry point for profiling one series:
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir bench/results/prof bench/node-run.ts \
 *     '{"job":"keyed-window","host":"inline","parallelism":1,"runs":1,"params":{...}}'
 *
 * (params default to DEFAULT_PARAMS field by field).
 */
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { nodeThreadTimes } from '../engine/host/node/thread-times.js';
import { DEFAULT_PARAMS, type BenchParams } from './jobs.js';
import { type RunResult, type RunSpec, runOnce } from './measure.js';

interface SeriesSpec extends Omit<RunSpec, 'params'> {
  runs: number;
  params?: Partial<BenchParams>;
}

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node --import tsx bench/node-run.ts \'{"job":"keyed-window","host":"inline","parallelism":1,"runs":1}\'');
  process.exit(2);
}
const series = JSON.parse(arg) as SeriesSpec;
const spec: RunSpec = { job: series.job, host: series.host, parallelism: series.parallelism, params: { ...DEFAULT_PARAMS, ...series.params } };
const runs: RunResult[] = [];
const probes = {
  thread: nodeThreadTimes,
  process: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
};
for (let k = 0; k < series.runs; k++) runs.push(await runOnce(spec, nodeSlotSpawner, probes));
console.log(JSON.stringify({ runs }));
