/** Why a job cannot be exported to a target: names the node and, where it helps, the param. */
export class ExportError extends Error {
  constructor(
    readonly nodeId: string | null,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${nodeId === null ? 'job' : `node ${nodeId}`}${field ? `, params.${field}` : ''}: ${reason}`);
    this.name = 'ExportError';
  }
}
