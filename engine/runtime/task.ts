/**
 * A task: one subtask of a plan vertex — its chain of operators, the input gate that feeds the
 * head, and the record writers of the chain's network edges. It does one unit of work per
 * `step` (one source record, or one record or event from its input), so a host can run it in
 * bursts or step it for teaching. Hosts own scheduling, channels and the clock.
 *
 * This class is the coordinator the hosts talk to; its parts do the work: `task-chain.ts` builds
 * the chain and `task-gate.ts` its input gate; `task-loop.ts` runs the step loop and the chain's
 * end; `task-snapshots.ts` takes checkpoint snapshots; `task-runtime.ts` saves and loads the
 * state between steps; `task-stats.ts` reads the metrics; `task-chaos.ts` and `task-trace.ts`
 * add chaos controls and tracing.
 */
import { StateSizeEstimator } from '../checkpoint/state-size.js';
import type { ChannelReceiver, ChannelSender } from '../net/channel.js';
import type { RecordWriter } from '../net/record-writer.js';
import type { OperatorIO, OperatorSnapshot } from '../operators/operator.js';
import { isSource } from '../operators/operator.js';
import type { ExecutionPlan, PlanVertex } from '../plan/execution-plan.js';
import type { BarrierMode, InputGate } from './input-gate.js';
import type { OperatorOutput } from './operator-output.js';
import type { ProgressBeacon } from './progress-beacon.js';
import { buildOperatorContext } from './operator-context.js';
import type { Tracer } from '../operators/tracer.js';
import type { AsyncCallDriver, AsyncCallOutcome, AsyncCallRequest } from '../operators/async-calls.js';
import { type ChaosCommand, applyChaos } from './task-chaos.js';
import { type ChainEntry, buildChain } from './task-chain.js';
import { TaskLoop } from './task-loop.js';
import { buildInputGate } from './task-gate.js';
import { type TaskParts, type TaskRuntime, loadTaskRuntime, saveTaskRuntime } from './task-runtime.js';
import { TaskSnapshots } from './task-snapshots.js';
import { type OperatorStats, chainStats, outputBlocked, outputBufferUsage } from './task-stats.js';
import { taskKey } from './task-key.js';

/** What a host hands a task. */
export interface TaskEnvironment {
  /** Current processing time (shared clock of the host). */
  now(): number;
  io: OperatorIO;
  /** Records per network batch. */
  batchSize: number;
  /** Receivers per network input edge, in upstream subtask order. */
  inputs: ReadonlyMap<number, readonly ChannelReceiver[]>;
  /** Senders per network output edge, one per downstream subtask reached, in subtask order. */
  outputs: ReadonlyMap<number, readonly ChannelSender[]>;
  /** With checkpointing on: how barriers align, and where snapshots go. */
  checkpoints?: TaskCheckpointing;
  /** With a watchdog: where the thread says which node's code runs (see progress-beacon). */
  beacon?: ProgressBeacon;
  /** Chained functions name themselves in the beacon per call (a chain that hung before). */
  markChain?: boolean;
  /** Only while the job is traced (`trace/`): every operator and the input gate report to it. */
  tracer?: Tracer;
  /** Only while the job is traced: async operators make their calls through it (see async-calls). */
  asyncCalls?: AsyncCallDriver;
  /** An operator's async work completed (its mailbox was notified): a host waiting for work should run the task. */
  onMail?(): void;
}

export interface TaskCheckpointing {
  /** Flink's CheckpointingMode: exactly-once aligns barriers, at-least-once does not block. */
  readonly barrierMode: BarrierMode;
  /** The chain's state at checkpoint `id`, taken when the barrier passed this task. */
  onSnapshot(task: Task, id: number, state: Record<string, OperatorSnapshot>, alignmentMs: number): void;
  /**
   * Unaligned checkpoint `id` took the chain's state now; its in-flight input follows with
   * `onSnapshot`. What the task's collect sinks produced so far is what checkpoint `id` covers.
   */
  onCut?(task: Task, id: number): void;
}

export type TaskState = 'running' | 'finished' | 'failed' | 'canceled';

export type { TaskRuntime } from './task-runtime.js';

export class Task {
  readonly name: string;
  private readonly chain: ChainEntry[];
  /** Time spent in `step` (ms), for the busy metric; hosts add to it. */
  busyMs = 0;
  /** Time spent unable to send for lack of credit (ms), for the back-pressured metric; hosts add to it. */
  backPressuredMs = 0;
  private readonly writers: RecordWriter[];
  /** The head's input, null for a source. */
  private readonly gate: InputGate | null;
  /** Checkpoint barriers, unaligned cuts, in-flight replay and the final state (see task-snapshots). */
  private readonly snapshots: TaskSnapshots;
  /** The step loop, the mailbox, wakeups and the chain's end; it holds the task's status (see task-loop). */
  private readonly loop: TaskLoop;
  private readonly stateSize = new StateSizeEstimator();
  /** The beacon index of the node a burst of this task names (see `chainSuspects`). */
  readonly watchNode: number;

  constructor(
    readonly plan: ExecutionPlan,
    readonly vertex: PlanVertex,
    readonly subtaskIndex: number,
    private readonly env: TaskEnvironment,
  ) {
    this.name = taskKey(vertex.id, subtaskIndex);
    const built = buildChain(plan, vertex, subtaskIndex, env);
    this.chain = built.chain;
    this.writers = built.writers;
    this.watchNode = built.watchNode;
    this.snapshots = new TaskSnapshots(this, this.chain, this.writers, built.writerIds, env, (nodeId, f) => this.loop.guard(nodeId, f));

    const head = this.chain[0]!.op;
    this.gate = isSource(head) ? null : buildInputGate(plan, vertex, env, this.chain[0]!.node, head, this.snapshots, () => this.loop);
    this.loop = new TaskLoop(this, this.chain, this.writers, this.gate, this.snapshots, env);
  }

  /** Opens the operators, last first, so a head emitting in `open` finds its downstream ready. */
  open(): void {
    const loop = this.loop;
    const clock = { now: () => this.env.now(), scheduleWakeup: (t: number) => loop.wakeups.push(t) };
    for (let i = this.chain.length - 1; i >= 0; i--) {
      const entry = this.chain[i]!;
      entry.ctx = buildOperatorContext(this.plan, entry.node, this.subtaskIndex, clock, this.env.io, this.env.tracer, loop.mailbox, this.env.asyncCalls);
      loop.guard(entry.node.id, () => entry.op.open(entry.ctx!, entry.output));
    }
  }

  /** Running until the chain finished, failed or was canceled. */
  get state(): TaskState {
    return this.loop.state;
  }

  get headId(): string {
    return this.vertex.id;
  }

  get isSource(): boolean {
    return this.loop.source !== null;
  }

  /** True when `step` can do something now. */
  canRun(): boolean {
    return this.loop.canRun();
  }

  /**
   * Calls of an async operator are in flight, or a live source waits for its connection's data,
   * and nothing but their completion (the mailbox) can move this task on: a virtual clock must
   * not jump ahead of them.
   */
  awaitsCalls(): boolean {
    return this.loop.awaitsCalls();
  }

  /**
   * Applies a chaos control to this task when it runs `command.nodeId`; returns whether it did.
   * Pausing and injecting need the node to be this task's source.
   */
  applyChaos(command: ChaosCommand): boolean {
    return applyChaos(this.loop, this.chain, this.env.now(), command);
  }

  /** True when the task has work but some output channel has no credit: it is back-pressured. */
  isBackPressured(): boolean {
    if (this.loop.state !== 'running' || !this.loop.hasWork()) return false;
    return outputBlocked(this.writers);
  }

  /** Output buffers in use over all output buffers, 0…1 (Flink's outPoolUsage). */
  outputBufferUsage(): number {
    return outputBufferUsage(this.writers);
  }

  /** Calls `beat` every few records of a large input batch (the watchdog's progress beacon). */
  watchProgress(beat: (() => void) | null): void {
    if (this.gate !== null) this.gate.progress = beat;
  }

  /** Queued input over input capacity, 0…1. */
  inputBufferUsage(): number {
    return this.gate?.bufferUsage() ?? 0;
  }

  /** The head's combined input watermark (−∞ for a source). */
  get inputWatermark(): number {
    return this.gate?.watermark ?? -Infinity;
  }

  /** One unit of work. Returns false when there was nothing to do. Throws OperatorError. */
  step(): boolean {
    return this.loop.step();
  }

  /**
   * The outcome of an async call made through `TaskEnvironment.asyncCalls`: chain member
   * `nodeId` takes it and the task runs the mail it caused now, as one unit of work. Throws
   * OperatorError (a failed call the operator does not retry fails the task).
   */
  settleCall(nodeId: string, request: AsyncCallRequest, outcome: AsyncCallOutcome): void {
    const op = this.chain.find((c) => c.node.id === nodeId)?.op;
    if (op?.settleCall === undefined) throw new Error(`node "${nodeId}" makes no async calls in task ${this.name}`);
    this.loop.settle(nodeId, () => op.settleCall!(request, outcome));
  }

  /**
   * Like `step`, in bigger units for hosts running bursts: the rest of an input batch, or up to
   * 256 source records. Returns the records and events processed, 0 when there was nothing to
   * do. Throws OperatorError.
   */
  stepBatch(): number {
    return this.loop.stepBatch();
  }

  /**
   * The lab's injection (`trace/`): the chain head emits `element` as if its input had it next —
   * a record goes through the chain and the partitioner, a watermark leaves if it moves forward.
   * Throws OperatorError.
   */
  emitInjected(element: { readonly value: unknown; readonly timestamp: number } | { readonly watermark: number }): void {
    const head = this.chain[0]!;
    this.loop.guard(head.node.id, () => {
      if ('watermark' in element) head.output.emitWatermark(element.watermark);
      else head.output.collect(element.value, element.timestamp);
    });
  }

  /** The lab's idle mark (`trace/`): every output channel gets the status, as from a source with idleness (WatermarkStatus). */
  markOutputIdle(idle: boolean): void {
    for (const w of this.writers) w.broadcastEvent({ kind: 'idle', idle });
  }

  /** Sends partly filled batches (the flush timeout). */
  flush(): boolean {
    let sent = false;
    for (const w of this.writers) {
      if (w.buffered() > 0) {
        w.flush();
        sent = true;
      }
    }
    return sent;
  }

  /** The earliest processing time an operator asked to be woken at, or Infinity. */
  nextWakeup(): number {
    return this.loop.nextWakeup();
  }

  /** Lets every operator fire what is due at `now`. */
  fireProcessingTime(now: number): void {
    this.loop.fireProcessingTime(now);
  }

  /**
   * The coordinator's trigger. A running source (or a task draining async calls after its
   * input ended) snapshots its chain and sends barrier `id` downstream; a finished task reports
   * the state it finished with; any other task waits for the barrier to reach it through its
   * inputs (or, when its upstream tasks had all finished, reports the state it finishes with).
   */
  triggerCheckpoint(id: number, unaligned = false): void {
    const loop = this.loop;
    if (loop.state === 'finished') this.snapshots.reportFinished(id);
    // Its input has ended, so no barrier will reach it: it reports its state as a finished task does.
    else if (loop.draining && loop.source === null) this.snapshots.reportDraining(id);
    else if (loop.state === 'running' && (loop.source !== null || loop.finishPending)) {
      // A task whose inputs all ended but which still drains async calls gets no barrier from
      // them: it is triggered like a source (Flink's checkpoints after tasks finished, FLIP-147).
      if (unaligned) this.snapshots.checkpointSourceUnaligned(id);
      else this.snapshots.checkpoint(id);
    } else if (loop.state === 'running') this.snapshots.awaiting = id;
  }

  /**
   * What the task knows between two steps beyond its operators' snapshots, as plain data, so the
   * stepping host (`trace/`) can go back to a step exactly (see task-runtime).
   */
  saveRuntime(): TaskRuntime {
    return saveTaskRuntime(this.parts);
  }

  /** Loads what `saveRuntime` took, into a task of the same plan opened with the same operator snapshots. */
  loadRuntime(saved: TaskRuntime): void {
    loadTaskRuntime(this.parts, saved);
  }

  private get parts(): TaskParts {
    return { loop: this.loop, snapshots: this.snapshots, gate: this.gate, chain: this.chain, writers: this.writers };
  }

  /** Snapshot of every operator in the chain, by node id. */
  snapshotState(): Record<string, OperatorSnapshot> {
    return this.snapshots.take();
  }

  restoreState(snapshots: Record<string, OperatorSnapshot | undefined>): void {
    this.snapshots.restore(snapshots);
  }

  /** Per chained operator: its output counters, watermark, idleness and state size (see `chainStats`). */
  operatorStats(now: number = this.env.now()): OperatorStats[] {
    return chainStats(this.chain, this.stateSize, now);
  }

  /** The output of chain member `nodeId` (where data taps attach), or undefined if not in this chain. */
  outputOf(nodeId: string): OperatorOutput | undefined {
    return this.chain.find((c) => c.node.id === nodeId)?.output;
  }

  /** Whether the input gate's combined status is idle (Flink's WatermarkStatus); false for a source. */
  get inputIdle(): boolean {
    return this.loop.gateIdle;
  }

  get recordsIn(): number {
    return this.gate?.recordsIn ?? 0;
  }

  cancel(): void {
    this.loop.cancel();
  }
}
