/**
 * The engine's public API: the only module the app imports at run time.
 */
export { type JobError, JobFailure, formatJobError } from './graph/errors.js';
export { validateJob, validateJobWith, type ValidationResult } from './graph/validate.js';
export { type CodeSyntaxCheck, javaScriptSyntaxError, loadCodeSyntaxCheck } from './udf/code-syntax.js';
export { KIND_INFO } from './graph/kinds.js';
export type { JobDocument, JobEdge, JobNode, NodeKind } from './graph/schema.js';
export type { ExecutionPlan, PlanEdge, PlanNode, PlanVertex } from './plan/execution-plan.js';
export { planJob, type PlanOptions } from './plan/plan-job.js';
export { InlineJob, type InlineOptions, type JobStatus } from './host/inline-host.js';
export { MemoryIO, type CollectedRecord } from './host/memory-io.js';
export { runJob, JobValidationError, type JobResult, type RunJobOptions } from './run-job.js';
export { WorkerJob, type SlotSpawner, type WorkerJobOptions } from './host/worker-job.js';
export type { SlotReport, SubtaskMetrics } from './host/slot-protocol.js';
export { functionTimeoutOf, type Stall } from './host/watchdog.js';
export { browserSlotSpawner } from './host/browser/browser-slots.js';
export { NODE_KIND_NAMES, PARAM_SCHEMAS } from './graph/schema.js';
export { JobDocumentSchema, JobEdgeSchema, PARTITIONS, type Partition } from './graph/schema.js';
export { IndexedDbCheckpointStorage } from './host/browser/indexeddb-storage.js';
export { MemoryCheckpointStorage, type CheckpointStorage, type CheckpointMetadata, type CompletedCheckpoint } from './checkpoint/storage.js';
export type { CheckpointStats } from './checkpoint/coordinator.js';
export { decodeCheckpoint, latestUsableCheckpoint, restoreStateFor, CorruptCheckpointError, StateMismatchError } from './checkpoint/restore.js';
export { savepointFromText, savepointToText } from './checkpoint/savepoint-file.js';
export type { ChaosOptions } from './host/chaos.js';
export { readKeyedState, type KeyedStateRow } from './checkpoint/inspect.js';
export { codeParamsOf, paramAt } from './graph/kinds.js';
export { isCodeKey } from './graph/schema.js';
export { DEFAULT_TAP_CAPACITY, tapPointsOf, tapCount, type DataTapHandle, type DataTapSnapshot, type SubtaskTapSnapshot, type TapOptions, type TapPoint } from './runtime/data-tap.js';
export { csvValue, parseCsvRow } from './operators/csv.js';
export { FUNCTION_CONTEXT_DTS } from './udf/context-types.js';
export type { Cause, TraceEvent } from './operators/tracer.js';
export type { TraceStep } from './trace/trace-recorder.js';
export { TraceSession, type TraceSessionOptions } from './trace/trace-session.js';
export { TraceStepper, type TraceOptions } from './trace/trace-stepper.js';
export { createTraceSession, planForTrace, traceJob, type TraceDocumentOptions } from './trace/trace-job.js';
export { traceStepJson } from './trace/trace-json.js';
export { eventMatches, parseUntil, stepMatches, type UntilCondition } from './trace/until.js';
