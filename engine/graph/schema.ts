/**
 * The `eddy/job@1` document as zod schemas — with schema-params.ts (each node kind's params),
 * the single source of truth for node kinds and their params (the spec is
 * /work/shared/spec/job-format.md). This file holds the document: nodes, edges, checkpointing,
 * restart and execution settings. Parsing applies every default, so code downstream of validation
 * never guesses a missing value.
 *
 * Defaults that the spec leaves open, chosen so a minimal node works: checkpointing mode
 * "exactly-once", unaligned false, retained 1 (the params' defaults are in schema-params.ts).
 */
import { z } from 'zod';
import { type NodeKind, PARAM_SCHEMAS } from './schema-params.js';
import {
  positiveInt,
  CheckpointingSchema,
  ExecutionSchema,
  RestartSchema,
} from './schema-parts.js';

export {
  AGGREGATE_FNS,
  CheckpointingSchema,
  DEFAULT_FUNCTION_TIMEOUT_MS,
  ExecutionSchema,
  RestartSchema,
  AssignerSchema,
  DOT_PATH,
  EvictorSchema,
  isCodeKey,
  TriggerSchema,
  type TriggerSpec,
  WindowFunctionSchema,
} from './schema-parts.js';

/** The only format string this engine reads. */
export const JOB_FORMAT = 'eddy/job@1';

/** Node ids name operator state in checkpoints, so they are restricted to stable characters. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Flink's upper bound for the number of key groups. */
export const MAX_MAX_PARALLELISM = 32768;


// --- nodes, edges, document ------------------------------------------------------------------

export const NodeIdSchema = z
  .string()
  .regex(NODE_ID_PATTERN, { error: 'a node id uses only letters, digits, "_" and "-"' })
  .describe("Unique id; names the operator's state in checkpoints (Flink's uid)");

function nodeSchema<K extends NodeKind, P extends (typeof PARAM_SCHEMAS)[K]>(kind: K, params: P) {
  const emptyParams = () => ({}) as z.input<P>;
  return z.strictObject({
    id: NodeIdSchema,
    kind: z.literal(kind),
    name: z.string().optional().describe('Label shown on the canvas'),
    parallelism: positiveInt().optional().describe('Subtasks of this node (default: the job parallelism)'),
    // An absent params object is an empty one, so required params are reported by name.
    params: z.prefault(params, emptyParams).describe('Kind-specific settings'),
  });
}

const S = PARAM_SCHEMAS;

export const JobNodeSchema = z.discriminatedUnion('kind', [
  nodeSchema('source.collection', S['source.collection']),
  nodeSchema('source.datagen', S['source.datagen']),
  nodeSchema('source.file', S['source.file']),
  nodeSchema('watermarks', S.watermarks),
  nodeSchema('map', S.map),
  nodeSchema('filter', S.filter),
  nodeSchema('flatMap', S.flatMap),
  nodeSchema('keyBy', S.keyBy),
  nodeSchema('reduce', S.reduce),
  nodeSchema('aggregate', S.aggregate),
  nodeSchema('groupAggregate', S.groupAggregate),
  nodeSchema('window', S.window),
  nodeSchema('process', S.process),
  nodeSchema('union', S.union),
  nodeSchema('connect', S.connect),
  nodeSchema('join.window', S['join.window']),
  nodeSchema('join.interval', S['join.interval']),
  nodeSchema('sink.collect', S['sink.collect']),
  nodeSchema('sink.file', S['sink.file']),
  nodeSchema('source.websocket', S['source.websocket']),
  nodeSchema('sink.websocket', S['sink.websocket']),
  nodeSchema('source.sse', S['source.sse']),
  nodeSchema('cep.pattern', S['cep.pattern']),
  nodeSchema('process.broadcast', S['process.broadcast']),
  nodeSchema('join.sqlInterval', S['join.sqlInterval']),
  nodeSchema('join.regular', S['join.regular']),
  nodeSchema('rank', S.rank),
  nodeSchema('join.temporal', S['join.temporal']),
  nodeSchema('join.semiAnti', S['join.semiAnti']),
  nodeSchema('asyncMap', S.asyncMap),
]);

/** A parsed node; narrowing on `kind` narrows `params`. */
export type JobNode = z.output<typeof JobNodeSchema>;
/** The node of one kind. */
export type NodeOf<K extends NodeKind> = Extract<JobNode, { kind: K }>;

export const PARTITIONS = ['forward', 'rebalance', 'rescale', 'broadcast', 'shuffle'] as const;
export type Partition = (typeof PARTITIONS)[number];

/**
 * An edge. `toPort` defaults to "in" here; validation rejects an edge into a two-input node
 * that does not name "in1" or "in2", so on a validated job every port is explicit.
 */
export const JobEdgeSchema = z.strictObject({
  from: z.string().describe('Id of the upstream node'),
  to: z.string().describe('Id of the downstream node'),
  fromPort: z.string().min(1).default('out').describe('"out" or a side-output tag of the upstream node'),
  toPort: z.string().min(1).default('in').describe('"in", or "in1" / "in2" on two-input nodes'),
  partition: z
    .enum(PARTITIONS)
    .optional()
    .describe('How records move between subtasks; default forward when parallelism matches, else rebalance; ignored out of or into keyBy and into joins (hashed by key)'),
});

export type JobEdge = z.output<typeof JobEdgeSchema>;

export type Checkpointing = z.output<typeof CheckpointingSchema>;
export type RestartStrategy = z.output<typeof RestartSchema>;
export type Execution = z.output<typeof ExecutionSchema>;

export const JobDocumentSchema = z.strictObject({
  format: z.literal(JOB_FORMAT).describe('Always "eddy/job@1"'),
  name: z.string().optional().describe('Job name'),
  parallelism: positiveInt().default(1).describe('Default parallelism of every node'),
  maxParallelism: positiveInt()
    .max(MAX_MAX_PARALLELISM)
    .default(128)
    .describe('Number of key groups: the upper bound for rescaling keyed state'),
  checkpointing: CheckpointingSchema.optional().describe('Periodic checkpoints; absent = none'),
  restart: RestartSchema.optional().describe('What happens after a failure'),
  execution: ExecutionSchema.optional().describe('How tasks run: the watchdog on user functions'),
  nodes: z.array(JobNodeSchema).describe('The operators'),
  edges: z.array(JobEdgeSchema).default([]).describe('The streams between operators'),
  layout: z.record(z.string(), z.unknown()).optional().describe('Editor positions; ignored by the engine'),
});

/** A parsed job document with every default applied. */
export type JobDocument = z.output<typeof JobDocumentSchema>;
/** A job document as written (defaults optional). */
export type JobDocumentInput = z.input<typeof JobDocumentSchema>;
