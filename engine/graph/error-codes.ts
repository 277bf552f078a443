/**
 * The stable codes of job errors. Tools (the IDE's validation marks, the CLI, tests) match on
 * these strings; a code's meaning never changes once published.
 */
export const JobErrorCode = {
  /** The document is not a JSON object. */
  InvalidDocument: 'invalid-document',
  /** `format` is missing or not exactly "eddy/job@1". */
  InvalidFormat: 'invalid-format',
  /** A required document, node or edge field is absent. */
  MissingField: 'missing-field',
  /** A document, node or edge field has a wrong value. */
  InvalidField: 'invalid-field',
  /** A field the format does not define. */
  UnknownField: 'unknown-field',
  /** A node kind that does not exist. */
  UnknownKind: 'unknown-kind',
  /** A required param is absent. */
  MissingParam: 'missing-param',
  /** A param has a wrong value. */
  InvalidParam: 'invalid-param',
  /** A param the kind does not define. */
  UnknownParam: 'unknown-param',
  /** A node id with characters outside [A-Za-z0-9_-]. */
  InvalidId: 'invalid-id',
  /** Two nodes share an id. */
  DuplicateId: 'duplicate-id',
  /** An edge names a node that does not exist. */
  DanglingEdge: 'dangling-edge',
  /** An edge uses a port its node does not have. */
  UnknownPort: 'unknown-port',
  /** An edge into a two-input node does not say which input ("in1" or "in2"). */
  MissingPort: 'missing-port',
  /** The edges loop back. */
  Cycle: 'cycle',
  /** A node input without an incoming edge. */
  MissingInput: 'missing-input',
  /** More than one edge into an input that takes one stream. */
  TooManyInputs: 'too-many-inputs',
  /** A keyed-only node whose input does not come from a keyBy. */
  NotKeyed: 'not-keyed',
  /** A parallelism the node cannot run with. */
  InvalidParallelism: 'invalid-parallelism',
  /** A "forward" edge between nodes of different parallelism. */
  ForwardParallelism: 'forward-parallelism',
  /** A code param that does not parse. */
  SyntaxError: 'syntax-error',
  /** The broadcast input (`in2`) of a `process.broadcast` node comes from a keyBy. */
  KeyedBroadcast: 'keyed-broadcast',
  /** A node the lab's stepping cannot replay (a live source talks to a server). */
  NotTraceable: 'not-traceable',
} as const;

export type JobErrorCode = (typeof JobErrorCode)[keyof typeof JobErrorCode];
