/**
 * One attempt of an inline job, inside a worker thread (the CLI's `--host inline`): the same
 * deterministic InlineJob, on a thread the main thread can terminate when its watchdog sees a
 * function that never returns. Output lines leave at every yield of the job, so what was produced
 * before a hang has already reached the main thread. The recovery loop stays on the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CheckpointStats } from '../../checkpoint/coordinator.js';
import { createCoordinator } from '../../checkpoint/recovery.js';
import type { CheckpointMetadata, CheckpointStorage, CompletedCheckpoint } from '../../checkpoint/storage.js';
import { type FailureOrigin, JobFailure, type ParamProblem } from '../../graph/errors.js';
import type { OperatorSnapshot, StreamedLines } from '../../operators/operator.js';
import type { ExecutionPlan } from '../../plan/execution-plan.js';
import { ProgressBeacon } from '../../runtime/progress-beacon.js';
import { InlineJob } from '../inline-host.js';
import type { SubtaskMetrics } from '../slot-protocol.js';
import { FileCheckpointStorage } from './file-storage.js';
import { nodeIO } from './node-io.js';

/** What the main thread hands the inline thread (structured-cloned). */
export interface InlineThreadData {
  readonly plan: ExecutionPlan;
  readonly restore?: Record<string, OperatorSnapshot[]>;
  readonly restoredCheckpointId?: number;
  readonly clock: 'system' | 'virtual';
  readonly metrics: boolean;
  /** Post each checkpoint's stats (the main thread's `onCheckpoint`). */
  readonly checkpointStats: boolean;
  /** File checkpoint storage opened by this thread; absent = the main thread's storage, by message. */
  readonly checkpointDir?: string;
  readonly baseDir: string;
  readonly inputs: ReadonlyMap<string, string>;
  readonly beacon: SharedArrayBuffer;
  readonly markedVertices: readonly string[];
  /** The main thread reads standard input as a stream: file sources with path "-" ask it for lines. */
  readonly readsLines: boolean;
}

export type StorageOp = 'save' | 'list' | 'load' | 'remove';

/** Inline thread → main thread. */
export type FromInlineThread =
  | { readonly type: 'out'; readonly text: string }
  | { readonly type: 'metrics'; readonly samples: SubtaskMetrics[] }
  | { readonly type: 'checkpoint'; readonly stats: CheckpointStats }
  | { readonly type: 'storage'; readonly call: number; readonly op: StorageOp; readonly arg?: unknown }
  /** A file source with path "-" asks for standard input's lines (the main thread owns it). */
  | { readonly type: 'read-lines'; readonly call: number; readonly nodeId: string; readonly fromLine: number }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly origin: FailureOrigin; readonly reason: string; readonly restartable: boolean; readonly param: ParamProblem | null };

/** Main thread → inline thread. */
export type ToInlineThread =
  | { readonly type: 'storage-reply'; readonly call: number; readonly value?: unknown; readonly error?: string }
  | { readonly type: 'lines'; readonly call: number; readonly lines?: StreamedLines; readonly error?: string }
  /** Fault injection (--chaos): the job fails as if its thread had crashed. */
  | { readonly type: 'inject-failure'; readonly message: string };

/** Lines flushed at once at most (also at every yield of the job). */
const FLUSH_LINES = 4096;

/** Checkpoint storage that lives on the main thread (it must outlive a terminated inline thread). */
class ParentStorage implements CheckpointStorage {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  constructor(private readonly post: (m: FromInlineThread) => void) {}
  reply(m: Extract<ToInlineThread, { type: 'storage-reply' }>): void {
    const p = this.pending.get(m.call);
    this.pending.delete(m.call);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  }
  private call(op: StorageOp, arg?: unknown): Promise<unknown> {
    const call = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(call, { resolve, reject });
      this.post({ type: 'storage', call, op, ...(arg !== undefined ? { arg } : {}) });
    });
  }
  async save(checkpoint: CompletedCheckpoint): Promise<void> {
    await this.call('save', checkpoint);
  }
  async list(): Promise<CheckpointMetadata[]> {
    return (await this.call('list')) as CheckpointMetadata[];
  }
  async load(id: number): Promise<CompletedCheckpoint> {
    return (await this.call('load', id)) as CompletedCheckpoint;
  }
  async remove(id: number): Promise<void> {
    await this.call('remove', id);
  }
}

/** Runs one attempt and reports `done` or `failed`; the main thread then ends the thread. */
export async function runInlineThread(port: MessagePort, data: InlineThreadData): Promise<void> {
  const post = (m: FromInlineThread) => port.postMessage(m);
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    post({ type: 'out', text: lines.join('\n') + '\n' });
    lines = [];
  };
  const reads = new Map<number, { resolve: (v: StreamedLines) => void; reject: (e: Error) => void }>();
  let nextRead = 1;
  const readLines = (nodeId: string, fromLine: number) =>
    new Promise<StreamedLines>((resolve, reject) => {
      const call = nextRead++;
      reads.set(call, { resolve, reject });
      post({ type: 'read-lines', call, nodeId, fromLine });
    });
  const io = nodeIO(
    data.baseDir,
    data.inputs,
    (line) => {
      if (lines.push(line) >= FLUSH_LINES) flush();
    },
    data.readsLines ? readLines : undefined,
    // Files stream in chunks, read here in the thread (host/line-reader over host/node/file-bytes), never read whole.
    {},
  );
  const parent = data.checkpointDir === undefined ? new ParentStorage(post) : null;
  let job: InlineJob | null = null;
  let injected: string | null = null;
  port.on('message', (m: ToInlineThread) => {
    if (m.type === 'storage-reply') parent?.reply(m);
    else if (m.type === 'lines') {
      const read = reads.get(m.call);
      reads.delete(m.call);
      if (m.lines !== undefined) read?.resolve(m.lines);
      else read?.reject(new Error(m.error ?? 'no lines'));
    }
    else if (job !== null) job.injectFailure(job.tasks[0]!.headId, m.message);
    else injected = m.message;
  });
  const { plan } = data;
  const storage = parent ?? new FileCheckpointStorage(data.checkpointDir!);
  const coordinator = await createCoordinator(plan, storage, io, data.checkpointStats ? (stats) => post({ type: 'checkpoint', stats }) : undefined, data.restoredCheckpointId);
  try {
    job = new InlineJob(plan, {
      io,
      clock: data.clock,
      beacon: new ProgressBeacon(data.beacon, plan),
      markedVertices: data.markedVertices,
      onYield: flush,
      ...(data.restore ? { restore: data.restore } : {}),
      ...(coordinator ? { coordinator } : {}),
      ...(data.metrics ? { onMetrics: (samples: SubtaskMetrics[]) => post({ type: 'metrics', samples }) } : {}),
    });
    if (injected !== null) job.injectFailure(job.tasks[0]!.headId, injected);
    await job.run();
    coordinator?.finish();
    flush();
    post({ type: 'done' });
  } catch (e) {
    // What no checkpoint covers was never committed (as runWithRecovery does on one thread).
    await coordinator?.abort();
    flush();
    const f = JobFailure.ofJob(e);
    post({ type: 'failed', origin: f.origin, reason: f.reason, restartable: f.restartable, param: f.param });
  }
}
