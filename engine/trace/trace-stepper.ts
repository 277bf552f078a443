/**
 * The stepping host: the inline host (virtual clock, deterministic) advanced one unit of work
 * at a time, saying what each did (spec/trace.md). A unit is a source emitting one element, or
 * a task taking one element from its input (channels carry one record per batch), or a task's
 * processing-time wakeup, or a checkpoint reaching a source; units that report nothing (a
 * rate-limited source finding no permit) are not steps.
 *
 * The choice of the next unit is the inline scheduler's `stepOnce`, made explicit so each step
 * knows its task: due processing-time wakeups, then downstream tasks first, then sources.
 *
 * The lab may intervene between steps (`interventions.ts`): an intervention is a step of its
 * own. A source subtask the user holds takes no steps; when nothing else can run, `next`
 * returns null with `blocked` set (the job waits for the user, it has not ended).
 */
import { decodeState, encodeState } from '../checkpoint/state-codec.js';
import { type OperatorIO, type OperatorSnapshot, ROW_KIND_SHORT } from '../operators/operator.js';
import { InlineJob } from '../host/inline-host.js';
import type { JobStatus } from '../host/job.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { Task, TaskRuntime } from '../runtime/task.js';
import { CausalChannel, type CausalChannelContents } from './causal-channel.js';
import { TraceCheckpoints, type TraceCheckpointsState } from './trace-checkpoints.js';
import { TraceRecorder, type TraceStep } from './trace-recorder.js';
import type { Cause } from '../operators/tracer.js';
import type { ChannelItem } from '../net/channel.js';
import { type ChannelQueue, channelQueues, queuedElements } from './channel-queues.js';
import { type ChannelEnds, type Intervention, channelEnds, channelName, interventionProblem } from './interventions.js';
import { subtaskOfTaskKey, taskKey } from '../runtime/task-key.js';
import { createRestartStrategy } from '../checkpoint/restart-strategy.js';
import { effectiveRestart } from '../graph/effective-restart.js';

export interface TraceOptions {
  /** Files for sources; file sinks write through it; collect sinks hand it their records. */
  io: OperatorIO;
  /** Start of virtual time (ms); default 0. */
  startTime?: number;
  /**
   * With the job's `checkpointing` block: also start a checkpoint after this many steps since
   * the last one (the interval is virtual time, which moves only when the job waits).
   */
  checkpointEverySteps?: number;
  /**
   * Characters of each output file (by path, or node id) already handed to `io`, shared by
   * every stepper of one trace: a stepper replaying steps after a step back writes only what
   * goes beyond (file sinks buffer lines, so their writes do not line up with steps).
   */
  filesWritten?: Record<string, number>;
  /** The state the trace started from (a restored checkpoint): a restart before any checkpoint completes goes back to it. */
  origin?: Record<string, OperatorSnapshot[]>;
}

/**
 * The whole state of a stepper between two steps: its operators' snapshots through the
 * checkpoint machinery (`snapshotState`, the state codec) and what a checkpoint rightly leaves
 * out — channel contents with their causes, input gates, the clock, pending wakeups.
 */
export interface StepperSnapshot {
  readonly steps: number;
  readonly operators: Uint8Array;
  readonly runtime: StepperRuntime;
}

interface StepperRuntime {
  readonly status: JobStatus;
  readonly now: number;
  readonly tasks: TaskRuntime[];
  readonly channels: CausalChannelContents[];
  readonly triggers: number[];
  readonly triggerId: number;
  readonly lastCheckpointTime: number;
  readonly lastCheckpointStep: number;
  readonly checkpointRunning: boolean;
  readonly checkpoints: TraceCheckpointsState | null;
  readonly written: Record<string, number>;
  readonly held: Array<[string, Hold]>;
  /** Holds that end by themselves: task key, virtual time of the end, step of the intervention. */
  readonly heldUntil?: Array<[string, HoldEnd]>;
  readonly failNext: { readonly node: string; readonly message: string } | null;
  /** The virtual times of the slots killed so far (the restart strategy counts them). */
  readonly failures?: number[];
}

/** How the user holds a source subtask: paused (stays active, holds the watermark back) or marked idle. */
export type Hold = 'paused' | 'idle';

/** When a hold set for N seconds ends by itself: the virtual time, and the step that set it. */
interface HoldEnd {
  readonly until: number;
  readonly step: number;
  readonly seconds: number;
}

/** `nextUnit`'s answer when only held sources could go on. */
const BLOCKED = 'blocked';

/** Items in flight per channel: deep enough that a source runs ahead of a slow consumer a little, as in `eddy run`. */
const CHANNEL_CAPACITY = 4;

export class TraceStepper {
  readonly job: InlineJob;
  readonly recorder = new TraceRecorder();
  /** Steps taken so far (the number of the next step). */
  steps = 0;
  readonly checkpoints: TraceCheckpoints | null;
  /** Tasks still to receive the trigger of the checkpoint just begun, and its id. */
  private triggers: Task[] = [];
  private triggerId = 0;
  private lastCheckpointTime = -Infinity;
  /** The step count when the last checkpoint completed (`checkpointEverySteps` counts from there). */
  private lastCheckpointStep = 0;
  private checkpointRunning = false;
  private readonly io: OperatorIO;
  /** Characters of each output file this stepper's run has written. */
  private written: Record<string, number> = {};
  /** Source subtasks the user holds, by task key (`vertex#subtask`). */
  private readonly held = new Map<string, Hold>();
  /** Holds set for N seconds, by task key: they end at a virtual time (a step of their own). */
  private readonly heldUntil = new Map<string, HoldEnd>();
  /** True when the last `next` found only held sources able to go on. */
  blocked = false;
  private ends: ChannelEnds[] | null = null;
  /** The virtual times of the slots killed so far in this trace. */
  private failures: number[] = [];

  constructor(
    readonly plan: ExecutionPlan,
    private readonly options: TraceOptions,
    restore?: Record<string, OperatorSnapshot[]>,
  ) {
    // A step must be a function of the steps before it; a call's completion is not. The trace
    // contract (docs/trace.md) has no step kind or event for a completion, so the refusal stays
    // until it does (docs/lab.md, "Opening it", says why and what supporting it would take).
    const asyncNode = Object.values(plan.nodes).find((n) => n.kind === 'asyncMap');
    if (asyncNode !== undefined) throw new Error(`asyncMap node "${asyncNode.id}": stepping cannot run async calls (their completions come in no order a step can replay); run the job instead`);
    const recorder = this.recorder;
    const user = options.io;
    const committed = options.filesWritten ?? {};
    // Output reaches the host only from steps not seen before: a replay after a step back
    // must not write a file line or collect a record twice.
    this.io = {
      readText: (nodeId, path) => user.readText(nodeId, path),
      appendText: (nodeId, path, text) => {
        const file = path ?? nodeId;
        const at = this.written[file] ?? 0;
        const done = committed[file] ?? 0;
        this.written[file] = at + text.length;
        if (at + text.length <= done) return;
        user.appendText(nodeId, path, text.slice(Math.max(0, done - at)));
        committed[file] = at + text.length;
      },
      collect: (nodeId, subtask, value, kind) => {
        // A changelog's row kind, as the host's result carries it (absent for +I).
        recorder.event(kind ? { type: 'sink.emit', node: nodeId, sink: nodeId, op: ROW_KIND_SHORT[kind], value } : { type: 'sink.emit', node: nodeId, sink: nodeId, value });
        if (!recorder.muted) user.collect(nodeId, subtask, value, kind);
      },
    };
    const taskKeys = plan.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, s) => taskKey(v.id, s)));
    this.checkpoints = plan.checkpointing ? new TraceCheckpoints(recorder, taskKeys, this.io.collect) : null;
    this.job = new InlineJob(plan, {
      io: this.io,
      clock: 'virtual',
      startTime: options.startTime ?? 0,
      batchSize: 1,
      channelCapacity: CHANNEL_CAPACITY,
      ...(this.checkpoints ? { coordinator: this.checkpoints } : {}),
      ...(restore ? { restore } : {}),
      trace: { tracer: recorder, channel: (capacity) => new CausalChannel(recorder, capacity) },
    });
  }

  /** The state after the steps taken so far (see StepperSnapshot). */
  snapshot(): StepperSnapshot {
    const job = this.job;
    job.start();
    const tasks = job.tasks;
    // First: a file sink's snapshot flushes its buffer, which the saved counts must include.
    const operators = encodeState(job.snapshotState());
    const runtime: StepperRuntime = {
      status: job.status,
      now: job.now(),
      tasks: tasks.map((t) => t.saveRuntime()),
      channels: job.channels().map((c) => (c as CausalChannel).save()),
      triggers: this.triggers.map((t) => tasks.indexOf(t)),
      triggerId: this.triggerId,
      lastCheckpointTime: this.lastCheckpointTime,
      lastCheckpointStep: this.lastCheckpointStep,
      checkpointRunning: this.checkpointRunning,
      checkpoints: this.checkpoints?.save() ?? null,
      written: { ...this.written },
      held: [...this.held],
      heldUntil: [...this.heldUntil],
      failNext: this.recorder.failNext,
      failures: [...this.failures],
    };
    return { steps: this.steps, operators, runtime };
  }

  /** A stepper in the state `snapshot` took (of a stepper of the same plan). */
  static restore(plan: ExecutionPlan, options: TraceOptions, snapshot: StepperSnapshot): TraceStepper {
    const r = snapshot.runtime;
    const operators = decodeState(snapshot.operators) as Record<string, OperatorSnapshot[]>;
    // Operators open at the saved time, so what they schedule from "now" is what they had.
    const stepper = new TraceStepper(plan, { ...options, startTime: r.now }, operators);
    const job = stepper.job;
    job.start();
    job.tasks.forEach((t, i) => {
      t.loadRuntime(r.tasks[i]!);
    });
    job.channels().forEach((c, i) => {
      (c as CausalChannel).load(r.channels[i]!);
    });
    job.status = r.status;
    stepper.steps = snapshot.steps;
    stepper.triggers = r.triggers.map((i) => job.tasks[i]!);
    stepper.triggerId = r.triggerId;
    stepper.lastCheckpointTime = r.lastCheckpointTime;
    stepper.lastCheckpointStep = r.lastCheckpointStep;
    stepper.checkpointRunning = r.checkpointRunning;
    if (r.checkpoints !== null) stepper.checkpoints?.load(r.checkpoints);
    stepper.written = { ...r.written };
    for (const [k, h] of r.held) stepper.held.set(k, h);
    for (const [k, e] of r.heldUntil ?? []) stepper.heldUntil.set(k, e);
    stepper.recorder.failNext = r.failNext;
    stepper.failures = [...(r.failures ?? [])];
    return stepper;
  }

  /** True once the job finished (or failed): `next` returns null. */
  get done(): boolean {
    return this.job.status !== 'running' && this.job.status !== 'created';
  }

  /** The next step, or null when the job is over. Throws the JobFailure when an operator fails. */
  next(): TraceStep | null {
    const job = this.job;
    job.start();
    this.blocked = false;
    while (job.status === 'running') {
      const unit = this.nextUnit();
      if (unit === null) continue;
      if (unit === BLOCKED) {
        this.blocked = true;
        return null;
      }
      const recorder = this.recorder;
      recorder.begin();
      job.guarded(unit.run);
      const { count, events } = recorder.end();
      if (count === 0) continue;
      return { step: this.steps++, node: unit.task.headId, subtask: unit.task.subtaskIndex, events };
    }
    return null;
  }

  /** The next unit of work, or null after moving the clock or finishing. */
  private nextUnit(): { task: Task; run: () => void } | null | typeof BLOCKED {
    const job = this.job;
    const tasks = job.tasks;
    // First: a finished job takes no more checkpoints (their triggers would be steps forever).
    if (tasks.every((t) => t.state === 'finished')) {
      job.status = 'finished';
      return null;
    }
    const trigger = this.triggers.shift();
    if (trigger !== undefined) {
      const id = this.triggerId;
      const unaligned = this.plan.checkpointing?.unaligned === true;
      return { task: trigger, run: () => trigger.triggerCheckpoint(id, unaligned) };
    }
    if (this.checkpointDue()) {
      const id = this.checkpoints!.begin();
      if (id !== null) {
        this.triggerId = id;
        this.lastCheckpointTime = job.now();
        this.checkpointRunning = true;
        this.triggers = [...tasks];
      }
      return null;
    }
    const now = job.now();
    const held = this.held;
    // A hold set for N seconds ends, as a step of its own, once the virtual clock reached its end.
    for (const [key, end] of this.heldUntil) {
      if (end.until > now) continue;
      const task = tasks.find((t) => t.name === key)!;
      return { task, run: () => this.endHold(task, end) };
    }
    const free = (t: Task) => held.size === 0 || !held.has(t.name);
    for (const t of tasks) if (t.state === 'running' && t.nextWakeup() <= now && free(t)) return { task: t, run: () => t.fireProcessingTime(now) };
    for (let k = tasks.length - 1; k >= 0; k--) {
      const t = tasks[k]!;
      if (!t.isSource && t.canRun()) return { task: t, run: () => t.step() };
    }
    for (const t of tasks) if (t.isSource && t.canRun() && free(t)) return { task: t, run: () => t.step() };
    // One record per batch leaves nothing buffered, but a flush costs nothing and keeps the
    // rule of the inline scheduler.
    let flushed = false;
    for (const t of tasks) if (t.state === 'running' && t.flush()) flushed = true;
    if (flushed) return null;
    let next = Infinity;
    for (const t of tasks) if (t.state === 'running' && free(t)) next = Math.min(next, t.nextWakeup());
    for (const end of this.heldUntil.values()) next = Math.min(next, end.until);
    if (next === Infinity && tasks.some((t) => t.state === 'running' && !free(t))) return BLOCKED;
    if (next === Infinity) {
      job.guarded(() => {
        throw new Error('the job is stuck: no task can run and no timer is pending');
      });
    }
    job.advanceClock(next);
    return null;
  }

  /** Characters of each output file the steps taken so far wrote. */
  get writtenSoFar(): Readonly<Record<string, number>> {
    return this.written;
  }

  /** Source subtasks the user holds: task key (`vertex#subtask`), how, and the virtual time the hold ends by itself (if set for N seconds). */
  get holds(): ReadonlyArray<readonly [string, Hold, number?]> {
    return [...this.held].map(([key, hold]) => {
      const end = this.heldUntil.get(key);
      return end === undefined ? ([key, hold] as const) : ([key, hold, end.until] as const);
    });
  }

  /** The end of a hold set for N seconds: the source is active again (if idle) and emits. */
  private endHold(task: Task, end: HoldEnd): void {
    this.recorder.event({ type: 'intervention', action: 'resume-source', node: task.headId, subtask: task.subtaskIndex, applied: true, timed: { step: end.step, seconds: end.seconds } });
    this.heldUntil.delete(task.name);
    if (this.held.get(task.name) === 'idle') task.markOutputIdle(false);
    this.held.delete(task.name);
  }

  /** What waits in each channel now (see channel-queues). */
  queues(limit?: number): ChannelQueue[] {
    this.job.start();
    return channelQueues(this.job.channels() as CausalChannel[], this.channelEnds(), limit);
  }

  /** The ends of every channel, in the order of `queues` and of `InjectTarget.channel`. */
  channelEnds(): readonly ChannelEnds[] {
    this.ends ??= channelEnds(this.plan);
    return this.ends;
  }

  /** Why `action` cannot be applied now (a sentence naming the node or channel and the field), or null. */
  problemWith(action: Intervention): string | null {
    this.job.start();
    const channels = this.job.channels() as CausalChannel[];
    const problem = interventionProblem(this.plan, action, channels.length);
    if (problem !== null) return problem;
    if (this.done) return 'the job has ended: step back to intervene';
    const source = 'node' in action && action.kind !== 'fail-next-record' ? this.sourceTask(action.node, action.subtask) : 'target' in action && 'source' in action.target ? this.sourceTask(action.target.source, action.target.subtask) : null;
    if (source !== null && source.state !== 'running') return `node: source "${source.headId}" subtask ${source.subtaskIndex} has finished`;
    const hold = source === null ? undefined : this.held.get(source.name);
    if (action.kind === 'resume-source' && hold === undefined) return `node: source "${action.node}" subtask ${action.subtask} is not held`;
    if (action.kind === 'pause-source' && hold === 'paused') return `node: source "${action.node}" subtask ${action.subtask} is already paused`;
    if (action.kind === 'idle-source' && hold === 'idle') return `node: source "${action.node}" subtask ${action.subtask} is already idle`;
    if (action.kind === 'drop-head' && !channels[action.channel]!.hasItem()) return `channel: ${channelName(this.channelEnds()[action.channel]!)} is empty`;
    return null;
  }

  /**
   * Applies `action` as the next step: its `intervention` event says what was done (with
   * `applied: false` and a `reason` when it no longer applies, e.g. re-applied after an earlier
   * intervention was removed), then whatever it caused (an injected source record's way down
   * the chain). Throws the JobFailure when an operator fails on what was injected.
   */
  intervene(action: Intervention): TraceStep {
    const job = this.job;
    job.start();
    const recorder = this.recorder;
    recorder.begin();
    const where = job.guarded(() => this.apply(action));
    const { events } = recorder.end();
    return { step: this.steps++, node: where.node, subtask: where.subtask, events };
  }

  private apply(action: Intervention): { node: string; subtask: number } {
    const recorder = this.recorder;
    const problem = this.problemWith(action);
    const step = this.steps;
    const ends = this.channelEnds();
    const { kind, ...fields } = action;
    const where =
      'channel' in action
        ? { node: ends[action.channel]?.to ?? '', subtask: ends[action.channel]?.toSubtask ?? 0 }
        : 'target' in action
          ? 'channel' in action.target
            ? { node: ends[action.target.channel]?.to ?? '', subtask: ends[action.target.channel]?.toSubtask ?? 0 }
            : { node: action.target.source, subtask: action.target.subtask }
          : action.kind === 'fail-next-record'
            ? { node: this.plan.nodes[action.node]?.vertex ?? action.node, subtask: 0 }
            : action.kind === 'kill-slot'
              ? { node: this.job.tasks[0]!.headId, subtask: action.slot }
              : { node: action.node, subtask: action.subtask };
    const at = recorder.event({ type: 'intervention', action: kind, ...fields, applied: problem === null, ...(problem === null ? {} : { reason: problem }) });
    if (problem !== null) return where;
    // What an injected element causes goes back to this step, not to a source element.
    const cause = { node: where.node, offset: -1, intervention: step } as Cause;
    const channels = this.job.channels() as CausalChannel[];
    switch (action.kind) {
      case 'pause-source':
      case 'idle-source': {
        const task = this.sourceTask(action.node, action.subtask)!;
        const idle = action.kind === 'idle-source';
        const before = this.held.get(task.name);
        this.held.set(task.name, idle ? 'idle' : 'paused');
        if (idle !== (before === 'idle')) task.markOutputIdle(idle);
        if (action.seconds === undefined) this.heldUntil.delete(task.name);
        else this.heldUntil.set(task.name, { until: this.job.now() + action.seconds * 1000, step, seconds: action.seconds });
        break;
      }
      case 'resume-source': {
        const task = this.sourceTask(action.node, action.subtask)!;
        if (this.held.get(task.name) === 'idle') task.markOutputIdle(false);
        this.held.delete(task.name);
        this.heldUntil.delete(task.name);
        break;
      }
      case 'inject-record':
      case 'inject-watermark': {
        // A copy each time: operators may change a record, and a replay must inject it as it was.
        const element = action.kind === 'inject-record' ? { value: structuredClone(action.value), timestamp: action.ts } : { watermark: action.watermark };
        const target = action.target;
        if ('source' in target) {
          recorder.cause = cause;
          const task = this.sourceTask(target.source, target.subtask)!;
          // As with Flink's WatermarksWithIdleness, a record ends idleness: the output is active
          // again before the record goes out (the hold stays, as a pause: the source still sends
          // nothing of its own, and holds the watermark back until marked idle or released).
          if ('value' in element && this.held.get(task.name) === 'idle') {
            this.held.set(task.name, 'paused');
            task.markOutputIdle(false);
          }
          task.emitInjected(element);
        } else {
          const item: ChannelItem = 'watermark' in element ? { kind: 'watermark', watermark: element.watermark } : { kind: 'batch', values: [element.value], timestamps: Float64Array.of(element.timestamp), length: 1 };
          channels[target.channel]!.pushHead(item, cause);
        }
        break;
      }
      case 'drop-head': {
        const item = channels[action.channel]!.dropHead();
        if (item !== undefined) recorder.amend(at, { dropped: queuedElements(item) });
        break;
      }
      case 'fail-next-record':
        recorder.failNext = { node: action.node, message: action.message };
        break;
      case 'kill-slot':
        // A failover replaces the whole job: `killSlot` hands back the stepper that goes on.
        throw new Error('a killed slot restarts the job: apply it with killSlot, not intervene');
    }
    return where;
  }

  /**
   * Kills slot `slot` as the next step, as Flink's failover would: the slot's tasks fail, the
   * checkpoint in progress is abandoned, and after the restart strategy's delay (virtual time)
   * every task restarts from the latest completed checkpoint — sources rewind to its offsets,
   * operators get its state back, what was in flight is gone — or from the trace's own start
   * when none completed. The step says so in its `intervention` event (`restoredFrom`: the
   * checkpoint id, or null; `restartDelayMs`; `tasks`: the slot's tasks); the trace goes on with
   * the returned stepper (this one is done with). Records a sink got after that checkpoint reach
   * it again (a trace shows every `sink.emit`; a transactional sink would not have committed
   * them). Throws the JobFailure when the restart strategy gives up.
   */
  killSlot(action: Extract<Intervention, { kind: 'kill-slot' }>): { stepper: TraceStepper; step: TraceStep } {
    const job = this.job;
    job.start();
    const recorder = this.recorder;
    const problem = this.problemWith(action);
    if (problem !== null) throw new Error(problem);
    recorder.begin();
    const now = job.now();
    const failures = [...this.failures, now];
    const restart = createRestartStrategy(effectiveRestart({ restart: this.plan.restart, checkpointing: this.plan.checkpointing }).strategy);
    // The strategy counts and waits: fed every failure so far, it answers for this one as a long-lived one would.
    let delay: number | null = null;
    for (const t of failures) delay = restart.onFailure(t);
    const lost = job.tasks.filter((t) => t.subtaskIndex === action.slot);
    const completed = this.checkpoints?.latestCompleted ?? null;
    const where = { node: lost[0]?.headId ?? job.tasks[0]!.headId, subtask: action.slot };
    recorder.event({ type: 'intervention', action: 'kill-slot', slot: action.slot, applied: true, tasks: lost.map((t) => t.name), restoredFrom: delay === null ? null : (completed?.id ?? null), restartDelayMs: delay });
    if (delay === null) {
      job.guarded(() => {
        throw new Error(`slot ${action.slot} was lost (${lost.map((t) => t.name).join(', ')}) and the restart strategy ${restart.description} allows no more restarts`);
      });
    }
    let restore = this.options.origin;
    if (completed !== null) {
      const byNode: Record<string, OperatorSnapshot[]> = {};
      for (const [key, bytes] of completed.states) {
        const subtask = subtaskOfTaskKey(key);
        for (const [node, snapshot] of Object.entries(decodeState(bytes) as Record<string, OperatorSnapshot>)) (byNode[node] ??= [])[subtask] = snapshot;
      }
      restore = byNode;
    }
    const next = new TraceStepper(this.plan, { ...this.options, startTime: now + delay! }, restore);
    next.job.start();
    next.steps = this.steps + 1;
    if (this.checkpoints !== null) next.checkpoints!.load({ ...this.checkpoints.save(), pending: null, acknowledged: [], states: [] });
    next.lastCheckpointTime = next.job.now();
    next.lastCheckpointStep = next.steps;
    next.written = { ...this.written };
    next.failures = failures;
    next.recorder.failNext = recorder.failNext;
    // The user's holds are on source subtasks, not on an attempt: the restarted sources stay held.
    for (const [key, hold] of this.held) {
      next.held.set(key, hold);
      if (hold === 'idle') next.job.tasks.find((t) => t.name === key)?.markOutputIdle(true);
    }
    for (const [key, end] of this.heldUntil) next.heldUntil.set(key, end);
    const { events } = recorder.end();
    const step = { step: this.steps++, node: where.node, subtask: where.subtask, events };
    return { stepper: next, step };
  }

  private sourceTask(node: string, subtask: number): Task | null {
    return this.job.tasks.find((t) => t.isSource && t.headId === node && t.subtaskIndex === subtask) ?? null;
  }

  /** The inline host's rule (the interval passed in virtual time, none in progress), or the step count. */
  private checkpointDue(): boolean {
    const cp = this.plan.checkpointing;
    const coordinator = this.checkpoints;
    if (!cp || coordinator === null || coordinator.inProgress !== null) return false;
    if (this.checkpointRunning) {
      this.checkpointRunning = false;
      this.lastCheckpointStep = this.steps;
    }
    const now = this.job.now();
    if (this.lastCheckpointTime === -Infinity) this.lastCheckpointTime = now;
    if (now - this.lastCheckpointTime >= cp.intervalMs) return true;
    const every = this.options.checkpointEverySteps;
    return every !== undefined && this.steps - this.lastCheckpointStep >= every;
  }
}
