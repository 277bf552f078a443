/**
 * A trace the lab can move along: step forward, step back, go to any step. Steps are recorded
 * as they are first taken; going back restores the state after an earlier step — the nearest
 * snapshot at or before it (one every `snapshotEvery` steps) and a replay from there, which is
 * deterministic — never undoing by hand. Replayed steps are checked against the record and
 * reach the host's I/O only once, so after any moves back and forth, stepping to the end gives
 * exactly the output of `eddy run` (spec/trace.md).
 *
 * Interventions (the lab's chaos and queue edits, `interventions.ts`) are part of the trace's
 * history: each is a step at the position where the user applied it. Applying one discards
 * the recorded steps after that position (and their snapshots) and the future is taken again
 * with it; replay applies it again at its position, so going back before it and forward again
 * gives the same steps. Removing one recomputes from its position too. The host's I/O keeps what
 * discarded steps handed it (the lab shows `sink.emit` events, not the host's output).
 *
 * A job with an asyncMap may have to wait for a call's answer at the frontier (`awaiting`): the
 * synchronous moves stop there, the `…Async` ones wait and go on. Replays never wait: they take
 * the outcomes the steps first saw (`AsyncCallLog`), and never call again.
 */
import { JobFailure } from '../graph/errors.js';
import type { OperatorSnapshot } from '../operators/operator.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { ChannelQueue } from './channel-queues.js';
import type { Intervention } from './interventions.js';
import type { TraceStep } from './trace-recorder.js';
import { type Hold, type StepperSnapshot, type TraceOptions, TraceStepper } from './trace-stepper.js';
import { AsyncCallLog } from './trace-calls.js';

export interface TraceSessionOptions extends Omit<TraceOptions, 'filesWritten' | 'calls'> {
  /** Steps between snapshots (default 128): memory against the replay a step back may need. */
  snapshotEvery?: number;
  /** State the job starts from (a restored checkpoint, `restoreStateFor`): step 0 is the first after the restore. */
  restore?: Record<string, OperatorSnapshot[]>;
}

export class TraceSession {
  private stepper: TraceStepper;
  private readonly recorded: TraceStep[] = [];
  /** Snapshots by position (steps taken), at every multiple of `every` reached so far. */
  private readonly snapshots = new Map<number, StepperSnapshot>();
  private readonly every: number;
  private readonly stepperOptions: TraceOptions;
  private readonly restore: Record<string, OperatorSnapshot[]> | undefined;
  private ended = false;
  /** The failure that ended the job, once the trace reached it. */
  failure: JobFailure | null = null;
  /** The user's interventions by position: the step at that position applies it. */
  private readonly interventions = new Map<number, Intervention>();
  /** The lowest length `steps` was cut to since `takeChangedFrom` last asked (Infinity: not cut). */
  private cutTo = Infinity;

  constructor(
    readonly plan: ExecutionPlan,
    options: TraceSessionOptions,
  ) {
    const every = options.snapshotEvery ?? 128;
    if (!(Number.isInteger(every) && every >= 1)) throw new Error(`snapshotEvery must be a whole number ≥ 1, got ${String(every)}`);
    this.every = every;
    const { restore, snapshotEvery: _, ...stepperOptions } = options;
    this.stepperOptions = { ...stepperOptions, filesWritten: {}, calls: new AsyncCallLog(), ...(restore !== undefined ? { origin: restore } : {}) };
    this.restore = restore;
    this.stepper = new TraceStepper(plan, this.stepperOptions, restore);
  }

  /** Steps applied so far: the state is the one after step `position − 1` (before any at 0). */
  get position(): number {
    return this.stepper.steps;
  }

  /** The last step applied, or null at the start. */
  get current(): TraceStep | null {
    return this.position > 0 ? this.recorded[this.position - 1]! : null;
  }

  /** Every step taken so far, in order (also those after the current position). */
  get steps(): readonly TraceStep[] {
    return this.recorded;
  }

  /** The number of steps of the whole trace once its end was reached, else null. */
  get length(): number | null {
    return this.ended ? this.recorded.length : null;
  }

  /** True at the end of the trace: the job finished (or failed) after the current step. */
  get atEnd(): boolean {
    return this.ended && this.position === this.recorded.length;
  }

  /** Applies the next step and returns it; null at the end. */
  stepForward(): TraceStep | null {
    const position = this.position;
    if (position < this.recorded.length) return this.replayOne();
    if (this.ended) return null;
    let step: TraceStep | null;
    try {
      step = this.takeStep();
    } catch (e) {
      if (!(e instanceof JobFailure)) throw e;
      this.failure = e;
      step = null;
    }
    if (step === null) {
      // Waiting for a held source, or for an async call's answer, is not the end.
      if (this.failure === null && (this.stepper.blocked || this.stepper.awaiting !== null)) return null;
      this.ended = true;
      return null;
    }
    this.recorded.push(step);
    if (this.position % this.every === 0) this.snapshots.set(this.position, this.stepper.snapshot());
    return step;
  }

  /** Like `stepForward`, waiting for an async call's answer when the next step is its completion. */
  async stepForwardAsync(): Promise<TraceStep | null> {
    for (;;) {
      const step = this.stepForward();
      const wait = this.awaiting;
      if (step !== null || wait === null) return step;
      await wait;
    }
  }

  /** Set when the trace waits at its frontier for an async call's answer: resolves when it may go on. */
  get awaiting(): Promise<void> | null {
    return !this.ended && this.position === this.recorded.length ? this.stepper.awaiting : null;
  }

  /** Goes back one step; returns the step now current (null at the start). */
  stepBack(): TraceStep | null {
    if (this.position > 0) this.goTo(this.position - 1);
    return this.current;
  }

  /**
   * Goes to position `position` (the state after step `position − 1`), clamped to the trace;
   * positions beyond the steps taken so far are reached by taking them. Returns the current step.
   */
  goTo(position: number): TraceStep | null {
    const target = Math.max(0, Math.floor(position));
    if (target < this.position || this.nearestSnapshot(target) > this.position) this.restoreBefore(target);
    while (this.position < target && this.stepForward() !== null);
    return this.current;
  }

  /** Like `goTo`, waiting for async calls' answers on the way. */
  async goToAsync(position: number): Promise<TraceStep | null> {
    for (;;) {
      this.goTo(position);
      const wait = this.awaiting;
      if (this.position >= position || wait === null) return this.current;
      await wait;
    }
  }

  /** Takes every remaining step; returns the number of steps of the whole trace. Stops early at a call still in flight (see `runToEndAsync`). */
  runToEnd(): number {
    while (this.stepForward() !== null);
    return this.recorded.length;
  }

  /** Takes every remaining step, waiting for async calls' answers; returns the number of steps of the whole trace. */
  async runToEndAsync(): Promise<number> {
    while ((await this.stepForwardAsync()) !== null);
    return this.recorded.length;
  }

  /** True when the trace waits at its frontier for a source the user holds (see TraceStepper.blocked). */
  get blocked(): boolean {
    return !this.ended && this.position === this.recorded.length && this.stepper.blocked;
  }

  /** Source subtasks held at the current position: task key (`vertex#subtask`) and how. */
  get holds(): ReadonlyArray<readonly [string, Hold, number?]> {
    return this.stepper.holds;
  }

  /** What waits in each channel at the current position (see channel-queues). */
  queues(limit?: number): ChannelQueue[] {
    return this.stepper.queues(limit);
  }

  /** The interventions, by position, in order. */
  get interventionList(): ReadonlyArray<{ readonly at: number; readonly action: Intervention }> {
    return [...this.interventions].sort((a, b) => a[0] - b[0]).map(([at, action]) => ({ at, action }));
  }

  /**
   * Applies `action` at the current position: the steps recorded after it are discarded, the
   * intervention is the next step, and later interventions keep their place after it. Throws an
   * Error saying why when it cannot apply now. Returns the intervention's step.
   */
  intervene(action: Intervention): TraceStep | null {
    const problem = this.stepper.problemWith(action);
    if (problem !== null) throw new Error(problem);
    const p = this.position;
    this.shiftInterventions(p, +1);
    this.interventions.set(p, action);
    this.cut(p);
    return this.stepForward();
  }

  /** Removes the intervention at position `at` and goes there (or as near as the trace reaches); the trace is taken again from there without it. */
  removeIntervention(at: number): void {
    if (!this.interventions.has(at)) throw new Error(`no intervention at step ${at}`);
    // An intervention the trace never reached (it ended or waits before it) changes no step taken.
    this.goTo(at);
    this.interventions.delete(at);
    this.shiftInterventions(at + 1, -1);
    this.cut(this.position);
  }

  /** Removes every intervention; goes to the first one's position, from where the trace is taken again. */
  clearInterventions(): void {
    const first = this.interventionList[0];
    if (first === undefined) return;
    this.goTo(first.at);
    this.interventions.clear();
    this.cut(this.position);
  }

  /** The index from which `steps` changed since the last call (their length when only appended to), then forgets. */
  takeChangedFrom(): number {
    const from = this.cutTo;
    this.cutTo = Infinity;
    return Math.min(from, this.recorded.length);
  }

  /** A step at the frontier: the intervention planned at this position, or the job's next unit. */
  private takeStep(): TraceStep | null {
    const planned = this.interventions.get(this.position);
    if (planned?.kind === 'kill-slot') {
      // A failover: the job goes on restored from its latest completed checkpoint, in a new stepper.
      const { stepper, step } = this.stepper.killSlot(planned);
      this.stepper = stepper;
      return step;
    }
    return planned !== undefined ? this.stepper.intervene(planned) : this.stepper.next();
  }

  private shiftInterventions(from: number, by: number): void {
    const moved = [...this.interventions].filter(([at]) => at >= from);
    for (const [at] of moved) this.interventions.delete(at);
    for (const [at, action] of moved) this.interventions.set(at + by, action);
  }

  /** Discards the recorded steps from index `p` (the stepper stands at position `p`) and the snapshots after it. */
  private cut(p: number): void {
    this.recorded.length = p;
    for (const at of [...this.snapshots.keys()]) if (at > p) this.snapshots.delete(at);
    this.ended = false;
    this.failure = null;
    this.cutTo = Math.min(this.cutTo, p);
    // Calls the discarded steps made are made again, for what the new steps ask.
    this.stepperOptions.calls!.truncate(this.stepper.callsMade);
    // Output beyond what the first p steps wrote is new again.
    const committed = this.stepperOptions.filesWritten!;
    for (const file of Object.keys(committed)) committed[file] = this.stepper.writtenSoFar[file] ?? 0;
  }

  /** The greatest snapshot position ≤ `target` (0: the start, no snapshot needed). */
  private nearestSnapshot(target: number): number {
    for (let p = Math.floor(target / this.every) * this.every; p > 0; p -= this.every) if (this.snapshots.has(p)) return p;
    return 0;
  }

  private restoreBefore(target: number): void {
    const at = this.nearestSnapshot(target);
    this.stepper = at === 0 ? new TraceStepper(this.plan, this.stepperOptions, this.restore) : TraceStepper.restore(this.plan, this.stepperOptions, this.snapshots.get(at)!);
  }

  /** Re-applies the recorded step at the current position, without recording it again. */
  private replayOne(): TraceStep {
    const expected = this.recorded[this.position]!;
    const recorder = this.stepper.recorder;
    recorder.muted = true;
    let step: TraceStep | null;
    try {
      step = this.takeStep();
    } finally {
      recorder.muted = false;
    }
    // Determinism is what makes going back by replay correct: say so loudly if it ever breaks.
    if (step === null || step.node !== expected.node || step.subtask !== expected.subtask || recorder.end().count !== expected.events.length) {
      throw new Error(`the trace did not replay step ${expected.step} as recorded (${expected.node}#${expected.subtask}); the job is not deterministic`);
    }
    return expected;
  }
}
