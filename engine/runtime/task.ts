/**
 * A task: one subtask of a plan vertex — its chain of operators, the input gate that feeds the
 * head, and the record writers of the chain's network edges. It does one unit of work per
 * `step` (one source record, or one record or event from its input), so a host can run it in
 * bursts or step it for teaching. Hosts own scheduling, channels and the clock. The chain itself
 * is built by `task-chain.ts`.
 */
import { StateSizeEstimator } from '../checkpoint/state-size.js';
import type { ChannelReceiver, ChannelSender } from '../net/channel.js';
import type { RecordWriter } from '../net/record-writer.js';
import type { InputIndex, OperatorIO, OperatorSnapshot, SourceOperator, StreamOperator } from '../operators/operator.js';
import { SourceStatus, isSource } from '../operators/operator.js';
import type { ExecutionPlan, PlanVertex } from '../plan/execution-plan.js';
import { type BarrierMode, type GateRuntime, InputGate } from './input-gate.js';
import { attribute } from './operator-error.js';
import type { OperatorOutput, OutputRuntime } from './operator-output.js';
import type { ProgressBeacon } from './progress-beacon.js';
import { buildOperatorContext } from './operator-context.js';
import { inputPortName, tracedRecordHandler } from './task-trace.js';
import type { Tracer } from '../operators/tracer.js';
import type { TimerQueuesState } from '../time/timer-service.js';
import { type ChaosCommand, TaskChaos, armFailure } from './task-chaos.js';
import { type ChainEntry, buildChain } from './task-chain.js';
import { TaskSnapshots, type UnalignedCut } from './task-snapshots.js';
import { type OperatorStats, chainStats, outputBlocked, outputBufferUsage } from './task-stats.js';

/** Source records emitted per `stepBatch`. */
const SOURCE_RUN = 256;
/** How often a finished chain with an operator still flushing looks again (ms of processing time). */
const DRAIN_POLL_MS = 5;

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

/** A task's state between steps beyond its operators' snapshots, as `saveRuntime` takes it. */
export interface TaskRuntime {
  readonly state: TaskState;
  readonly wakeups: number[];
  readonly waiting: boolean;
  readonly gateIdle: boolean;
  readonly cut: unknown;
  readonly finalState: Record<string, OperatorSnapshot> | null;
  readonly gate: GateRuntime | null;
  readonly outputs: OutputRuntime[];
  readonly writers: Array<number | null>;
  readonly operators: unknown[];
  readonly timers: Array<TimerQueuesState | null>;
}

export class Task {
  readonly name: string;
  state: TaskState = 'running';
  private readonly chain: ChainEntry[];
  /** Time spent in `step` (ms), for the busy metric; hosts add to it. */
  busyMs = 0;
  /** Time spent unable to send for lack of credit (ms), for the back-pressured metric; hosts add to it. */
  backPressuredMs = 0;
  private readonly writers: RecordWriter[];
  /** Per writer: the chain member it belongs to and its physical edge (for in-flight output). */
  private readonly writerIds: ReadonlyArray<{ node: string; edge: number }>;
  /** Checkpoint barriers, unaligned cuts, in-flight replay and the final state (see task-snapshots). */
  private readonly snapshots: TaskSnapshots;
  private readonly gate: InputGate | null;
  private readonly source: SourceOperator | null;
  private readonly wakeups: number[] = [];
  private waiting = false;
  /** The chain has finished, but an operator is still delivering output (see `flushing`). */
  private draining = false;
  private gateIdle = false;
  private readonly stateSize = new StateSizeEstimator();
  /** The beacon index of the node a burst of this task names (see `chainSuspects`). */
  readonly watchNode: number;
  /** Chaos controls in effect (see task-chaos); null on the normal path. */
  private chaos: TaskChaos | null = null;
  /** The chain head when it waits for async work (asyncMap heads its task), else null. */
  private readonly asyncHead: StreamOperator | null;
  /** An operator notified the mailbox: the next step runs `processMail`. */
  private mail = false;
  /** The input ended while the async head still had work: the chain finishes once it drained. */
  private finishPending = false;
  private readonly mailbox = {
    notify: (): void => {
      if (this.mail) return;
      this.mail = true;
      this.env.onMail?.();
    },
  };

  constructor(
    readonly plan: ExecutionPlan,
    readonly vertex: PlanVertex,
    readonly subtaskIndex: number,
    private readonly env: TaskEnvironment,
  ) {
    this.name = `${vertex.id}#${subtaskIndex}`;
    const built = buildChain(plan, vertex, subtaskIndex, env);
    this.chain = built.chain;
    this.writers = built.writers;
    this.writerIds = built.writerIds;
    this.watchNode = built.watchNode;
    this.snapshots = new TaskSnapshots(this, this.chain, this.writers, this.writerIds, env, (nodeId, f) => this.guard(nodeId, f));

    const head = this.chain[0]!.op;
    this.source = isSource(head) ? head : null;
    this.asyncHead = head.acceptsInput !== undefined ? head : null;
    if (this.source === null) {
      const gateChannels = vertex.inputs.flatMap((e) => (env.inputs.get(e) ?? []).map((receiver) => ({ receiver, input: plan.edges[e]!.input })));
      const twoInputs = vertex.inputs.some((e) => plan.edges[e]!.input === 1);
      const tracer = env.tracer;
      const headNode = this.chain[0]!.node;
      this.gate = new InputGate(gateChannels, twoInputs ? 2 : 1, {
        onRecord: tracer ? tracedRecordHandler(tracer, headNode.id, headNode.kind, (v, ts, input, kind) => head.processElement(v, ts, input, kind)) : (v, ts, input, kind) => {
          // A failure names the record the head was processing (inner operators name theirs).
          try {
            head.processElement(v, ts, input, kind);
          } catch (e) {
            throw attribute(e, headNode.id, v);
          }
        },
        onWatermark: (w) => head.processWatermark(w),
        onIdle: (idle) => {
          this.gateIdle = idle;
          head.processIdle(idle);
        },
        onInputEnded: (input) => this.onInputEnded(input),
        onBarrier: (id, alignmentMs) => this.snapshots.checkpoint(id, alignmentMs),
        onUnalignedBarrier: (id) => this.snapshots.startUnaligned(id),
        onUnalignedComplete: (id, inFlight) => this.snapshots.completeUnaligned(id, inFlight),
        now: () => env.now(),
      }, env.checkpoints?.barrierMode ?? 'exactly-once', tracer ? { tracer, node: headNode.id, ports: [inputPortName(headNode.kind, 0), inputPortName(headNode.kind, 1)] } : null);
    } else this.gate = null;
  }

  /** Opens the operators, last first, so a head emitting in `open` finds its downstream ready. */
  open(): void {
    const clock = { now: () => this.env.now(), scheduleWakeup: (t: number) => this.wakeups.push(t) };
    for (let i = this.chain.length - 1; i >= 0; i--) {
      const entry = this.chain[i]!;
      entry.ctx = buildOperatorContext(this.plan, entry.node, this.subtaskIndex, clock, this.env.io, this.env.tracer, this.mailbox);
      this.guard(entry.node.id, () => entry.op.open(entry.ctx!, entry.output));
    }
  }

  get headId(): string {
    return this.vertex.id;
  }

  get isSource(): boolean {
    return this.source !== null;
  }

  /** True when `step` can do something now. */
  canRun(): boolean {
    if (this.state !== 'running' || this.draining) return false;
    if (this.snapshots.replay !== null) return true;
    const chaos = this.chaos;
    if (chaos?.holds(this.env.now())) return false;
    for (const w of this.writers) if (!w.canSend()) return false;
    if (this.mail) return true;
    if (chaos?.hasInjected) return true;
    if (this.source !== null) return !this.waiting;
    // A full async head takes nothing more: the input waits in its channels (back-pressure).
    if (this.asyncHead !== null && !this.asyncHead.acceptsInput!()) return false;
    return this.gate!.hasWork();
  }

  /**
   * Calls of an async operator are in flight, or a live source waits for its connection's data,
   * and nothing but their completion (the mailbox) can move this task on: a virtual clock must
   * not jump ahead of them.
   */
  awaitsCalls(): boolean {
    if (this.state !== 'running' || this.mail) return false;
    // A live source waiting for its connection's data (it wakes the task through the mailbox).
    if (this.source !== null) return this.waiting && this.source.awaitsCalls?.() === true;
    return this.asyncHead !== null && this.asyncHead.awaitsCalls?.() === true;
  }

  /**
   * Applies a chaos control to this task when it runs `command.nodeId`; returns whether it did.
   * Pausing and injecting need the node to be this task's source.
   */
  applyChaos(command: ChaosCommand): boolean {
    if (this.state !== 'running') return false;
    const member = this.chain.find((c) => c.node.id === command.nodeId);
    if (member === undefined) return false;
    if (command.kind === 'throw-next') {
      armFailure(member.op, command.nodeId);
      return true;
    }
    if (command.kind === 'end') {
      this.chaos?.end();
      return this.chaos !== null;
    }
    const chaos = (this.chaos ??= new TaskChaos(
      this.chain.map((c) => c.output),
      (i) => this.chain[i]!.output.outputIdle,
    ));
    const now = this.env.now();
    if (command.kind === 'slow') chaos.slow(now, command.delayMs, command.seconds);
    else if (this.source === null) return false;
    else if (command.kind === 'pause-source') chaos.pause(now, command.seconds, command.idle);
    else chaos.inject(command.value, command.timestamp);
    return true;
  }

  /** True when the task has work but some output channel has no credit: it is back-pressured. */
  isBackPressured(): boolean {
    if (this.state !== 'running') return false;
    if (this.source !== null ? this.waiting : !this.gate!.hasWork()) return false;
    return outputBlocked(this.writers);
  }

  /** Output buffers in use over all output buffers, 0…1 (Flink's outPoolUsage). */
  outputBufferUsage(): number {
    return outputBufferUsage(this.writers);
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
    if (this.state !== 'running' || this.draining) return false;
    // try/catch inline rather than `guard`: this is the per-record path, no closures.
    try {
      if (this.snapshots.replay !== null) {
        this.snapshots.replayInFlight();
        return true;
      }
      if (this.chaos?.emitInjected()) return true;
      if (this.mail) {
        this.runMail();
        return true;
      }
      if (this.source === null) return this.gate!.step();
      if (this.waiting) return false;
      const status = this.source.emitNext();
      if (status === SourceStatus.END) this.finishChain();
      else if (status === SourceStatus.WAIT) this.waiting = true;
      return true;
    } catch (e) {
      this.state = 'failed';
      throw attribute(e, this.headId);
    }
  }

  /**
   * Like `step`, in bigger units for hosts running bursts: the rest of an input batch, or up to
   * SOURCE_RUN source records. Returns the records and events processed, 0 when there was
   * nothing to do. Throws OperatorError.
   */
  stepBatch(): number {
    if (this.state !== 'running' || this.draining) return 0;
    try {
      if (this.snapshots.replay !== null) {
        this.snapshots.replayInFlight();
        return 1;
      }
      const chaos = this.chaos;
      if (chaos !== null) {
        if (chaos.emitInjected()) return 1;
        const now = this.env.now();
        if (chaos.slowed(now)) {
          // One record, then a pause: the chaos control's delay per record.
          if (!this.step()) return 0;
          this.busyMs += chaos.sleepAfterStep(now);
          return 1;
        }
      }
      if (this.mail) {
        this.runMail();
        return 1;
      }
      const source = this.source;
      // An async head is fed one record at a time: `canRun` checks its capacity before each.
      if (source === null) return this.asyncHead === null ? this.gate!.stepBatch() : this.gate!.step() ? 1 : 0;
      if (this.waiting) return 0;
      for (let n = 1; ; n++) {
        const status = source.emitNext();
        if (status === SourceStatus.END) {
          this.finishChain();
          return n;
        }
        if (status === SourceStatus.WAIT) {
          this.waiting = true;
          return n;
        }
        if (n >= SOURCE_RUN) return n;
      }
    } catch (e) {
      this.state = 'failed';
      throw attribute(e, this.headId);
    }
  }

  /**
   * The lab's injection (`trace/`): the chain head emits `element` as if its input had it next —
   * a record goes through the chain and the partitioner, a watermark leaves if it moves forward.
   * Throws OperatorError.
   */
  emitInjected(element: { readonly value: unknown; readonly timestamp: number } | { readonly watermark: number }): void {
    const head = this.chain[0]!;
    this.guard(head.node.id, () => {
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
    let min = this.chaos === null ? Infinity : this.chaos.wakeup();
    for (const t of this.wakeups) if (t < min) min = t;
    return min;
  }

  /** Lets every operator fire what is due at `now`. */
  fireProcessingTime(now: number): void {
    if (this.state !== 'running') return;
    if (this.draining) {
      let w = 0;
      for (const t of this.wakeups) if (t > now) this.wakeups[w++] = t;
      this.wakeups.length = w;
      if (this.chainFlushing()) this.wakeups.push(now + DRAIN_POLL_MS);
      else this.completeFinish();
      return;
    }
    if (this.chaos !== null) {
      // A chaos deadline (end of a pause or sleep) is a wakeup of its own, not the operators'.
      if (!this.chaos.expire(now)) this.chaos = null;
      if (!this.wakeups.some((t) => t <= now)) return;
    }
    let w = 0;
    for (const t of this.wakeups) if (t > now) this.wakeups[w++] = t;
    this.wakeups.length = w;
    this.waiting = false;
    for (const { node, op } of this.chain) this.guard(node.id, () => op.onProcessingTime(now));
    this.finishWhenDrained();
  }

  /** Runs the operators' mail: completions of async work, in the task loop. */
  private runMail(): void {
    this.mail = false;
    // A source's mail is data that arrived: it may emit again.
    if (this.source !== null) this.waiting = false;
    for (const { node, op } of this.chain) if (op.processMail !== undefined) this.guard(node.id, () => op.processMail!());
    this.finishWhenDrained();
  }

  private finishWhenDrained(): void {
    if (this.finishPending && this.state === 'running' && !this.asyncHead!.hasPendingWork!()) {
      this.finishPending = false;
      this.finishChain();
    }
  }

  /**
   * The coordinator's trigger. A running source (or a task draining async calls after its
   * input ended) snapshots its chain and sends barrier `id` downstream; a finished task reports
   * the state it finished with; any other task waits for the barrier to reach it through its
   * inputs.
   */
  triggerCheckpoint(id: number, unaligned = false): void {
    if (this.state === 'finished') this.snapshots.reportFinished(id);
    // Its input has ended, so no barrier will reach it: it reports its state as a finished task does.
    else if (this.draining && this.source === null) this.snapshots.reportDraining(id);
    else if (this.state === 'running' && (this.source !== null || this.finishPending)) {
      // A task whose inputs all ended but which still drains async calls gets no barrier from
      // them: it is triggered like a source (Flink's checkpoints after tasks finished, FLIP-147).
      if (unaligned) this.snapshots.checkpointSourceUnaligned(id);
      else this.snapshots.checkpoint(id);
    }
  }

  /**
   * What the task knows between two steps beyond its operators' snapshots — status, wakeups,
   * the input gate's valves and barriers, each output's last watermark, operators' transient
   * state — as plain data, so the stepping host (`trace/`) can go back to a step exactly.
   */
  saveRuntime(): TaskRuntime {
    return structuredClone({
      state: this.state,
      wakeups: this.wakeups,
      waiting: this.waiting,
      gateIdle: this.gateIdle,
      cut: this.snapshots.cut,
      finalState: this.snapshots.finalState,
      gate: this.gate?.saveRuntime() ?? null,
      outputs: this.chain.map((c) => c.output.saveRuntime()),
      writers: this.writers.map((w) => w.saveRuntime()),
      operators: this.chain.map((c) => c.op.saveTransient?.()),
      timers: this.chain.map((c) => c.ctx?.keyed?.timers.saveQueues() ?? null),
    });
  }

  /** Loads what `saveRuntime` took, into a task of the same plan opened with the same operator snapshots. */
  loadRuntime(saved: TaskRuntime): void {
    const s = structuredClone(saved);
    this.state = s.state;
    // Timers first: re-adding processing-time timers asks for wakeups, which the saved list replaces.
    this.chain.forEach((c, i) => {
      const timers = s.timers[i];
      if (timers) c.ctx?.keyed?.timers.loadQueues(timers);
    });
    this.wakeups.length = 0;
    this.wakeups.push(...s.wakeups);
    this.waiting = s.waiting;
    this.gateIdle = s.gateIdle;
    this.snapshots.cut = s.cut as UnalignedCut | null;
    this.snapshots.finalState = s.finalState;
    if (s.gate !== null) this.gate?.loadRuntime(s.gate);
    this.writers.forEach((w, i) => {
      w.loadRuntime(s.writers[i]!);
    });
    this.chain.forEach((c, i) => {
      c.output.loadRuntime(s.outputs[i]!);
      if (s.operators[i] !== undefined) c.op.loadTransient?.(s.operators[i]);
    });
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
    return this.gateIdle;
  }

  get recordsIn(): number {
    return this.gate?.recordsIn ?? 0;
  }

  cancel(): void {
    if (this.state === 'running') this.state = 'canceled';
    this.closeAll();
  }

  private onInputEnded(input: InputIndex): void {
    const head = this.chain[0]!.op;
    head.endInput(input);
    if (!this.gate!.finished) return;
    // Flink's AsyncWaitOperator waits for its queue to drain before the task finishes.
    if (head.hasPendingWork?.() === true) this.finishPending = true;
    else this.finishChain();
  }

  /** All input ended: finish the operators in chain order, then end every output channel. */
  private finishChain(): void {
    this.chain.forEach(({ node, op }, i) => {
      this.guard(node.id, () => {
        if (i > 0) op.endInput(0);
        op.finish();
      });
    });
    if (this.chainFlushing()) {
      this.draining = true;
      this.wakeups.push(this.env.now() + DRAIN_POLL_MS);
      return;
    }
    this.completeFinish();
  }

  /** Whether an operator of the chain still delivers output asynchronously (throws when that failed). */
  private chainFlushing(): boolean {
    let flushing = false;
    for (const { node, op } of this.chain) if (op.flushing !== undefined && this.guard(node.id, () => op.flushing!())) flushing = true;
    return flushing;
  }

  private completeFinish(): void {
    this.draining = false;
    this.snapshots.keepFinal();
    for (const w of this.writers) w.broadcastEvent({ kind: 'end' });
    this.state = 'finished';
    this.closeAll();
  }

  private closeAll(): void {
    for (const { op } of this.chain) {
      try {
        op.close();
      } catch {
        // Closing is best effort; the failure that matters was already reported.
      }
    }
  }

  private guard<T>(nodeId: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      this.state = 'failed';
      throw attribute(e, nodeId);
    }
  }
}
