/**
 * The params of every node kind as zod schemas (`PARAM_SCHEMAS`, `ParamsOf<K>`), the kind names in
 * palette order and each kind's params type; the document around them (nodes, edges, the job) is
 * schema.ts's. Parsing applies every default: `source.datagen` seed 1, keys 10, startTs 0,
 * stepMs 1000; `source.file` and `sink.file` format "jsonl". Every param carries a description,
 * because the IDE inspector builds its forms from these schemas.
 */
import { z } from 'zod';
import { CepPatternParamsSchema } from './schema-cep.js';
import { SinkWebSocketParamsSchema, SourceSseParamsSchema, SourceWebSocketParamsSchema } from './schema-live.js';
import {
  AggregateFnSchema,
  codeString,
  durationMs,
  exactlyOneOf,
  FileFormat,
  fieldPath,
  issueParams,
  joinKey,
  positiveInt,
  positiveMs,
  requireAggregateField,
  WindowFunctionSchema,
  windowSpecShape,
} from './schema-parts.js';

/** Every node kind, in palette order. */
export const NODE_KIND_NAMES = [
  'source.collection',
  'source.datagen',
  'source.file',
  'watermarks',
  'map',
  'filter',
  'flatMap',
  'keyBy',
  'reduce',
  'aggregate',
  'groupAggregate',
  'window',
  'process',
  'union',
  'connect',
  'join.window',
  'join.interval',
  'sink.collect',
  'sink.file',
  // Live sources and sinks (docs/job-format.md, "Live sources and sinks").
  'source.websocket',
  'sink.websocket',
  'source.sse',
  'cep.pattern',
  'process.broadcast',
  'join.sqlInterval',
  'join.regular',
  'rank',
  'join.temporal',
  'join.semiAnti',
  'asyncMap',
] as const;

export type NodeKind = (typeof NODE_KIND_NAMES)[number];

/** Narrows a string to a known kind. */
export function isNodeKind(kind: unknown): kind is NodeKind {
  return typeof kind === 'string' && (NODE_KIND_NAMES as readonly string[]).includes(kind);
}

const ratePerSec = () =>
  z.number().positive().optional().describe('Emit at most this many records per second (absent = as fast as possible)');

// --- params per kind -------------------------------------------------------------------------

export const SourceCollectionParamsSchema = z.strictObject({
  records: z
    .array(z.unknown())
    .superRefine((records, ctx) => {
      records.forEach((r, i) => {
        if (r === null || typeof r !== 'object' || Array.isArray(r) || !Object.hasOwn(r, '$watermark')) return;
        const marker = r as Record<string, unknown>;
        const wm = marker.$watermark;
        if (typeof wm !== 'number' || !Number.isFinite(wm)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, '$watermark'],
            message: `a watermark marker needs a number (ms), got ${JSON.stringify(wm)}`,
            params: issueParams('invalid-param'),
          });
        } else if (Object.keys(marker).length !== 1) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: 'a watermark marker has only the "$watermark" key; put record fields in a separate record',
            params: issueParams('invalid-param'),
          });
        }
      });
    })
    .describe('Records to emit, in order; {"$watermark": ms} entries emit a watermark at that point'),
  timestampField: fieldPath().optional().describe('Field holding the event timestamp (ms)'),
  ratePerSec: ratePerSec(),
});

export const SourceDatagenParamsSchema = z.strictObject({
  count: z.number().int().min(0).optional().describe('Number of records to generate (absent = unbounded)'),
  ratePerSec: ratePerSec(),
  seed: z.number().int().default(1).describe('Random seed: the same seed gives the same stream'),
  keys: positiveInt().default(10).describe('Number of distinct keys'),
  startTs: z.number().int().default(0).describe('Timestamp of the first record (ms)'),
  stepMs: durationMs().default(1000).describe('Timestamp increase between records (ms)'),
  maxOutOfOrdernessMs: durationMs().optional().describe('Shift timestamps back by up to this much at random (ms)'),
});

export const SourceFileParamsSchema = z.strictObject({
  path: z.string().min(1).optional().describe('File to read (CLI); in the browser, an uploaded file'),
  format: FileFormat.default('jsonl').describe('"jsonl": one JSON record per line; "csv": header row, then rows'),
  timestampField: fieldPath().optional().describe('Field holding the event timestamp (ms)'),
  columns: z.array(z.string().min(1)).min(1).optional().describe('CSV without a header row: the names of its fields, in order (as Flink SQL\'s csv format reads)'),
  ignoreParseErrors: z
    .boolean()
    .optional()
    .describe('With the "errors" side output not wired: skip malformed lines instead of failing the job (default false, as Flink\'s json/csv.ignore-parse-errors)'),
});

export const WatermarksParamsSchema = z
  .strictObject({
    timestampField: fieldPath().optional().describe('Field holding the event timestamp (ms)'),
    timestamp: codeString().optional().describe('(r) => event timestamp in ms; instead of timestampField'),
    strategy: z
      .enum(['bounded-out-of-orderness', 'monotonous'])
      .default('bounded-out-of-orderness')
      .describe('Watermark = max timestamp seen − maxOutOfOrderness − 1; "monotonous" = no delay'),
    maxOutOfOrdernessMs: durationMs().default(0).describe('How far behind the newest record a record may arrive (ms)'),
    intervalMs: durationMs().default(200).describe('How often to emit a watermark (ms of processing time); 0 = after every record'),
    idleTimeoutMs: positiveMs().optional().describe('Mark the stream idle after this long without records (ms)'),
  })
  .superRefine((p, ctx) => {
    exactlyOneOf<typeof p>('timestampField', 'a field name', 'timestamp', 'a function returning ms')(p, ctx);
    if (p.strategy === 'monotonous' && typeof p.maxOutOfOrdernessMs === 'number' && p.maxOutOfOrdernessMs !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxOutOfOrdernessMs'],
        message: 'the "monotonous" strategy allows no out-of-orderness: remove maxOutOfOrdernessMs or use "bounded-out-of-orderness"',
        params: issueParams('invalid-param'),
      });
    }
  });

const codeOnly = (description: string) => z.strictObject({ code: codeString().describe(description) });

export const MapParamsSchema = codeOnly('(r) => new record');
export const FilterParamsSchema = codeOnly('(r) => true to keep the record');
export const FlatMapParamsSchema = codeOnly('(r) => array of records (may be empty)');

export const KeyByParamsSchema = z
  .strictObject({
    field: fieldPath().optional().describe('Field (dot path) whose value is the key'),
    code: codeString().optional().describe('(r) => key; instead of field'),
  })
  .superRefine(exactlyOneOf('field', 'a dot path like "user.id"', 'code', 'a key function'));

export const ReduceParamsSchema = codeOnly('(acc, r) => new accumulated record, per key');

export const AggregateParamsSchema = z
  .strictObject({
    fn: AggregateFnSchema,
    field: fieldPath().optional().describe('Field to aggregate (not needed for count)'),
  })
  .superRefine(requireAggregateField);

export const GroupAggregateParamsSchema = z.strictObject({
  keys: z.array(fieldPath()).default([]).describe("The grouping fields, copied from the input row into each result row (the keyBy before the node keys by them)"),
  aggregates: z
    .array(
      z
        .strictObject({
          name: z.string().min(1).describe('The result field'),
          fn: z.enum(['count', 'sum', 'min', 'max', 'avg']).describe('COUNT, SUM, MIN, MAX or AVG; count without a field is COUNT(*)'),
          field: fieldPath().optional().describe('The argument field (absent only for COUNT(*)); NULLs are skipped'),
          distinct: z.boolean().default(false).describe('Aggregate distinct values only (COUNT(DISTINCT x), ...)'),
          integer: z.boolean().default(false).describe('AVG of an integer type: the result is truncated, as in Flink'),
        })
        .superRefine((a, ctx) => {
          if (a.field === undefined && a.fn !== 'count') ctx.addIssue({ code: 'custom', path: ['field'], message: `${a.fn} needs a field`, params: issueParams('invalid-param') });
        }),
    )
    .describe('The aggregates, each a field of the result row (none: SELECT DISTINCT, one row per distinct key)'),
});

export const WindowParamsSchema = z.strictObject({
  ...windowSpecShape,
  lateOutput: z
    .string()
    .min(1)
    .refine((tag) => tag !== 'out', { error: 'the late-output tag must differ from the main output "out"' })
    .optional()
    .describe('Side-output tag for records too late for every window'),
  function: WindowFunctionSchema,
});

export const ProcessParamsSchema = codeOnly(
  '({ onElement(r, ctx, out) {…}, onTimer(ts, ctx, out) {…} }) — keyed state and timers through ctx',
);

export const UnionParamsSchema = z.strictObject({});

export const ConnectParamsSchema = codeOnly('({ onElement1(r, ctx, out) {…}, onElement2(r, ctx, out) {…} })');

export const ProcessBroadcastParamsSchema = codeOnly(
  '({ processElement(r, ctx, out) {…}, processBroadcastElement(rule, ctx, out) {…} }) — in1 reads the broadcast state in2 writes',
);

export const JoinWindowSpecSchema = z
  .strictObject(windowSpecShape)
  .describe('The windows both sides are joined in: assigner, trigger, evictor, allowedLatenessMs');

const joinShape = {
  leftKey: joinKey().describe('Key of the left input (in1): a field path, or (l) => key'),
  rightKey: joinKey().describe('Key of the right input (in2): a field path, or (r) => key'),
  code: codeString().describe('(l, r) => joined record, for every matching pair'),
};

export const JoinWindowParamsSchema = z.strictObject({ window: JoinWindowSpecSchema, ...joinShape });

/** An optional side-output tag for late records (it must not be the main output's name). */
const lateTag = (what: string) =>
  z
    .string()
    .min(1)
    .refine((tag) => tag !== 'out', { error: 'the late-output tag must differ from the main output "out"' })
    .optional()
    .describe(what);

export const JoinIntervalParamsSchema = z
  .strictObject({
    lowerMs: z.number().int().describe('Right records match from left timestamp + lowerMs (ms, may be negative)'),
    upperMs: z.number().int().describe('Right records match up to left timestamp + upperMs (ms)'),
    ...joinShape,
    code: codeString().describe(
      '(l, r, ctx, out) => joined record, for every matching pair (ProcessJoinFunction): ctx.leftTimestamp, ctx.rightTimestamp, ctx.timestamp (the later), ctx.output(tag, value)',
    ),
    leftLateOutput: lateTag("Side-output tag for left records behind the watermark (Flink's sideOutputLeftLateData; otherwise dropped)"),
    rightLateOutput: lateTag("Side-output tag for right records behind the watermark (Flink's sideOutputRightLateData; otherwise dropped)"),
  })
  .superRefine((p, ctx) => {
    if (Number.isInteger(p.lowerMs) && Number.isInteger(p.upperMs) && p.lowerMs > p.upperMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['upperMs'],
        message: `upperMs (${p.upperMs}) must not be smaller than lowerMs (${p.lowerMs})`,
        params: issueParams('invalid-param'),
      });
    }
  });

/** The joins of Flink SQL (the compiler's output; results are `{ left, right }`, null on a padded side). */
const sqlJoinShape = {
  type: z.enum(['inner', 'left', 'right', 'full']).default('inner').describe('INNER, LEFT, RIGHT or FULL (outer) join'),
  leftKey: joinKey().describe('Equality key of the left input (in1): a field path, or (l) => key'),
  rightKey: joinKey().describe('Equality key of the right input (in2): a field path, or (r) => key'),
  condition: codeString().optional().describe('(l, r) => boolean: the rest of the ON condition; a pair joins only when it returns true'),
};

export const JoinSqlIntervalParamsSchema = z
  .strictObject({
    lowerMs: z.number().int().describe('Right rows match from left rowtime + lowerMs (ms, may be negative)'),
    upperMs: z.number().int().describe('Right rows match up to left rowtime + upperMs (ms)'),
    ...sqlJoinShape,
  })
  .superRefine((p, ctx) => {
    if (Number.isInteger(p.lowerMs) && Number.isInteger(p.upperMs) && p.lowerMs > p.upperMs) {
      ctx.addIssue({ code: 'custom', path: ['upperMs'], message: `upperMs (${p.upperMs}) must not be smaller than lowerMs (${p.lowerMs})`, params: issueParams('invalid-param') });
    }
  });

export const JoinRegularParamsSchema = z.strictObject(sqlJoinShape);

export const JoinSemiAntiParamsSchema = z.strictObject({
  type: z.enum(['semi', 'anti']).default('semi').describe('SEMI (IN / EXISTS: left rows with a match) or ANTI (NOT IN / NOT EXISTS: left rows without one)'),
  leftKey: joinKey().describe('Equality key of the left input (in1), whose rows pass: a field path, or (l) => key'),
  rightKey: joinKey().describe('Equality key of the right input (in2), the subquery: a field path, or (r) => key'),
  condition: codeString().optional().describe('(l, r) => boolean: the rest of the condition; a right row matches only when it returns true'),
});

export const RankParamsSchema = z.strictObject({
  orderBy: z
    .array(z.strictObject({
        field: fieldPath().describe('A sort field'),
        desc: z.boolean().default(false).describe('Descending'),
        nulls: z.enum(['first', 'last']).optional().describe('NULLS FIRST / NULLS LAST (absent: NULL is the smallest value: first ascending, last descending)'),
      }),
    )
    .min(1)
    .describe('The sort key of ROW_NUMBER() OVER (... ORDER BY ...)'),
  limit: z.number().int().min(1).default(1).describe('N of rownum <= N: the rows kept per key'),
  rankNumber: z.string().min(1).optional().describe('The field the row number goes into (absent: Top-N without row numbers: +I and -D only)'),
  deduplicate: z.boolean().default(false).describe("Deduplication on a rowtime (orderBy's one field): keep the first row (ascending) or the last (descending)"),
  retract: z.boolean().optional().describe('Top-N over a changelog input (Flink\'s RetractableTopNFunction): keeps every row, so a retracted row of the top N lets the next one move up; with rankNumber each rank whose row changes is -U/+U (not with deduplicate)'),
  time: z.enum(['event', 'processing']).optional().describe('Deduplication on a processing-time attribute (ORDER BY proctime): "processing" keeps the first or last row to arrive, emitted at once (absent: "event", by the rowtime)'),
});

export const JoinTemporalParamsSchema = z.strictObject({
  type: z.enum(['inner', 'left']).default('inner').describe('INNER or LEFT join'),
  leftKey: joinKey().describe('Key of the left input (in1): a field path, or (l) => key'),
  rightKey: joinKey().describe("Key of the versioned input (in2), its primary key: a field path, or (r) => key"),
  condition: codeString().optional().describe('(l, r) => boolean: the rest of the ON condition'),
});

export const SinkCollectParamsSchema = z.strictObject({});

export const SinkFileParamsSchema = z.strictObject({
  path: z.string().min(1).optional().describe('File to write (CLI); in the browser, a download'),
  format: FileFormat.default('jsonl').describe('"jsonl": one JSON record per line; "csv": header row, then rows'),
});

export const AsyncRetrySchema = z
  .strictObject({
    strategy: z
      .enum(['fixedDelay', 'exponentialBackoff'])
      .describe("Flink's AsyncRetryStrategies: the same delay before every retry, or a delay multiplied after each"),
    maxAttempts: positiveInt().describe('Retries after the first call (Flink\'s maxAttempts); then the last outcome stands'),
    delayMs: durationMs().default(1000).describe('fixedDelay: the delay before each retry; exponentialBackoff: before the first (ms)'),
    maxDelayMs: durationMs().optional().describe('exponentialBackoff: the longest delay (ms; default: no bound)'),
    multiplier: z.number().min(1).default(2).describe('exponentialBackoff: each delay is the previous one times this'),
    onException: z.boolean().default(true).describe('Retry when the call fails (Flink\'s RetryPredicates.HAS_EXCEPTION_PREDICATE)'),
    onEmptyResult: z.boolean().default(false).describe('Retry when the call returns no record (RetryPredicates.EMPTY_RESULT_PREDICATE)'),
  });

export const AsyncMapParamsSchema = z.strictObject({
  code: codeString().describe('async (r, ctx) => a record, an array of records, or undefined for none; ctx.fetch reads URLs relative to the job'),
  capacity: positiveInt().default(100).describe('Requests in flight at most (Flink\'s capacity); the input waits while it is full'),
  timeoutMs: positiveMs().describe('How long a record may take, retries included, before it times out (ms)'),
  mode: z
    .enum(['ordered', 'unordered'])
    .default('ordered')
    .describe('"ordered": results in input order; "unordered": as they complete, but never across a watermark'),
  timeout: codeString()
    .optional()
    .describe("(r, ctx) => records for a record that timed out (Flink's AsyncFunction.timeout); absent = the job fails"),
  retry: AsyncRetrySchema.optional().describe("Retry failed calls (Flink's AsyncRetryStrategy); the timeout covers every attempt and is never retried"),
});

/** The params schema of every kind; `parse` applies the defaults. */
export const PARAM_SCHEMAS = {
  'source.collection': SourceCollectionParamsSchema,
  'source.datagen': SourceDatagenParamsSchema,
  'source.file': SourceFileParamsSchema,
  watermarks: WatermarksParamsSchema,
  map: MapParamsSchema,
  filter: FilterParamsSchema,
  flatMap: FlatMapParamsSchema,
  keyBy: KeyByParamsSchema,
  reduce: ReduceParamsSchema,
  aggregate: AggregateParamsSchema,
  groupAggregate: GroupAggregateParamsSchema,
  window: WindowParamsSchema,
  process: ProcessParamsSchema,
  union: UnionParamsSchema,
  connect: ConnectParamsSchema,
  'join.window': JoinWindowParamsSchema,
  'join.interval': JoinIntervalParamsSchema,
  'sink.collect': SinkCollectParamsSchema,
  'sink.file': SinkFileParamsSchema,
  'source.websocket': SourceWebSocketParamsSchema,
  'sink.websocket': SinkWebSocketParamsSchema,
  'source.sse': SourceSseParamsSchema,
  'cep.pattern': CepPatternParamsSchema,
  'process.broadcast': ProcessBroadcastParamsSchema,
  'join.sqlInterval': JoinSqlIntervalParamsSchema,
  'join.regular': JoinRegularParamsSchema,
  rank: RankParamsSchema,
  'join.temporal': JoinTemporalParamsSchema,
  'join.semiAnti': JoinSemiAntiParamsSchema,
  asyncMap: AsyncMapParamsSchema,
} as const satisfies Record<NodeKind, z.ZodType>;

/** The params of `kind` after parsing (defaults applied). */
export type ParamsOf<K extends NodeKind> = z.output<(typeof PARAM_SCHEMAS)[K]>;

export type SourceCollectionParams = ParamsOf<'source.collection'>;
export type SourceDatagenParams = ParamsOf<'source.datagen'>;
export type SourceFileParams = ParamsOf<'source.file'>;
export type WatermarksParams = ParamsOf<'watermarks'>;
export type MapParams = ParamsOf<'map'>;
export type FilterParams = ParamsOf<'filter'>;
export type FlatMapParams = ParamsOf<'flatMap'>;
export type KeyByParams = ParamsOf<'keyBy'>;
export type ReduceParams = ParamsOf<'reduce'>;
export type AggregateParams = ParamsOf<'aggregate'>;
export type GroupAggregateParams = ParamsOf<'groupAggregate'>;
export type WindowParams = ParamsOf<'window'>;
export type ProcessParams = ParamsOf<'process'>;
export type UnionParams = ParamsOf<'union'>;
export type ConnectParams = ParamsOf<'connect'>;
export type JoinWindowParams = ParamsOf<'join.window'>;
export type JoinIntervalParams = ParamsOf<'join.interval'>;
export type SinkCollectParams = ParamsOf<'sink.collect'>;
export type SinkFileParams = ParamsOf<'sink.file'>;
export type SourceWebSocketParams = ParamsOf<'source.websocket'>;
export type SinkWebSocketParams = ParamsOf<'sink.websocket'>;
export type SourceSseParams = ParamsOf<'source.sse'>;
export type CepPatternParams = ParamsOf<'cep.pattern'>;
export type ProcessBroadcastParams = ParamsOf<'process.broadcast'>;
export type AsyncMapParams = ParamsOf<'asyncMap'>;
/** Assigner, trigger, evictor and lateness of a `join.window` (no function, no late output). */
export type JoinWindowSpec = z.output<typeof JoinWindowSpecSchema>;
export type WindowAssigner = WindowParams['assigner'];
export type WindowEvictor = WindowParams['evictor'];
export type WindowFunction = WindowParams['function'];
