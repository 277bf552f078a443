/**
 * The lab's side of a trace, in plain data: open a job, move to a position (forward by taking
 * steps, back by the session's snapshots), run until a breakpoint holds. Every answer carries
 * the steps the caller has not seen yet (`known` says how many it has), so a page keeps its own
 * copy of the trace for the timeline and asks the worker only to move. An intervention (or
 * removing one) discards recorded steps: `from` then says where the caller's copy must be cut
 * before the answer's steps are appended. Runs wherever the user's
 * code may run: a Web Worker in the IDE, the test's thread under Node.
 *
 * Moves are asynchronous — a job with an asyncMap waits for its calls' answers — and run one at
 * a time, in the order asked: a move asked while another waits starts when that one is done.
 */
import { type JobError, JobFailure, messageOf } from '../graph/errors.js';
import { JobValidationError } from '../run-job.js';
import { type TraceDocumentOptions, createTraceSession } from './trace-job.js';
import type { ExecutionPlan } from '../plan/execution-plan.js';
import type { ChannelQueue } from './channel-queues.js';
import type { Intervention } from './interventions.js';
import type { TraceStep } from './trace-recorder.js';
import type { TraceSession } from './trace-session.js';
import { type UntilCondition, eventMatches } from './until.js';

/** Where the lab stops when running: an event condition, or a watermark passing a time at a node. */
export type Breakpoint =
  | { readonly kind: 'event'; readonly condition: UntilCondition }
  | { readonly kind: 'watermark'; readonly node: string; readonly passes: number };

export interface TraceMove {
  /** Steps applied: the state is the one after step `position − 1`. */
  readonly position: number;
  /** Recorded steps from index `from` on: the caller keeps its first `from` steps and appends these. */
  readonly steps: readonly TraceStep[];
  /** `known`, or less when steps the caller had were discarded (an intervention changed the future). */
  readonly from: number;
  /** True when the trace waits for a source the user holds: nothing else can run, the job has not ended. */
  readonly blocked: boolean;
  /** Source subtasks held at this position. */
  /** `until`: the virtual time a hold set for N seconds ends by itself. */
  readonly holds: ReadonlyArray<{ readonly node: string; readonly subtask: number; readonly hold: 'paused' | 'idle'; readonly until?: number }>;
  /** Every intervention, by the position (step) that applies it, in order. */
  readonly interventions: ReadonlyArray<{ readonly at: number; readonly action: Intervention }>;
  /** What waits in each channel at this position (the head of each queue, and its size). */
  readonly queues: readonly ChannelQueue[];
  /** The trace's length once its end was reached, else null. */
  readonly length: number | null;
  readonly atEnd: boolean;
  /** The failure that ended the job, when the trace reached it: the node and what went wrong there. */
  readonly failure: { readonly nodeId: string | null; readonly message: string } | null;
  /** The index of the breakpoint that stopped a run, or null. */
  readonly hit: number | null;
}

export interface TraceOpen {
  readonly ok: boolean;
  readonly errors: readonly JobError[];
  /** When ok: the plan's tasks and network edges, so the page can say what each canvas edge carries. */
  readonly shape?: PlanShape;
}

/**
 * The traced plan's shape in plain data: each vertex (task) with the job nodes chained in it,
 * head first, and each network edge between vertices with the job nodes at its ends (a keyBy
 * node is no operator: an edge through it runs from the node before it). Channels name their
 * edge by `index` (`ChannelEnds.edge`).
 */
export interface PlanShape {
  readonly vertices: ReadonlyArray<{ readonly id: string; readonly parallelism: number; readonly nodes: readonly string[]; readonly isSource: boolean }>;
  readonly edges: ReadonlyArray<{ readonly index: number; readonly from: string; readonly port: string; readonly to: string; readonly fromVertex: string; readonly toVertex: string }>;
}

/** The shape of a plan (see PlanShape). */
export function planShape(plan: ExecutionPlan): PlanShape {
  return {
    vertices: plan.vertices.map((v) => ({ id: v.id, parallelism: v.parallelism, nodes: [...v.nodes], isSource: v.isSource })),
    edges: plan.edges.map((e) => ({ index: e.index, from: e.from, port: e.port, to: e.to, fromVertex: e.fromVertex, toVertex: e.toVertex })),
  };
}

/** How many steps one `runUntil` takes at most before it returns: the page asks again, and draws in between (small answers keep each message quick to read). */
export const RUN_CHUNK = 2_000;

export class TraceController {
  private session: TraceSession | null = null;
  /** The move in progress (moves run one after another). */
  private queue: Promise<unknown> = Promise.resolve();

  /** Validates and plans the job (and restores `restoreFrom` into it); its problems come back as values. */
  open(doc: unknown, options: Pick<TraceDocumentOptions, 'parallelism' | 'files' | 'restoreFrom' | 'allowNonRestoredState' | 'startTime' | 'fetchBase'> = {}): Promise<TraceOpen> {
    return this.serial(() => this.openNow(doc, options));
  }

  private openNow(doc: unknown, options: Pick<TraceDocumentOptions, 'parallelism' | 'files' | 'restoreFrom' | 'allowNonRestoredState' | 'startTime' | 'fetchBase'>): TraceOpen {
    try {
      const { session, plan } = createTraceSession(doc, options);
      this.session = session;
      return { ok: true, errors: [], shape: planShape(plan) };
    } catch (e) {
      this.session = null;
      if (e instanceof JobValidationError) return { ok: false, errors: e.errors };
      return { ok: false, errors: [{ code: 'invalid-document', field: '', message: messageOf(e) } as JobError] };
    }
  }

  /** Moves to `position` (clamped to the trace; past the steps taken so far by taking them). */
  goTo(position: number, known: number): Promise<TraceMove> {
    return this.serial(async () => {
      const s = this.live();
      await this.guard(() => s.goToAsync(position));
      return this.answer(known, null);
    });
  }

  /** Takes steps until a breakpoint holds for a step (that step applied), the end, or `limit` steps. */
  runUntil(breakpoints: readonly Breakpoint[], known: number, limit = RUN_CHUNK): Promise<TraceMove> {
    return this.serial(async () => {
      const s = this.live();
      let hit: number | null = null;
      await this.guard(async () => {
        for (let n = 0; n < limit && hit === null; n++) {
          // Synchronous while no call is awaited: a chunk of steps costs no turn of the event loop each.
          const step = s.stepForward() ?? (s.awaiting !== null ? await s.stepForwardAsync() : null);
          if (step === null) break;
          hit = breakpointHit(breakpoints, step);
        }
      });
      return this.answer(known, hit);
    });
  }

  /** Applies an intervention at the current position (see TraceSession.intervene); rejects with an Error saying why it cannot. */
  intervene(action: Intervention, known: number): Promise<TraceMove> {
    return this.serial(async () => {
      const s = this.live();
      await this.guard(() => s.intervene(action));
      return this.answer(known, null);
    });
  }

  /** Removes the intervention applied at step `at`; the position moves there. */
  removeIntervention(at: number, known: number): Promise<TraceMove> {
    return this.serial(async () => {
      const s = this.live();
      await this.guard(() => s.removeIntervention(at));
      return this.answer(known, null);
    });
  }

  /** Removes every intervention; the position moves to the first one's. */
  clearInterventions(known: number): Promise<TraceMove> {
    return this.serial(async () => {
      const s = this.live();
      await this.guard(() => s.clearInterventions());
      return this.answer(known, null);
    });
  }

  /** Runs `move` after the moves asked before it. */
  private serial<T>(move: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(move, move);
    this.queue = run.catch(() => {});
    return run;
  }

  private live(): TraceSession {
    if (!this.session) throw new Error('no job is open in the lab');
    return this.session;
  }

  private async guard(move: () => unknown): Promise<void> {
    try {
      await move();
    } catch (e) {
      // A failing job ends the trace (the session keeps the failure); anything else is a bug.
      if (!(e instanceof JobFailure)) throw e;
    }
  }

  private answer(known: number, hit: number | null): TraceMove {
    const s = this.live();
    const f = s.failure;
    const from = Math.min(known, s.takeChangedFrom());
    return {
      position: s.position,
      steps: s.steps.slice(from),
      from,
      blocked: s.blocked,
      holds: s.holds.map(([key, hold, until]) => {
        const at = key.lastIndexOf('#');
        return { node: key.slice(0, at), subtask: Number(key.slice(at + 1)), hold, ...(until === undefined ? {} : { until }) };
      }),
      interventions: s.interventionList,
      queues: s.queues(),
      length: s.length,
      atEnd: s.atEnd,
      failure: f ? { nodeId: f.nodeId ?? null, message: f.reason } : null,
      hit,
    };
  }
}

/** The first breakpoint that holds for the step, or null. */
export function breakpointHit(breakpoints: readonly Breakpoint[], step: TraceStep): number | null {
  for (let i = 0; i < breakpoints.length; i++) {
    const b = breakpoints[i]!;
    for (const e of step.events) {
      if (b.kind === 'event' ? eventMatches(b.condition, e) : e.type === 'watermark.in' && e['node'] === b.node && typeof e['combined'] === 'number' && e['combined'] >= b.passes) return i;
    }
  }
  return null;
}
