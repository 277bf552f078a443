/**
 * Attributing a failure to the node it came from. Chained operators call each other directly,
 * so an error thrown deep in a chain passes through several calls: the innermost boundary tags
 * it with its node id, and outer boundaries keep that tag.
 */
import { messageOf } from '../graph/errors.js';

export class OperatorError extends Error {
  constructor(
    readonly nodeId: string,
    readonly original: unknown,
  ) {
    super(messageOf(original));
    this.name = 'OperatorError';
  }
}

/** Tags `error` with `nodeId` unless an inner operator already did. */
export function attribute(error: unknown, nodeId: string): OperatorError {
  return error instanceof OperatorError ? error : new OperatorError(nodeId, error);
}
