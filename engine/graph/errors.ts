/**
 * Errors are values: a stable code, the node and field they concern, and a sentence a user
 * can act on. Validation returns all of them at once; the runtime throws `JobFailure`.
 */

export interface JobError {
  /** Stable machine-readable code, e.g. `unknown-kind`, `missing-param`, `cycle`. */
  readonly code: string;
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

/** A job failed at run time: which node (and subtask) failed, and why. */
export class JobFailure extends Error {
  constructor(
    readonly nodeId: string,
    readonly subtaskIndex: number,
    readonly reason: string,
    readonly original?: unknown,
  ) {
    super(`node "${nodeId}" (subtask ${subtaskIndex}) failed: ${reason}`);
    this.name = 'JobFailure';
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
