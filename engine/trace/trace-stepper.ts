/**
 * The stepping host: the inline host (virtual clock, deterministic) advanced one unit of work
 * at a time, saying what each did (spec/trace.md). A unit is a source emitting one element, or
 * a task taking one element from its input (channels carry one record per batch), or a task's
 * processing-time wakeup, or an async call's completion, or a checkpoint reaching a source;
 * units that report nothing (a rate-limited source finding no permit) are not steps.
 *
 * The choice of the next unit is the inline scheduler's `stepOnce`, made explicit so each step
 * knows its task: due processing-time wakeups, then downstream tasks first, then sources, then
 * async calls' completions; only then does the virtual clock move.
 *
 * Calls of an asyncMap complete as steps of their own, in the order they were made, and a replay
 * takes their recorded outcomes (`trace-calls.ts`): `next` returns null with `awaiting` set while
 * the next step is a call's completion whose answer has not come yet; `nextAsync` waits for it.
 *
 * The lab may intervene between steps (`interventions.ts`): an intervention is a step of its
 * own. A source subtask the user holds takes no steps; when nothing else can run, `next`
 * returns null with `blocked` set (the job waits for the user, it has not ended).
 */
import { decodeState, encodeState } from '../checkpoint/state-codec.js';
import type { OperatorIO, OperatorSnapshot } from '../operators/operator.js';
import { InlineJob } from '../host/inline-host.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { Task } from '../runtime/task.js';
import { CausalChannel } from './causal-channel.js';
import { TraceCheckpoints } from './trace-checkpoints.js';
import { TraceRecorder, type TraceStep } from './trace-recorder.js';
import { type ChannelQueue, channelQueues } from './channel-queues.js';
import { applyIntervention } from './apply-intervention.js';
import type { StepperRuntime, StepperSnapshot, TraceOptions } from './stepper-state.js';
import { stepperIO } from './stepper-io.js';
import { type ChannelEnds, type Intervention, channelEnds, channelName, interventionProblem } from './interventions.js';
import { subtaskOfTaskKey, taskKey } from '../runtime/task-key.js';
import { createRestartStrategy } from '../checkpoint/restart-strategy.js';
import { effectiveRestart } from '../graph/effective-restart.js';
import { AsyncCallLog, TraceCalls } from './trace-calls.js';
import { type Hold, type HoldEnd, SourceHolds } from './source-holds.js';

export type { StepperSnapshot, TraceOptions } from './stepper-state.js';
export type { Hold } from './source-holds.js';

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
  /** Source subtasks the user holds. */
  private readonly held = new SourceHolds();
  /** True when the last `next` found only held sources able to go on. */
  blocked = false;
  private ends: ChannelEnds[] | null = null;
  /** The virtual times of the slots killed so far in this trace. */
  private failures: number[] = [];
  /** asyncMap's calls: made through the log, completed as steps (see trace-calls). */
  private readonly calls: TraceCalls;
  /** Set when the last `next` returned null because the next step is a call's completion still in flight: resolves when it may be taken. */
  awaiting: Promise<void> | null = null;

  constructor(
    readonly plan: ExecutionPlan,
    private readonly options: TraceOptions,
    restore?: Record<string, OperatorSnapshot[]>,
  ) {
    this.calls = new TraceCalls(options.calls ?? new AsyncCallLog());
    const recorder = this.recorder;
    // Output reaches the host only from steps not seen before (a replay after a step back).
    this.io = stepperIO(options.io, recorder, options.filesWritten ?? {}, () => this.written);
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
      trace: { tracer: recorder, channel: (capacity) => new CausalChannel(recorder, capacity), asyncCalls: this.calls },
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
      holds: this.held.save(),
      failNext: this.recorder.failNext,
      failures: [...this.failures],
      calls: this.calls.save(),
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
    // The operators' snapshots re-queue an asyncMap's records, which calls nothing here: the
    // saved runtime holds its calls in flight.
    stepper.calls.suspended = true;
    job.start();
    stepper.calls.suspended = false;
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
    stepper.held.load(r.holds);
    stepper.recorder.failNext = r.failNext;
    stepper.failures = [...(r.failures ?? [])];
    if (r.calls !== undefined) stepper.calls.load(r.calls);
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
    this.awaiting = null;
    while (job.status === 'running') {
      const unit = this.nextUnit();
      if (unit === null) continue;
      if (unit === BLOCKED) {
        this.blocked = true;
        return null;
      }
      if ('wait' in unit) {
        this.awaiting = unit.wait;
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

  /** The next step, waiting for an async call's answer when the next step is its completion. */
  async nextAsync(): Promise<TraceStep | null> {
    for (;;) {
      const step = this.next();
      if (step !== null || this.awaiting === null) return step;
      await this.awaiting;
    }
  }

  /** Async calls made so far in the trace (the id of the next). */
  get callsMade(): number {
    return this.calls.next;
  }

  /** The next unit of work, or null after moving the clock or finishing; `wait` while the next is a call still in flight. */
  private nextUnit(): { task: Task; run: () => void } | { wait: Promise<void> } | null | typeof BLOCKED {
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
    const due = held.due(now);
    if (due !== undefined) {
      const task = tasks.find((t) => t.name === due[0])!;
      return { task, run: () => this.endHold(task, due[1]) };
    }
    const free = (t: Task) => held.free(t);
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
    // Async calls complete when nothing else can run, before the clock moves: they take no virtual time.
    const call = this.calls.nextCompletion(now);
    if (call !== null) {
      if ('wait' in call) return call;
      const { request, outcome } = call;
      const task = tasks.find((t) => t.headId === this.plan.nodes[request.node]!.vertex && t.subtaskIndex === request.subtask)!;
      return {
        task,
        run: () => {
          this.recorder.cause = request.cause;
          task.settleCall(request.node, request, outcome);
        },
      };
    }
    let next = Infinity;
    for (const t of tasks) if (t.state === 'running' && free(t)) next = Math.min(next, t.nextWakeup());
    next = Math.min(next, held.nextEnd());
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
    return this.held.list();
  }

  /** The end of a hold set for N seconds: the source is active again (if idle) and emits. */
  private endHold(task: Task, end: HoldEnd): void {
    this.recorder.event({ type: 'intervention', action: 'resume-source', node: task.headId, subtask: task.subtaskIndex, applied: true, timed: { step: end.step, seconds: end.seconds } });
    this.held.release(task);
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
    const job = this.job;
    const scope = { plan: this.plan, recorder: this.recorder, held: this.held, channels: job.channels() as CausalChannel[], ends: this.channelEnds(), now: job.now(), step: this.steps, firstTask: job.tasks[0]!, sourceTask: (node: string, subtask: number) => this.sourceTask(node, subtask) };
    return applyIntervention(scope, action, this.problemWith(action));
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
    const next = new TraceStepper(this.plan, { ...this.options, calls: this.calls.log, startTime: now + delay! }, restore);
    // Calls in flight are lost with their tasks; the restored asyncMaps call again, numbered on.
    next.calls.next = this.calls.next;
    next.job.start();
    next.steps = this.steps + 1;
    if (this.checkpoints !== null) next.checkpoints!.load({ ...this.checkpoints.save(), pending: null, acknowledged: [], states: [] });
    next.lastCheckpointTime = next.job.now();
    next.lastCheckpointStep = next.steps;
    next.written = { ...this.written };
    next.failures = failures;
    next.recorder.failNext = recorder.failNext;
    // The user's holds are on source subtasks, not on an attempt: the restarted sources stay held.
    this.held.copyTo(next.held, next.job.tasks);
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
