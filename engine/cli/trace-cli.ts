/**
 * `eddy trace`: validate a job file (or compile a SQL script as `eddy run` does), plan it, step it on the tracing host and print one JSON
 * line per step (docs/trace.md). Exit codes as `eddy run`: 0 done (or `--until` matched),
 * 1 failed at run time, 2 invalid job file or usage.
 */
import { JobFailure } from '../graph/errors.js';
import { planJob } from '../plan/plan-job.js';
import { traceStepJson } from '../trace/trace-json.js';
import { TraceStepper } from '../trace/trace-stepper.js';
import { stepMatches } from '../trace/until.js';
import { loadCliJob } from './load-job.js';
import type { CliStreams } from './main.js';
import { nodeIO } from '../host/node/node-io.js';
import { BufferedWriter } from './node-io.js';
import { TRACE_USAGE, parseTraceArgs } from './trace-args.js';

export async function traceMain(argv: readonly string[], streams: CliStreams): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    streams.stdout(TRACE_USAGE + '\n');
    return 0;
  }
  const args = parseTraceArgs(argv);
  if ('error' in args) {
    streams.stderr(`eddy: ${args.error}\n${TRACE_USAGE}\n`);
    return 2;
  }
  let sqlJob: unknown;
  if (args.jobPath.toLowerCase().endsWith('.sql')) {
    const { loadSql } = await import('./sql-cli.js');
    const compiled = loadSql(args.jobPath, streams);
    if (compiled === null) return 2;
    // stdout is the steps alone: EXPLAIN's plans go to stderr.
    for (const plan of compiled.explain) streams.stderr(plan + '\n');
    // Only EXPLAIN: as `eddy run`, the plans and nothing to step.
    if (compiled.sinks.length === 0) return 0;
    sqlJob = compiled.job;
  }
  const loaded = loadCliJob(args.jobPath, args.parallelism, args.inputs, streams, sqlJob);
  if (loaded === null) return 2;
  const plan = planJob(loaded.job, args.parallelism !== undefined ? { parallelism: args.parallelism } : {});
  // Collect sinks print nothing here: their records are the steps' sink.emit events.
  const io = nodeIO(loaded.baseDir, loaded.filePaths, () => {});
  const out = new BufferedWriter(streams.stdout);
  const stepper = new TraceStepper(plan, { io });
  try {
    for (let step = await stepper.nextAsync(); step !== null; step = await stepper.nextAsync()) {
      out.line(traceStepJson(step));
      if (args.until !== undefined && stepMatches(args.until, step)) break;
    }
    return 0;
  } catch (e) {
    out.flush();
    if (e instanceof JobFailure) streams.stderr(`eddy: job failed: ${e.message}\n`);
    else streams.stderr(`eddy: job failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  } finally {
    out.flush();
  }
}
