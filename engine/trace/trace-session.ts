/**
 * A trace the lab can move along: step forward, step back, go to any step. Steps are recorded
 * as they are first taken; going back restores the state after an earlier step — the nearest
 * snapshot at or before it (one every `snapshotEvery` steps) and a replay from there, which is
 * deterministic — never undoing by hand. Replayed steps are checked against the record and
 * reach the host's I/O only once, so after any moves back and forth, stepping to the end gives
 * exactly the output of `eddy run` (spec/trace.md).
 */
import { JobFailure } from '../graph/errors.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { TraceStep } from './trace-recorder.js';
import { type StepperSnapshot, type TraceOptions, TraceStepper } from './trace-stepper.js';

export interface TraceSessionOptions extends Omit<TraceOptions, 'filesWritten'> {
  /** Steps between snapshots (default 128): memory against the replay a step back may need. */
  snapshotEvery?: number;
}

export class TraceSession {
  private stepper: TraceStepper;
  private readonly recorded: TraceStep[] = [];
  /** Snapshots by position (steps taken), at every multiple of `every` reached so far. */
  private readonly snapshots = new Map<number, StepperSnapshot>();
  private readonly every: number;
  private readonly stepperOptions: TraceOptions;
  private ended = false;
  /** The failure that ended the job, once the trace reached it. */
  failure: JobFailure | null = null;

  constructor(
    readonly plan: ExecutionPlan,
    options: TraceSessionOptions,
  ) {
    const every = options.snapshotEvery ?? 128;
    if (!(Number.isInteger(every) && every >= 1)) throw new Error(`snapshotEvery must be a whole number ≥ 1, got ${String(every)}`);
    this.every = every;
    this.stepperOptions = { ...options, filesWritten: {} };
    this.stepper = new TraceStepper(plan, this.stepperOptions);
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
      step = this.stepper.next();
    } catch (e) {
      if (!(e instanceof JobFailure)) throw e;
      this.failure = e;
      step = null;
    }
    if (step === null) {
      this.ended = true;
      return null;
    }
    this.recorded.push(step);
    if (this.position % this.every === 0) this.snapshots.set(this.position, this.stepper.snapshot());
    return step;
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

  /** Takes every remaining step; returns the number of steps of the whole trace. */
  runToEnd(): number {
    while (this.stepForward() !== null);
    return this.recorded.length;
  }

  /** The greatest snapshot position ≤ `target` (0: the start, no snapshot needed). */
  private nearestSnapshot(target: number): number {
    for (let p = Math.floor(target / this.every) * this.every; p > 0; p -= this.every) if (this.snapshots.has(p)) return p;
    return 0;
  }

  private restoreBefore(target: number): void {
    const at = this.nearestSnapshot(target);
    this.stepper = at === 0 ? new TraceStepper(this.plan, this.stepperOptions) : TraceStepper.restore(this.plan, this.stepperOptions, this.snapshots.get(at)!);
  }

  /** Re-applies the recorded step at the current position, without recording it again. */
  private replayOne(): TraceStep {
    const expected = this.recorded[this.position]!;
    const recorder = this.stepper.recorder;
    recorder.muted = true;
    let step: TraceStep | null;
    try {
      step = this.stepper.next();
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
