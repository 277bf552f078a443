/**
 * Attributing a failure to the node it came from. Chained operators call each other directly,
 * so an error thrown deep in a chain passes through several calls: the innermost boundary tags
 * it with its node id (and the record it was processing), and outer boundaries keep that tag.
 */
import { messageOf } from '../graph/errors.js';
import { userCodeLine } from '../udf/code-syntax.js';

/** No record: the failure happened outside processing one (a watermark, a timer, a source). */
const NO_RECORD: unique symbol = Symbol('no record');

export class OperatorError extends Error {
  constructor(
    readonly nodeId: string,
    readonly original: unknown,
    /** The record the node was processing when it failed, if it was processing one. */
    readonly record: unknown = NO_RECORD,
  ) {
    super(messageOf(original));
    this.name = 'OperatorError';
  }
}

/** Tags `error` with `nodeId` (and the record being processed) unless an inner operator already did. */
export function attribute(error: unknown, nodeId: string, record: unknown = NO_RECORD): OperatorError {
  return error instanceof OperatorError ? error : new OperatorError(nodeId, error, record);
}

const RECORD_TEXT_LIMIT = 200;

function recordText(record: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(record) ?? String(record);
  } catch {
    text = String(record);
  }
  return text.length > RECORD_TEXT_LIMIT ? `${text.slice(0, RECORD_TEXT_LIMIT)}…` : text;
}

/**
 * A failure in words a user can act on: the message, the line of their code it was thrown at
 * (when user code threw it) and the record the node was processing:
 * `boom (line 3 of the node's code) on record {"n":101}`.
 */
export function failureMessage(error: unknown): string {
  const original = error instanceof OperatorError ? error.original : error;
  let text = messageOf(original);
  const at = userCodeLine(original);
  if (at !== null) text += ` (line ${at.line}, column ${at.column} of the node's code)`;
  if (error instanceof OperatorError && error.record !== NO_RECORD) text += ` on record ${recordText(error.record)}`;
  return text;
}
