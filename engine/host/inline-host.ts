/**
 * The inline host: every subtask of a plan on one thread, deterministically. Channels are
 * in-memory queues with bounded capacity; the scheduler runs downstream tasks first (so memory
 * stays bounded), then sources, then flushes partial batches, then moves processing time. It
 * can also advance one unit of work at a time (`stepOnce`) for the teaching lab.
 *
 * Processing time is the wall clock (`clock: 'system'`) or a virtual clock that jumps to the
 * next wakeup whenever nothing else can run (`clock: 'virtual'`): deterministic, and a
 * rate-limited source finishes without waiting.
 */
import { CheckpointDriver } from '../checkpoint/periodic-trigger.js';
import type { Job, JobStatus } from './job.js';
import { JobFailure } from '../graph/errors.js';
import { LocalChannel } from '../net/local-channel.js';
import type { ChannelReceiver, ChannelSender } from '../net/channel.js';
import type { OperatorIO, OperatorSnapshot } from '../operators/operator.js';
import { type ExecutionPlan, channelTargets } from '../plan/execution-plan.js';
import type { CheckpointCoordinator } from '../checkpoint/coordinator.js';
import type { CheckpointMetadata } from '../checkpoint/storage.js';
import { encodeState } from '../checkpoint/state-codec.js';
import type { Tracer } from '../operators/tracer.js';
import type { AsyncCallDriver } from '../operators/async-calls.js';
import { MetricsSampler } from '../metrics/task-metrics.js';
import { OperatorError, failureMessage } from '../runtime/operator-error.js';
import type { SubtaskMetrics } from './slot-protocol.js';
import { Task, type TaskCheckpointing } from '../runtime/task.js';
import { type DataTapHandle, type DataTapSnapshot, type TapOptions, type TapPoint, TapAttachment, checkTapPoints } from '../runtime/data-tap.js';
import { type RoundResult, TaskScheduler } from '../runtime/task-scheduler.js';
import type { ProgressBeacon } from '../runtime/progress-beacon.js';
import { taskKey } from '../runtime/task-key.js';

export interface InlineOptions {
  io: OperatorIO;
  clock?: 'system' | 'virtual';
  /** Start of virtual time (ms); default 0. */
  startTime?: number;
  /** Records per batch on channels; 1 makes every record visible downstream at once (stepping). */
  batchSize?: number;
  /** Batches or events in flight per channel before the sender is back-pressured. */
  channelCapacity?: number;
  /** Receives per-subtask metrics every `metricsIntervalMs` (default 250) and at the end. */
  onMetrics?: (samples: SubtaskMetrics[]) => void;
  metricsIntervalMs?: number;
  /** With the plan's checkpointing: the coordinator that numbers, stores and commits checkpoints. */
  coordinator?: InlineCoordinator;
  /** Checkpoints that take longer (on the host's clock) are declined (ms). Default 60 s. */
  checkpointTimeoutMs?: number;
  /** State to start from, by node id then subtask index (from `snapshotState`). */
  restore?: Record<string, OperatorSnapshot[]>;
  /** With a watchdog on another thread: where this thread says which node's code runs. */
  beacon?: ProgressBeacon;
  /** Chains (vertex ids) whose functions mark themselves per call: they hung in an earlier attempt. */
  markedVertices?: readonly string[];
  /** Called each time `run` yields the thread (at most every 25 ms): output buffered so far can go. */
  onYield?: () => void;
  /** Only while tracing (`trace/`): the tracer every task reports to, and the channels that carry causes. */
  trace?: { tracer: Tracer; channel: (capacity: number) => ChannelSender & ChannelReceiver; asyncCalls?: AsyncCallDriver };
}

/** What the inline host needs of a checkpoint coordinator (CheckpointCoordinator, or the tracer's own). */
export type InlineCoordinator = Pick<CheckpointCoordinator, 'begin' | 'decline' | 'hold' | 'cover' | 'acknowledge' | 'inProgress'> &
  Partial<Pick<CheckpointCoordinator, 'requestSavepoint' | 'storing' | 'whenStored'>>;

export type { JobStatus } from './job.js';

/**
 * The host's IO with collect-sink records going to the coordinator instead (they wait there for
 * their checkpoint). Forwards each method, so an IO that is a class instance keeps its methods.
 */
function heldForCommit(io: OperatorIO, collect: OperatorIO['collect']): OperatorIO {
  return {
    readText: (nodeId, path) => io.readText(nodeId, path),
    appendText: (nodeId, path, text) => io.appendText(nodeId, path, text),
    collect,
    ...(io.fetch !== undefined ? { fetch: (url: string, init?: Parameters<NonNullable<OperatorIO['fetch']>>[1]) => io.fetch!(url, init) } : {}),
    ...(io.fetchBase !== undefined ? { fetchBase: io.fetchBase } : {}),
    ...(io.readLines !== undefined ? { readLines: (nodeId: string, fromLine: number, path?: string, fromByte?: number) => io.readLines!(nodeId, fromLine, path, fromByte) } : {}),
    ...(io.streamsFiles === true ? { streamsFiles: true } : {}),
    ...(io.checkInput !== undefined ? { checkInput: (nodeId: string, path: string | undefined) => io.checkInput!(nodeId, path) } : {}),
  };
}

/** How often `run` hands data-tap snapshots to their listeners (ms). */
const TAP_PUSH_MS = 200;


export class InlineJob implements Job {
  readonly tasks: Task[] = [];
  private readonly allChannels: Array<ChannelSender & ChannelReceiver> = [];
  status: JobStatus = 'created';
  failure: JobFailure | null = null;
  private virtualNow: number;
  /** Ends the run loop's wait (set while it waits). */
  private wake: (() => void) | null = null;
  private readonly virtual: boolean;
  private readonly scheduler: TaskScheduler;
  private readonly sampler: MetricsSampler | null;
  private lastSample = 0;
  private readonly coordinator: InlineCoordinator | null;
  /** Triggers checkpoints and savepoints (with the plan's checkpointing); ticked every round on the host's clock. */
  private readonly checkpoints: CheckpointDriver | null;
  /** Barriers to send at the next round boundary (a savepoint may start inside a task's acknowledgement). */
  private readonly barriers: Array<{ id: number; unaligned: boolean }> = [];
  private injected: OperatorError | null = null;
  /** Savepoints asked for and not settled: their ids once started, and how to give them up when the job ends. */
  private readonly savepoints = new Set<{ id: number | null; reject: (e: Error) => void }>();
  private readonly taps = new Set<{ attachment: TapAttachment; onSnapshot: (s: DataTapSnapshot) => void; pushed: number }>();
  private lastTapPush = 0;

  constructor(
    readonly plan: ExecutionPlan,
    private readonly options: InlineOptions,
  ) {
    this.virtual = options.clock === 'virtual';
    this.virtualNow = options.startTime ?? 0;
    const capacity = options.channelCapacity ?? 4;
    const batchSize = options.batchSize ?? 1024;

    // Wire a channel for every (upstream subtask, downstream subtask) pair of every edge.
    const outputs = new Map<string, Map<number, ChannelSender[]>>();
    const inputs = new Map<string, Map<number, ChannelReceiver[]>>();
    const slot = <T>(m: Map<string, Map<number, T[]>>, vertex: string, sub: number, edge: number): T[] => {
      const key = taskKey(vertex, sub);
      let byEdge = m.get(key);
      if (!byEdge) m.set(key, (byEdge = new Map()));
      let list = byEdge.get(edge);
      if (!list) byEdge.set(edge, (list = []));
      return list;
    };
    const parallelismOf = (vertexId: string) => plan.vertices.find((v) => v.id === vertexId)!.parallelism;
    for (const edge of plan.edges) {
      const up = parallelismOf(edge.fromVertex);
      const down = parallelismOf(edge.toVertex);
      for (let i = 0; i < up; i++) {
        for (const j of channelTargets(edge, up, down, i)) {
          const ch = options.trace ? options.trace.channel(capacity) : new LocalChannel(capacity);
          this.allChannels.push(ch);
          slot(outputs, edge.fromVertex, i, edge.index).push(ch);
          slot(inputs, edge.toVertex, j, edge.index).push(ch);
        }
      }
    }
    const now = () => this.now();
    const coordinator = options.coordinator ?? null;
    this.coordinator = coordinator;
    this.checkpoints =
      coordinator && plan.checkpointing
        ? new CheckpointDriver(coordinator, plan.checkpointing, options.checkpointTimeoutMs, (id, unaligned) => {
            this.barriers.push({ id, unaligned });
            this.wake?.();
          })
        : null;
    // With checkpointing, collect-sink results wait in the coordinator for their checkpoint.
    const io: OperatorIO = coordinator
      ? heldForCommit(options.io, (nodeId, subtask, value, kind) => coordinator.hold(taskKey(plan.nodes[nodeId]!.vertex, subtask), [kind ? [nodeId, subtask, value, kind] : [nodeId, subtask, value]]))
      : options.io;
    const checkpoints: TaskCheckpointing | undefined =
      coordinator && plan.checkpointing
        ? {
            barrierMode: plan.checkpointing.mode,
            onSnapshot: (task, id, state, alignmentMs) => {
              // Encoding a large state takes time that is not a stuck function.
              options.beacon?.beat();
              const bytes = encodeState(state);
              options.beacon?.beat();
              coordinator.acknowledge(id, task.name, bytes, alignmentMs).catch(() => {
                // Reported by the coordinator as a declined checkpoint; the job goes on.
              });
            },
            onCut: (task, id) => coordinator.cover(id, task.name),
          }
        : undefined;
    for (const vertex of plan.vertices) {
      for (let s = 0; s < vertex.parallelism; s++) {
        const key = taskKey(vertex.id, s);
        this.tasks.push(
          new Task(plan, vertex, s, {
            now,
            io,
            ...(checkpoints ? { checkpoints } : {}),
            batchSize,
            ...(options.beacon ? { beacon: options.beacon, markChain: options.markedVertices?.includes(vertex.id) === true } : {}),
            ...(options.trace ? { tracer: options.trace.tracer } : {}),
            ...(options.trace?.asyncCalls ? { asyncCalls: options.trace.asyncCalls } : {}),
            inputs: inputs.get(key) ?? new Map(),
            outputs: outputs.get(key) ?? new Map(),
            onMail: () => this.wake?.(),
          }),
        );
      }
    }
    // Busy time is measured only when someone listens: no cost on the record path otherwise.
    this.scheduler = new TaskScheduler(this.tasks, now, options.onMetrics ? () => performance.now() : null);
    this.sampler = options.onMetrics ? new MetricsSampler(this.tasks, 0, () => performance.now()) : null;
    // Batches are cut only when full or when the thread runs out of work, never on a timer, so
    // the interleaving of channels — and the results — do not depend on timing.
    this.scheduler.flushTimeoutMs = Infinity;
    this.scheduler.beacon = options.beacon ?? null;
  }

  now(): number {
    return this.virtual ? this.virtualNow : Date.now();
  }

  /** Opens every operator (and restores state when asked). Called by `run` and `stepOnce`. */
  start(): void {
    if (this.status !== 'created') return;
    this.status = 'running';
    this.guard(() => {
      for (const t of this.tasks) {
        this.options.beacon?.enter(t.subtaskIndex, t.watchNode);
        t.open();
      }
      const restore = this.options.restore;
      if (restore) {
        for (const t of this.tasks) {
          const byNode: Record<string, OperatorSnapshot | undefined> = {};
          for (const id of t.vertex.nodes) byNode[id] = restore[id]?.[t.subtaskIndex];
          t.restoreState(byNode);
        }
      }
    });
  }

  /** Runs to the end. Rejects with a JobFailure when an operator fails. */
  async run(): Promise<void> {
    this.start();
    try {
      await this.runLoop();
    } finally {
      this.options.beacon?.leave();
      // The last records a tap saw, also when the job failed or was canceled.
      this.pushTaps();
      this.endSavepoints();
    }
    if (this.failure) throw this.failure;
  }

  /**
   * Takes a savepoint (see `Job.savepoint`): the coordinator starts it when no checkpoint is in
   * progress, and its barriers go to the sources at the next scheduling round, as a periodic
   * checkpoint's do; resolves when every task acknowledged and it is stored.
   */
  savepoint(): Promise<CheckpointMetadata> {
    const checkpoints = this.checkpoints;
    if (checkpoints === null || this.coordinator?.requestSavepoint === undefined) return Promise.reject(new Error("savepoints need the job's checkpointing block"));
    if (this.status !== 'created' && this.status !== 'running') return Promise.reject(new Error('the job is not running'));
    return new Promise((resolve, reject) => {
      const waiter = { id: null as number | null, reject };
      this.savepoints.add(waiter);
      checkpoints
        .savepoint((id) => (waiter.id = id))
        .then(resolve, reject)
        .finally(() => this.savepoints.delete(waiter));
    });
  }

  /** The job ended: a savepoint still waiting cannot come, and one in progress is given up. */
  private endSavepoints(): void {
    this.barriers.length = 0;
    const reason = `the job ${this.status === 'running' ? 'stopped' : this.status} first`;
    for (const s of this.savepoints) {
      if (s.id !== null && this.coordinator?.inProgress === s.id) this.coordinator.decline(s.id, reason);
      s.reject(new Error(`the savepoint was not taken: ${reason}`));
    }
    this.savepoints.clear();
  }

  private async runLoop(): Promise<void> {
    const interval = this.options.metricsIntervalMs ?? 250;
    while (this.status === 'running') {
      const deadline = Date.now() + 25;
      let r: RoundResult;
      // The trigger is asked every round, so on the virtual clock a checkpoint starts at the round
      // it falls due in, however many rounds one slice of the thread runs.
      do {
        r = this.runRound();
        this.maybeCheckpoint();
      } while (r === 'progress' && Date.now() < deadline);
      if (this.sampler !== null && (r === 'finished' || Date.now() - this.lastSample >= interval)) {
        this.lastSample = Date.now();
        this.options.onMetrics!(this.sampler.sample());
      }
      if (Date.now() - this.lastTapPush >= TAP_PUSH_MS) this.pushTaps();
      if (r === 'finished' || this.status !== 'running') break;
      // Waiting for time or messages is not a stuck function.
      this.options.beacon?.leave();
      this.options.onYield?.();
      if (this.virtual && r === 'idle' && this.coordinator?.storing === true) {
        // Virtual time stands still while a checkpoint is stored (see runRound).
        await this.coordinator.whenStored!();
        continue;
      }
      const wait = r === 'idle' ? Math.max(0, Math.min(50, this.scheduler.nextWakeup() - this.now())) : 0;
      const before = Date.now();
      // A completed async call (an operator's mail) ends the wait early.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.wake!(), wait);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
      // Idle in virtual time means async calls are in flight: their timeouts run on real time.
      if (this.virtual && r === 'idle') this.virtualNow += Date.now() - before;
    }
  }

  /**
   * Starts a data tap on output ports of plan nodes: every subtask of each node keeps the last
   * records that left the port. Works before, during and after a run; `snapshot()` reads the
   * rings at once (for stepping), and `onSnapshot` is called from `run` a few times a second
   * while records arrive, and at the end.
   */
  startTap(points: TapPoint | readonly TapPoint[], options: TapOptions = {}): DataTapHandle {
    const list = Array.isArray(points) ? (points as readonly TapPoint[]) : [points as TapPoint];
    checkTapPoints(this.plan, list);
    const attachment = new TapAttachment(this.tasks, list, options.capacity);
    const entry = { attachment, onSnapshot: options.onSnapshot ?? (() => {}), pushed: 0 };
    this.taps.add(entry);
    let last: DataTapSnapshot | null = null;
    return {
      snapshot: () => last ?? { subtasks: attachment.snapshot() },
      stop: () => {
        if (last !== null) return;
        last = { subtasks: attachment.snapshot() };
        attachment.detach();
        this.taps.delete(entry);
      },
    };
  }

  private pushTaps(): void {
    this.lastTapPush = Date.now();
    for (const t of this.taps) {
      const total = t.attachment.total();
      if (total === t.pushed) continue;
      t.pushed = total;
      t.onSnapshot({ subtasks: t.attachment.snapshot() });
    }
  }

  /**
   * Fault injection: the next scheduling round fails as if node `nodeId` had thrown `message`
   * (the inline host's stand-in for a crashed slot).
   */
  injectFailure(nodeId: string, message: string): void {
    this.injected = new OperatorError(nodeId, new Error(message));
  }

  /** Starts a periodic checkpoint when it is due (see CheckpointDriver), on the host's clock, and sends the barriers due. */
  maybeCheckpoint(): void {
    if (this.status !== 'running' || this.checkpoints === null) return;
    this.checkpoints.tick(this.now());
    for (const { id, unaligned } of this.barriers.splice(0)) {
      this.guard(() => {
        for (const t of this.tasks) t.triggerCheckpoint(id, unaligned);
      });
    }
  }

  /** One round of the scheduler; in virtual time, jumps to the next wakeup when nothing can run. */
  runRound(): RoundResult {
    if (this.status !== 'running') return this.status === 'finished' ? 'finished' : 'idle';
    return this.guard(() => {
      if (this.injected !== null) throw this.injected;
      const r = this.scheduler.runRound();
      if (r === 'finished') this.status = 'finished';
      if (r !== 'idle' || !this.virtual) return r;
      // Only the completion of async calls can move the job on: wait for it, do not jump. Nor
      // while a checkpoint is stored: when it completes must not depend on the thread's speed.
      if (this.tasks.some((t) => t.awaitsCalls()) || this.coordinator?.storing === true) return 'idle';
      const next = this.scheduler.nextWakeup();
      if (next === Infinity) throw new Error('the job is stuck: no task can run and no timer is pending');
      this.virtualNow = Math.max(this.virtualNow, next);
      this.scheduler.fireDueTimers();
      return 'progress';
    });
  }

  /**
   * Advances by one unit of work: one record or event in one task (downstream first), else a
   * flush, else the next processing-time wakeup. Returns false when the job is over.
   */
  stepOnce(): boolean {
    this.start();
    if (this.status !== 'running') return false;
    return this.guard(() => {
      if (this.scheduler.stepOnce()) return true;
      if (this.scheduler.allFinished()) {
        this.status = 'finished';
        return false;
      }
      const next = this.scheduler.nextWakeup();
      if (next === Infinity) return false;
      if (this.virtual) this.virtualNow = Math.max(this.virtualNow, next);
      this.scheduler.fireDueTimers();
      return true;
    });
  }

  /** Every channel of the job (for inspection: backlogs, the lab's view of in-flight data). */
  channels(): ReadonlyArray<ChannelSender & ChannelReceiver> {
    return this.allChannels;
  }

  cancel(): void {
    if (this.status === 'running' || this.status === 'created') this.status = 'canceled';
    for (const t of this.tasks) t.cancel();
  }

  /** Every operator's snapshot, by node id then subtask index. */
  snapshotState(): Record<string, OperatorSnapshot[]> {
    const out: Record<string, OperatorSnapshot[]> = {};
    for (const t of this.tasks) for (const [id, s] of Object.entries(t.snapshotState())) (out[id] ??= [])[t.subtaskIndex] = s;
    return out;
  }

  /** Sets virtual time (a stepper that picks the work itself moves the clock). */
  advanceClock(to: number): void {
    if (this.virtual) this.virtualNow = Math.max(this.virtualNow, to);
  }

  /** Runs `f` as the scheduler runs a step: an error fails the job (status, failure) and is thrown as a JobFailure. */
  guarded<T>(f: () => T): T {
    return this.guard(f);
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      const task = this.tasks.find((t) => t.state === 'failed');
      const nodeId = e instanceof OperatorError ? e.nodeId : task?.headId;
      const original = e instanceof OperatorError ? e.original : e;
      this.failure = nodeId === undefined ? JobFailure.ofJob(original) : JobFailure.atNode(nodeId, task?.subtaskIndex ?? 0, failureMessage(e), original);
      this.status = 'failed';
      for (const t of this.tasks) t.cancel();
      throw this.failure;
    }
  }
}
