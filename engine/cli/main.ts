/**
 * `eddy run`: validate a job file, plan it, run it — the inline host in one worker thread, or
 * slot workers — and print every record that reaches a collect sink as a JSON line. Exit 0 finished, 1 failed at run time, 2 invalid job
 * file or usage — errors on stderr, naming the node and the field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CheckpointStats } from '../checkpoint/coordinator.js';
import { decodeCheckpoint, restoreStateFor } from '../checkpoint/restore.js';
import { savepointToText } from '../checkpoint/savepoint-file.js';
import { type CheckpointStorage, MemoryCheckpointStorage } from '../checkpoint/storage.js';
import { FileCheckpointStorage } from '../host/node/file-storage.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import { JobFailure } from '../graph/errors.js';
import { runInlineInThread } from '../host/node/inline-thread.js';
import { nodeIO } from '../host/node/node-io.js';
import { nodeSlotSpawner } from '../host/node/node-slots.js';
import type { SubtaskMetrics } from '../host/slot-protocol.js';
import { WorkerJob } from '../host/worker-job.js';
import { planJob } from '../plan/plan-job.js';
import { skippedLinesByNode, skippedLinesText } from '../metrics/skipped-lines.js';
import { parseRunArgs, USAGE } from './args.js';
import { loadCliJob } from './load-job.js';
import { readCheckpointAt } from './read-checkpoint.js';
import { BufferedWriter } from './node-io.js';
import { type LineInput, StdinSpool } from '../host/node/stdin-spool.js';

export interface CliStreams {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, read to its end (for a file source with path "-"); absent: none. */
  stdin?(): string;
  /** Standard input as a stream of text (`eddy run`'s file source with path "-"); absent: none. */
  stdinStream?(): LineInput;
}

const processStreams: CliStreams = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stdin: () => readFileSync(0, 'utf8'),
  stdinStream: () => process.stdin,
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], streams: CliStreams = processStreams): Promise<number> {
  const spools: StdinSpool[] = [];
  try {
    return await runCli(argv, streams, spools);
  } finally {
    // Standard input, if read as a stream, no longer keeps the process alive.
    for (const s of spools) s.close();
  }
}

async function runCli(argv: readonly string[], streams: CliStreams, spools: StdinSpool[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    streams.stdout(USAGE + '\n');
    return 0;
  }
  // Loaded only for `trace`: `run` starts without it.
  if (argv[0] === 'trace') return (await import('./trace-cli.js')).traceMain(argv, streams);
  // Loaded only for SQL: the grammar is large.
  if (argv[0] === 'compile') return (await import('./sql-cli.js')).compileMain(argv, streams);
  if (argv[0] === 'state') return (await import('./state-cli.js')).stateMain(argv, streams);
  if (argv[0] === 'export') return (await import('./export-cli.js')).exportMain(argv, streams);
  const args = parseRunArgs(argv);
  if ('error' in args) {
    streams.stderr(`eddy: ${args.error}\n${USAGE}\n`);
    return 2;
  }
  let sqlJob: unknown;
  if (args.jobPath.toLowerCase().endsWith('.sql')) {
    const { loadSql } = await import('./sql-cli.js');
    const { sqlLineWriter } = await import('../sql/output.js');
    const compiled = loadSql(args.jobPath, streams);
    if (compiled === null) return 2;
    for (const plan of compiled.explain) streams.stdout(plan + '\n');
    if (compiled.sinks.length === 0) return 0;
    sqlJob = compiled.job;
    // Every row is printed as a SQL row line with its row kind and Flink's value formats.
    streams = { ...streams, stdout: sqlLineWriter(compiled.sinks, streams.stdout) };
  }
  const loaded = loadCliJob(args.jobPath, args.parallelism, args.inputs, streams, sqlJob, { streamStdin: true });
  if (loaded === null) return 2;
  const { job, baseDir, filePaths, stdinNode } = loaded;
  let spool: StdinSpool | null = null;
  if (stdinNode !== undefined) {
    if (!streams.stdinStream) {
      streams.stderr(`eddy: node "${stdinNode}", params.path "-": cannot read standard input: there is none here\n`);
      return 2;
    }
    spool = new StdinSpool(streams.stdinStream());
    spools.push(spool);
  }
  const readLines = spool ? (_nodeId: string, fromLine: number) => spool.read(fromLine) : undefined;

  const out = new BufferedWriter(streams.stdout);
  // Files stream in chunks to the slot that reads them (host/line-reader over host/node/file-bytes), never read whole.
  const io = nodeIO(baseDir, filePaths, (text) => out.line(text), readLines, {});
  const plan = planJob(job, args.parallelism !== undefined ? { parallelism: args.parallelism } : {});
  // The latest sample per subtask, for the malformed lines file sources skipped (said on stderr at the end).
  const latest = new Map<string, SubtaskMetrics>();
  const maySkipLines = job.nodes.some((n) => n.kind === 'source.file' && n.params?.ignoreParseErrors === true);
  const metrics =
    args.metrics || maySkipLines
      ? {
          onMetrics: (samples: SubtaskMetrics[]) => {
            for (const m of samples) {
              latest.set(`${m.vertex}/${m.subtask}`, m);
              if (args.metrics) streams.stderr(JSON.stringify({ metrics: m }) + '\n');
            }
          },
        }
      : {};
  const reportSkipped = (code: number) => {
    for (const [nodeId, lines] of skippedLinesByNode(latest.values())) streams.stderr(`eddy: ${skippedLinesText(nodeId, lines)}\n`);
    return code;
  };
  let restore: Record<string, OperatorSnapshot[]> | undefined;
  let restoredCheckpointId: number | undefined;
  if (args.fromSavepoint !== undefined) {
    try {
      const savepoint = await readSavepoint(args.fromSavepoint);
      restore = restoreStateFor(plan, savepoint, args.allowNonRestoredState);
      restoredCheckpointId = savepoint.id;
      streams.stderr(`eddy: restored from savepoint ${savepoint.id}; checkpoint ids go on from ${savepoint.id + 1}\n`);
    } catch (e) {
      streams.stderr(`eddy: --from-savepoint ${args.fromSavepoint}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (args.checkpointDir !== undefined && job.checkpointing === undefined) {
    streams.stderr('eddy: note: the job has no "checkpointing" block, so no checkpoints are written to --checkpoint-dir\n');
  }
  const storage = args.checkpointDir !== undefined ? new FileCheckpointStorage(resolve(args.checkpointDir)) : new MemoryCheckpointStorage();
  const lifecycle = {
    storage,
    ...(restore ? { restore } : {}),
    ...(restoredCheckpointId !== undefined ? { restoredCheckpointId } : {}),
    onRestart: (n: number, failure: JobFailure) => streams.stderr(`eddy: restart ${n} after a failure: ${failure.message}\n`),
    onCorruptCheckpoint: (e: Error) => streams.stderr(`eddy: ${e.message}; using an older checkpoint\n`),
    onCheckpoint: (c: CheckpointStats) => {
      if (args.metrics && c.status !== 'in-progress') streams.stderr(JSON.stringify({ checkpoint: c }) + '\n');
      // Not fatal (the checkpoint is stored), but storage fills up: said whether or not --metrics.
      if (c.warning !== undefined) streams.stderr(`eddy: warning: ${c.kind} ${c.id} completed, but ${c.warning}\n`);
    },
  };

  if (args.host === 'inline') {
    // In a worker thread, so a function that never returns can be stopped from here.
    return reportSkipped(await runToEnd(
      () =>
        runInlineInThread(plan, {
          clock: args.clock,
          baseDir,
          inputs: filePaths,
          ...(args.checkpointDir !== undefined ? { checkpointDir: resolve(args.checkpointDir) } : {}),
          ...(args.chaos ? { chaos: args.chaos } : {}),
          ...(args.functionTimeoutMs !== undefined ? { functionTimeoutMs: args.functionTimeoutMs } : {}),
          out: (text) => streams.stdout(text),
          ...(readLines ? { readLines } : {}),
          ...metrics,
          ...lifecycle,
        }),
      out,
      streams,
    ));
  }

  // Worker slots.
  const workers = new WorkerJob(plan, {
    io,
    spawner: nodeSlotSpawner,
    ...(args.maxSlots ? { maxSlots: args.maxSlots } : {}),
    ...metrics,
    ...lifecycle,
    ...(args.chaos ? { chaos: args.chaos } : {}),
    ...(args.functionTimeoutMs !== undefined ? { functionTimeoutMs: args.functionTimeoutMs } : {}),
    savepointAtEnd: args.savepoint !== undefined,
  });
  if (args.savepoint !== undefined && job.checkpointing === undefined) {
    streams.stderr('eddy: --savepoint needs the job\'s "checkpointing" block\n');
    return 2;
  }
  let stopped: Promise<void> | null = null;
  let written = false;
  const stop = () => {
    stopped ??= workers.stopWithSavepoint().then(
      async (m) => {
        await writeSavepoint(storage, m.id, args.savepoint!, streams);
        written = true;
      },
      (e: unknown) => void streams.stderr(`eddy: stop with savepoint failed: ${(e as Error).message}\n`),
    );
  };
  if (args.savepoint !== undefined) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  try {
    const code = reportSkipped(await runToEnd(() => workers.run(), out, streams));
    if (stopped) await stopped;
    // Also when a stop came too late: the job finished first, its final savepoint stands.
    if (!written && code === 0 && args.savepoint !== undefined && workers.finalSavepoint) await writeSavepoint(storage, workers.finalSavepoint.id, args.savepoint, streams);
    return code;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function runToEnd(run: () => Promise<void>, out: BufferedWriter, streams: CliStreams): Promise<number> {
  const flusher = setInterval(() => out.flush(), 100);
  try {
    await run();
    return 0;
  } catch (e) {
    out.flush();
    if (e instanceof JobFailure) streams.stderr(`eddy: job failed: ${e.message}\n`);
    else streams.stderr(`eddy: job failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  } finally {
    clearInterval(flusher);
    out.flush();
  }
}

/** A savepoint file, a checkpoint folder (…/chk-N), or a checkpoint directory (its latest usable one). */
async function readSavepoint(path: string) {
  return decodeCheckpoint(await readCheckpointAt(path));
}

async function writeSavepoint(storage: CheckpointStorage, id: number, path: string, streams: CliStreams): Promise<void> {
  writeFileSync(path, savepointToText(await storage.load(id)));
  streams.stderr(`eddy: savepoint ${id} written to ${path}\n`);
}
