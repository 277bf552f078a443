/**
 * Errors are values: a stable code, the node and field they concern, and a sentence a user
 * can act on. Validation returns all of them at once; the runtime throws `JobFailure`.
 */
import { JobErrorCode } from './error-codes.js';

export interface JobError {
  /** Stable machine-readable code, e.g. `unknown-kind`, `missing-param`, `cycle`. */
  readonly code: JobErrorCode;
  /** The node concerned, when there is one. */
  readonly nodeId?: string;
  /** The field concerned: a param path like `params.assigner.sizeMs`, or `edges[3].to`. */
  readonly field?: string;
  readonly message: string;
}

/** One line for people: `node "w1", field params.sizeMs: must be a positive number`. */
export function formatJobError(e: JobError): string {
  const where = [e.nodeId !== undefined ? `node "${e.nodeId}"` : '', e.field ? `field ${e.field}` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${e.message} [${e.code}]` : `${e.message} [${e.code}]`;
}

/**
 * Where a run-time failure came from: a subtask of a node (a user function threw, a source could
 * not read its input, the watchdog stopped a function that never returned), a slot worker that
 * died with whatever it ran, or the job as a whole (checkpoint storage, the inline thread).
 */
export type FailureOrigin =
  | { readonly kind: 'node'; readonly nodeId: string; readonly subtask: number }
  | { readonly kind: 'slot'; readonly slot: number }
  | { readonly kind: 'job' };

/**
 * Whether `error` is one a restart cannot fix (Flink's SuppressRestartsException): it says so with
 * `suppressRestarts: true` (a restored state whose type changed fails every attempt alike).
 */
export function suppressesRestarts(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { suppressRestarts?: unknown }).suppressRestarts === true;
}

/** Which param of the failed node was wrong, with its published code (see `ParamError`). */
export interface ParamProblem {
  readonly code: JobErrorCode;
  /** A param path like `params.format` or `params.aggregates[1].fn`. */
  readonly field: string;
}

/**
 * A node's param found wrong when its operator starts or deploys — what the validator cannot
 * judge before the run (a code param that evaluates to no function, an input file that does not
 * exist) or a host-specific limit. It fails every attempt alike, so it suppresses restarts; the
 * failure keeps its code and field (`JobFailure.param`), so tools mark the field as they mark
 * validation errors. The message names the field: `params.format: must be "jsonl" or "csv"`.
 */
export class ParamError extends Error {
  readonly suppressRestarts = true;

  constructor(
    /** A param path like `params.format`. */
    readonly field: string,
    /** A sentence naming the field, e.g. `params.format: must be "jsonl" or "csv"`. */
    message: string,
    readonly code: JobErrorCode = JobErrorCode.InvalidParam,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

/** The param problem `error` carries (a `ParamError`, also one wrapped by an operator boundary), or null. */
export function paramProblemOf(error: unknown): ParamProblem | null {
  const e = typeof error === 'object' && error !== null && 'original' in error && !(error instanceof ParamError) ? (error as { original: unknown }).original : error;
  return e instanceof ParamError ? { code: e.code, field: e.field } : null;
}

/**
 * A job failed at run time: where (see `FailureOrigin`), and why; `restartable` false when the
 * restart strategy must not be asked (the cause suppresses restarts); `param` when a param of
 * the failed node was wrong (its code and field, as a validation error has them).
 */
export class JobFailure extends Error {
  constructor(
    readonly origin: FailureOrigin,
    readonly reason: string,
    readonly original?: unknown,
    readonly restartable = !suppressesRestarts(original),
    readonly param: ParamProblem | null = paramProblemOf(original),
  ) {
    super(origin.kind === 'node' ? `node "${origin.nodeId}" (subtask ${origin.subtask}) failed: ${reason}` : reason);
    this.name = 'JobFailure';
  }

  /** A subtask of a node failed. */
  static atNode(
    nodeId: string,
    subtask: number,
    reason: string,
    original?: unknown,
    restartable = !suppressesRestarts(original),
    param: ParamProblem | null = paramProblemOf(original),
  ): JobFailure {
    return new JobFailure({ kind: 'node', nodeId, subtask }, reason, original, restartable, param);
  }

  /**
   * The failure as a job error when a param of the failed node was wrong: its code, node and
   * field, as validation reports them (the IDE marks the field); null for any other failure.
   */
  get jobError(): JobError | null {
    if (this.param === null) return null;
    const { code, field } = this.param;
    // The reason names the field (`… params.format: must be …`); the error has it in `field`.
    const at = this.reason.indexOf(`${field}: `);
    const message = at >= 0 ? this.reason.slice(at + field.length + 2) : this.reason;
    return { code, ...(this.origin.kind === 'node' ? { nodeId: this.origin.nodeId } : {}), field, message };
  }

  /** Slot worker `slot` died (the reason says how), and every task in it with it. */
  static slotCrashed(slot: number, reason: string): JobFailure {
    return new JobFailure({ kind: 'slot', slot }, reason);
  }

  /** Anything thrown that is no node's: the job as a whole failed. */
  static ofJob(error: unknown, context?: string): JobFailure {
    if (error instanceof JobFailure) return error;
    return new JobFailure({ kind: 'job' }, context === undefined ? messageOf(error) : `${context}: ${messageOf(error)}`, error);
  }

  /** The failed node, when a node failed. */
  get nodeId(): string | null {
    return this.origin.kind === 'node' ? this.origin.nodeId : null;
  }
}

/** The message of anything thrown (a DOMException without one, such as IndexedDB's QuotaExceededError, by its name). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message !== '' ? error.message : error.name;
  return String(error);
}
