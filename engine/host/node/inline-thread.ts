/**
 * The CLI's inline host: each attempt runs the deterministic InlineJob in a worker thread (see
 * inline-thread-body), while this thread keeps the recovery loop, the checkpoint storage when it
 * is in memory, fault injection and the watchdog. A function that never returns blocks only the
 * inline thread: the watchdog terminates it and the restart strategy decides what follows.
 */
import { Worker } from 'node:worker_threads';
import type { CheckpointStats } from '../../checkpoint/coordinator.js';
import { WALL_CLOCK, runWithRecovery, virtualRecoveryClock } from '../../checkpoint/recovery.js';
import type { CorruptCheckpointError } from '../../checkpoint/restore.js';
import type { CheckpointStorage } from '../../checkpoint/storage.js';
import { JobFailure, messageOf } from '../../graph/errors.js';
import type { OperatorSnapshot, StreamedLines } from '../../operators/operator.js';
import type { ExecutionPlan } from '../../plan/execution-plan.js';
import { BEACON_BYTES } from '../../runtime/progress-beacon.js';
import { ChaosMonkey, type ChaosOptions } from '../chaos.js';
import type { SubtaskMetrics } from '../slot-protocol.js';
import { type Stall, Watchdog, stallFailure } from '../watchdog.js';
import type { FromInlineThread, InlineThreadData, StorageOp, ToInlineThread } from './inline-thread-body.js';
import { bundledSlotRuntime } from './node-slots.js';

export interface InlineThreadOptions {
  readonly clock: 'system' | 'virtual';
  /** The job file's folder: relative paths of file sources and sinks resolve against it. */
  readonly baseDir: string;
  /** --input overrides: file path by source node id. */
  readonly inputs: ReadonlyMap<string, string>;
  /** Where checkpoints go; with `checkpointDir` the inline thread opens the same folder itself. */
  readonly storage: CheckpointStorage;
  readonly checkpointDir?: string;
  readonly restore?: Record<string, OperatorSnapshot[]>;
  /** The id of the savepoint or checkpoint `restore` holds: checkpoint ids go on after it, as Flink's do. */
  readonly restoredCheckpointId?: number;
  /** Overrides the plan's functionTimeoutMs. */
  readonly functionTimeoutMs?: number;
  readonly chaos?: ChaosOptions;
  /** Standard input as a stream (`StdinSpool.read`), for a file source with path "-". */
  readLines?(nodeId: string, fromLine: number): Promise<StreamedLines>;
  /** Output text: whole JSON lines, in the job's order. */
  out(text: string): void;
  onMetrics?(samples: SubtaskMetrics[]): void;
  onCheckpoint?(stats: CheckpointStats): void;
  onRestart?(attempt: number, failure: JobFailure): void;
  onCorruptCheckpoint?(error: CorruptCheckpointError): void;
  onUnresponsive?(slot: number, stall: Stall | null): void;
}

/** Runs the plan to its end; rejects with the last failure once the restart strategy gives up. */
export async function runInlineInThread(plan: ExecutionPlan, options: InlineThreadOptions): Promise<void> {
  const chaos = options.chaos ? new ChaosMonkey(options.chaos) : null;
  // Chains that hung with several functions in them: marked from the next attempt on (see progress-beacon).
  const marked = new Set<string>();
  await runWithRecovery({
    plan,
    storage: options.storage,
    // The coordinator lives in the inline thread, one per attempt: it commits and aborts there.
    coordinator: null,
    initialRestore: options.restore,
    clock: options.clock === 'virtual' ? virtualRecoveryClock() : WALL_CLOCK,
    attempt: (restore) => runAttempt(plan, options, restore, chaos, marked),
    canceled: () => false,
    onRestarting: (n, failure) => options.onRestart?.(n, failure),
    onRunning: () => {},
    ...(options.onCorruptCheckpoint ? { onCorruptCheckpoint: options.onCorruptCheckpoint } : {}),
  });
}

function runAttempt(
  plan: ExecutionPlan,
  options: InlineThreadOptions,
  restore: Record<string, OperatorSnapshot[]> | undefined,
  chaos: ChaosMonkey | null,
  marked: Set<string>,
): Promise<void> {
  const beacon = new SharedArrayBuffer(BEACON_BYTES);
  const data: InlineThreadData = {
    plan,
    clock: options.clock,
    metrics: options.onMetrics !== undefined,
    checkpointStats: options.onCheckpoint !== undefined,
    baseDir: options.baseDir,
    inputs: options.inputs,
    beacon,
    markedVertices: [...marked],
    readsLines: options.readLines !== undefined,
    ...(restore ? { restore } : {}),
    ...(options.restoredCheckpointId !== undefined ? { restoredCheckpointId: options.restoredCheckpointId } : {}),
    ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
  };
  const worker = new Worker(new URL('./inline-thread-worker.mjs', import.meta.url), { name: 'eddy-inline', workerData: { runtime: bundledSlotRuntime(), data } });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (failure?: JobFailure) => {
      if (settled) return;
      settled = true;
      watchdog.stop();
      chaos?.disarm();
      void worker.terminate();
      if (failure) reject(failure);
      else resolve();
    };
    const watchdog = new Watchdog({
      plan,
      ...(options.functionTimeoutMs !== undefined ? { timeoutMs: options.functionTimeoutMs } : {}),
      markedVertices: new Set(marked),
      now: () => Date.now(),
      onTimeout: (stall) => {
        if (stall.others.length > 0) marked.add(stall.vertex);
        settle(stallFailure(stall, watchdog.timeoutMs));
      },
      onUnresponsive: (slot, stall) => options.onUnresponsive?.(slot, stall),
    });
    watchdog.watch(0, beacon);
    watchdog.start();
    const send = (m: ToInlineThread) => worker.postMessage(m);
    chaos?.arm([{ kill: () => send({ type: 'inject-failure', message: 'the inline slot was killed by fault injection' }) }], () => !settled);
    worker.on('message', (m: FromInlineThread) => {
      if (settled) return;
      switch (m.type) {
        case 'out':
          return options.out(m.text);
        case 'metrics':
          return options.onMetrics?.(m.samples);
        case 'checkpoint':
          return options.onCheckpoint?.(m.stats);
        case 'storage':
          return void storageCall(options.storage, m.op, m.arg).then(
            (value) => send({ type: 'storage-reply', call: m.call, value }),
            (e: unknown) => send({ type: 'storage-reply', call: m.call, error: messageOf(e) }),
          );
        case 'read-lines':
          return void options.readLines!(m.nodeId, m.fromLine).then(
            (lines) => send({ type: 'lines', call: m.call, lines }),
            (e: unknown) => send({ type: 'lines', call: m.call, error: messageOf(e) }),
          );
        case 'done':
          return settle();
        case 'failed':
          return settle(new JobFailure(m.origin, m.reason, undefined, m.restartable, m.param));
      }
    });
    worker.on('error', (e) => settle(JobFailure.ofJob(e, 'the inline thread crashed')));
    worker.on('exit', (code) => settle(new JobFailure({ kind: 'job' }, `the inline thread exited with code ${code}`)));
  });
}

function storageCall(storage: CheckpointStorage, op: StorageOp, arg: unknown): Promise<unknown> {
  switch (op) {
    case 'save':
      return storage.save(arg as Parameters<CheckpointStorage['save']>[0]);
    case 'list':
      return storage.list();
    case 'load':
      return storage.load(arg as number);
    case 'remove':
      return storage.remove(arg as number);
  }
}
