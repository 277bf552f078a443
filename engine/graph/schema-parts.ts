/**
 * Building blocks shared by the job schemas: durations, code strings, field paths, and the
 * window specification used by both `window` and `join.window`. Every param carries a
 * description, because the IDE inspector builds its forms from these schemas; `.describe()`
 * comes last in each chain, since zod keeps a description on the instance it was given to.
 */
import { z } from 'zod';
import type { JobErrorCode } from './error-codes.js';

/** The text formats of file and live sources and the file sink. */
export const FileFormat = z.enum(['jsonl', 'csv']);

/** A field name or a dot path into a record (`user.id`): no empty segment. */
export const DOT_PATH = /^[^.]+(\.[^.]+)*$/;

/**
 * A join key is code when it contains an arrow or the word `function` (`(r) => r.user`),
 * otherwise a field path. The planner and validation both use this rule, so they agree.
 */
export function isCodeKey(key: string): boolean {
  return /=>|\bfunction\b/.test(key);
}

/** Custom issues carry their job error code, so the translation to words keeps it. */
export function issueParams(code: JobErrorCode): { code: JobErrorCode } {
  return { code };
}

/**
 * A refinement for params where exactly one of two alternatives must be set (a field or code,
 * a static or dynamic gap). `aText`/`bText` say what each one is, for the error message.
 */
export function exactlyOneOf<T extends Record<string, unknown>>(a: keyof T & string, aText: string, b: keyof T & string, bText: string) {
  return (p: T, ctx: z.RefinementCtx) => {
    if ((p[a] === undefined) !== (p[b] === undefined)) return;
    const missing = p[a] === undefined;
    ctx.addIssue({
      code: 'custom',
      path: [missing ? a : b],
      message: missing ? `missing required param: set "${a}" (${aText}) or "${b}" (${bText})` : `set only one of "${a}" or "${b}"`,
      params: issueParams(missing ? 'missing-param' : 'invalid-param'),
    });
  };
}

/** A whole number of milliseconds, at least 0. */
export function durationMs() {
  return z.number().int().min(0);
}

/** A whole number of milliseconds, greater than 0. */
export function positiveMs() {
  return z.number().int().positive();
}

/** A whole number greater than 0. */
export function positiveInt() {
  return z.number().int().positive();
}

/** A JavaScript or TypeScript expression; validation also checks that it parses. */
export function codeString() {
  return z.string().regex(/\S/, { error: 'must not be empty: write a function expression, e.g. "(r) => r"' });
}

/** A record field name or dot path. */
export function fieldPath() {
  return z.string().regex(DOT_PATH, { error: 'expected a field name or a dot path like "user.id"' });
}

/** A key of a join input: a field path, or code when it contains `=>`. */
export function joinKey() {
  return z
    .string()
    .min(1)
    .superRefine((key, ctx) => {
      if (!isCodeKey(key) && !DOT_PATH.test(key)) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected a field path like "user.id" or a key function like "(r) => r.user"',
          params: issueParams('invalid-param'),
        });
      }
    });
}

const TimeDomain = z
  .enum(['event', 'processing'])
  .default('event')
  .describe('Time the windows follow: "event" (record timestamps, watermarks) or "processing" (wall clock)');

function offsetBelow(limitField: 'sizeMs' | 'slideMs') {
  return (a: { offsetMs: number; sizeMs: number; slideMs?: number }, ctx: z.RefinementCtx) => {
    const limit = limitField === 'sizeMs' ? a.sizeMs : (a.slideMs ?? 0);
    // zod runs refinements after non-fatal issues too: compare only values that passed.
    if (!(limit > 0) || !Number.isInteger(a.offsetMs)) return;
    if (Math.abs(a.offsetMs) >= limit) {
      ctx.addIssue({
        code: 'custom',
        path: ['offsetMs'],
        message: `offset (ms) must be smaller than the window ${limitField === 'sizeMs' ? 'size' : 'slide'} (${limit}) in absolute value, got ${a.offsetMs}`,
        params: issueParams('invalid-param'),
      });
    }
  };
}

export const TumblingAssignerSchema = z
  .strictObject({
    type: z.literal('tumbling'),
    sizeMs: positiveMs().describe('Window length (ms)'),
    offsetMs: z.number().int().default(0).describe('Shift of window starts against the epoch (ms); |offset| < size'),
    time: TimeDomain,
  })
  .superRefine(offsetBelow('sizeMs'))
  .describe('Fixed-size, non-overlapping windows');

export const SlidingAssignerSchema = z
  .strictObject({
    type: z.literal('sliding'),
    sizeMs: positiveMs().describe('Window length (ms)'),
    slideMs: positiveMs().describe('Distance between window starts (ms)'),
    offsetMs: z.number().int().default(0).describe('Shift of window starts against the epoch (ms); |offset| < slide'),
    time: TimeDomain,
  })
  .superRefine(offsetBelow('slideMs'))
  .describe('Fixed-size windows starting every slide; a record belongs to size / slide windows');

export const SessionAssignerSchema = z
  .strictObject({
    type: z.literal('session'),
    gapMs: positiveMs().optional().describe('Inactivity gap that closes a session (ms)'),
    gap: codeString().optional().describe('Dynamic gap: (r) => gap in ms, per record'),
    time: TimeDomain,
  })
  .superRefine(exactlyOneOf('gapMs', 'ms', 'gap', 'a function returning ms'))
  .describe('Windows that close after a gap of inactivity; touching sessions merge');

export const GlobalAssignerSchema = z
  .strictObject({ type: z.literal('global') })
  .describe('One window holding everything; fires only through its trigger');

export const CountAssignerSchema = z
  .strictObject({
    type: z.literal('count'),
    size: positiveInt().describe('Records per window'),
    slide: positiveInt().optional().describe('Records between firings (sliding count window); absent = tumbling'),
  })
  .describe("Flink's countWindow(size[, slide]): global windows fired by record count");

export const AssignerSchema = z
  .discriminatedUnion('type', [
    TumblingAssignerSchema,
    SlidingAssignerSchema,
    SessionAssignerSchema,
    GlobalAssignerSchema,
    CountAssignerSchema,
  ])
  .describe('Which windows a record belongs to');

/** A trigger as written in the job; `"default"` is the assigner's own trigger. */
export type TriggerSpec =
  | 'default'
  | { type: 'count'; count: number }
  | { type: 'event-time' }
  | { type: 'processing-time' }
  | { type: 'continuous-event-time'; intervalMs: number }
  | { type: 'end-of-stream' }
  | { type: 'purging'; of: TriggerSpec };

export const TriggerSchema: z.ZodType<TriggerSpec> = z
  .union([
    z.literal('default'),
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('count'), count: positiveInt().describe('Fire when the window holds this many records') }),
      z.strictObject({ type: z.literal('event-time') }),
      z.strictObject({ type: z.literal('processing-time') }),
      z.strictObject({
        type: z.literal('continuous-event-time'),
        intervalMs: positiveMs().describe('Fire every interval of event time (ms)'),
      }),
      z.strictObject({ type: z.literal('end-of-stream') }),
      z.strictObject({
        type: z.literal('purging'),
        of: z.lazy(() => TriggerSchema).describe('The trigger whose firings also purge the window'),
      }),
    ]),
  ])
  .describe('When a window fires: "default" (the assigner\'s trigger) or a trigger object');

export const EvictorSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('count'), count: positiveInt().describe('Keep this many most recent records') }),
    z.strictObject({ type: z.literal('time'), sizeMs: positiveMs().describe('Keep records within this span before the newest (ms)') }),
  ])
  .nullable()
  .default(null)
  .describe('Removes records from a window before its function runs; null = none');

/** Assigner, trigger, evictor and lateness: the part of `window` that `join.window` shares. */
export const windowSpecShape = {
  assigner: AssignerSchema,
  trigger: TriggerSchema.default('default').describe('When a window fires: "default" (the assigner\'s trigger) or a trigger object'),
  evictor: EvictorSchema,
  allowedLatenessMs: durationMs().default(0).describe('How long after the watermark passes a window it still accepts late records (ms)'),
};

export const AGGREGATE_FNS = ['sum', 'min', 'max', 'minBy', 'maxBy', 'count', 'avg'] as const;

export const AggregateFnSchema = z
  .enum(AGGREGATE_FNS)
  .describe('Built-in aggregation: sum, min, max, minBy, maxBy (whole record), count, avg');

/** `field` is required for every aggregation except `count`. */
export function requireAggregateField(p: { fn: string; field?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((AGGREGATE_FNS as readonly string[]).includes(p.fn) && p.fn !== 'count' && p.field === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['field'],
      message: `missing required param "field": "${p.fn}" needs the field to aggregate`,
      params: issueParams('missing-param'),
    });
  }
}

export const WindowFunctionSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('aggregate'),
        fn: AggregateFnSchema,
        field: fieldPath().optional().describe('Field to aggregate (not needed for count)'),
      })
      .superRefine(requireAggregateField),
    z.strictObject({ type: z.literal('reduce'), code: codeString().describe('(a, b) => combined record') }),
    z.strictObject({
      type: z.literal('process'),
      code: codeString().describe('(key, window, elements, ctx) => result | result[]'),
    }),
  ])
  .describe('What a fired window computes');

// --- document-level blocks ------------------------------------------------------------------

export const CheckpointingSchema = z
  .strictObject({
    intervalMs: positiveMs().describe('Time between checkpoints (ms)'),
    mode: z
      .enum(['exactly-once', 'at-least-once'])
      .default('exactly-once')
      .describe('"exactly-once" aligns barriers; "at-least-once" does not'),
    unaligned: z.boolean().default(false).describe('Exactly-once without alignment: in-flight data goes into the snapshot'),
    retained: positiveInt().default(1).describe('Completed checkpoints kept in storage'),
  })
  .superRefine((c, ctx) => {
    if (c.unaligned === true && c.mode === 'at-least-once') {
      ctx.addIssue({
        code: 'custom',
        path: ['unaligned'],
        message: 'unaligned checkpoints exist only in "exactly-once" mode',
        params: issueParams('invalid-field'),
      });
    }
  });

/** The default of `execution.functionTimeoutMs`: long enough for any sane record, short enough to notice. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 10_000;

export const ExecutionSchema = z.strictObject({
  functionTimeoutMs: durationMs()
    .default(DEFAULT_FUNCTION_TIMEOUT_MS)
    .describe('Fail the job, naming the node, when a task runs this long without yielding — a user function that never returns; the restart strategy then applies (ms; 0 = no limit)'),
});

export const RestartSchema = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('none') }),
  z.strictObject({
    strategy: z.literal('fixed-delay'),
    attempts: z.number().int().min(0).describe('Restarts before the job fails'),
    delayMs: durationMs().describe('Wait before each restart (ms)'),
  }),
  z
    .strictObject({
      strategy: z.literal('exponential-delay'),
      initialDelayMs: durationMs().describe('Wait before the first restart (ms)'),
      maxDelayMs: durationMs().describe('Longest wait between restarts (ms)'),
      multiplier: z.number().min(1).describe('Factor the wait grows by after each restart'),
      attempts: z.number().int().min(0).optional().describe('Restarts before the job fails (absent = unlimited)'),
    })
    .superRefine((r, ctx) => {
      if (Number.isInteger(r.maxDelayMs) && Number.isInteger(r.initialDelayMs) && r.maxDelayMs < r.initialDelayMs) {
        ctx.addIssue({
          code: 'custom',
          path: ['maxDelayMs'],
          message: `maxDelayMs (${r.maxDelayMs}) must not be smaller than initialDelayMs (${r.initialDelayMs})`,
          params: issueParams('invalid-field'),
        });
      }
    }),
  z.strictObject({
    strategy: z.literal('failure-rate'),
    maxFailures: positiveInt().describe('Failures tolerated within one interval'),
    intervalMs: positiveMs().describe('Length of the measuring interval (ms)'),
    delayMs: durationMs().describe('Wait before each restart (ms)'),
  }),
]);
