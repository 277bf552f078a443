/**
 * The job format layer: the `eddy/job@1` schema, what each node kind is, and validation.
 * Pure: no runtime, no I/O.
 */
export * from './schema.js';
export * from './schema-live.js';
export * from './schema-params.js';
export {
  type CodeParam,
  codeParamsOf,
  fixedParallelism,
  type InputPorts,
  KIND_INFO,
  type KindCategory,
  type KindInfo,
  type Keyedness,
  outputPorts,
} from './kinds.js';
export {
  incomingEdges,
  isKeyedInput,
  nodeParallelism,
  outgoingEdges,
  topologicalOrder,
  validateJob,
  type ValidationResult,
} from './validate.js';
export { JobErrorCode } from './error-codes.js';
export { formatJobError, type JobError, JobFailure, ParamError, type ParamProblem, messageOf } from './errors.js';
