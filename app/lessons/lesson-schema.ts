/**
 * A lesson file (`public/lessons/<id>.json`, format `eddy/lesson@1`): a job, a narrative in
 * steps, and questions the learner answers by stepping the lab. Answers are never stored as
 * text: each question names what to look for in the trace (a `TraceMatch`), and the lab
 * computes the right answer from the steps it has taken (see `lesson-check`).
 */
import { z } from 'zod';

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Events of a trace step that match: one of `type`, and for each `where` entry, the value at that
 * dot path (into the event, or the step's own `subtask`, `task` and `step`) has the same text as
 * `eddy trace --until` compares (a string as itself, anything else as JSON).
 */
export const traceMatchSchema = z.object({
  type: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  where: z.record(z.string(), fieldValue).optional(),
});

/**
 * A value computed from the trace up to the lab's position: a field of the first (or last)
 * matching event, or how many events match. With `after`, there is no answer until a step
 * matching it was taken (the question is about a moment the learner has to reach).
 */
export const traceQuerySchema = z.union([
  z.object({ match: traceMatchSchema, field: z.string().min(1), pick: z.enum(['first', 'last']).optional(), after: traceMatchSchema.optional() }),
  z.object({ match: traceMatchSchema, count: z.literal(true), after: traceMatchSchema.optional() }),
]);

/** What a wrong or early answer hears besides the computed part: the reasoning to try. */
const hint = z.string().min(1).optional();

export const questionSchema = z.discriminatedUnion('kind', [
  /** "Step to the step where …": right when the step just applied has a matching event. */
  z.object({ kind: z.literal('step'), prompt: z.string().min(1), match: traceMatchSchema, hint, notYet: z.string().min(1).optional() }),
  /** A number the learner works out; the trace says what it is. */
  z.object({ kind: z.literal('number'), prompt: z.string().min(1), answer: traceQuerySchema, hint, notYet: z.string().min(1).optional() }),
  /** Options with values; the right one is the option whose value the trace query gives. */
  z.object({
    kind: z.literal('choice'),
    prompt: z.string().min(1),
    options: z.array(z.object({ label: z.string().min(1), value: fieldValue })).min(2),
    answer: traceQuerySchema,
    hint,
    notYet: z.string().min(1).optional(),
  }),
]);

/** An edit the lesson offers at a step ("set idleTimeoutMs on ads-wm"), after which the lab traces the changed job. */
export const lessonChangeSchema = z.object({
  label: z.string().min(1),
  node: z.string().min(1),
  /** A param's dot path, e.g. `idleTimeoutMs` or `assigner.sizeMs`. */
  param: z.string().min(1),
  value: z.unknown(),
});

export const lessonStepSchema = z.object({
  title: z.string().min(1),
  /** Paragraphs separated by a blank line; `code` in backticks. */
  text: z.string().min(1),
  question: questionSchema.optional(),
  change: lessonChangeSchema.optional(),
});

export const lessonSchema = z
  .object({
    format: z.literal('eddy/lesson@1'),
    id: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes'),
    title: z.string().min(1),
    summary: z.string().min(1),
    /** What the learner takes away, one short phrase each (shown in the gallery). */
    teaches: z.array(z.string().min(1)).min(1),
    level: z.enum(['beginner', 'intermediate', 'advanced']),
    minutes: z.number().int().positive(),
    /** The job, inline (`eddy/job@1`), or … */
    job: z.record(z.string(), z.unknown()).optional(),
    /** … an example of `public/examples` by file name. */
    example: z.string().regex(/^[a-z0-9-]+\.json$/).optional(),
    steps: z.array(lessonStepSchema).min(1),
  })
  .refine((l) => (l.job === undefined) !== (l.example === undefined), { message: 'a lesson has either "job" or "example", exactly one', path: ['job'] });

export type TraceMatch = z.infer<typeof traceMatchSchema>;
export type TraceQuery = z.infer<typeof traceQuerySchema>;
export type Question = z.infer<typeof questionSchema>;
export type LessonChange = z.infer<typeof lessonChangeSchema>;
export type LessonStep = z.infer<typeof lessonStepSchema>;
export type Lesson = z.infer<typeof lessonSchema>;

/** A lesson file that does not fit the schema: which lesson, and each field that is wrong. */
export class LessonFileError extends Error {
  constructor(
    readonly lesson: string,
    readonly problems: readonly string[],
  ) {
    super(`Lesson "${lesson}" is not a valid lesson file: ${problems.join('; ')}`);
    this.name = 'LessonFileError';
  }
}

/** A field path as the problems name it: `steps[2].question.answer.field`. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`;
  return out === '' ? '(the file)' : out;
}

/** Parses a lesson file's JSON value; throws LessonFileError naming the lesson (`name`, e.g. its file) and every bad field. */
export function parseLesson(name: string, value: unknown): Lesson {
  const r = lessonSchema.safeParse(value);
  if (!r.success) throw new LessonFileError(name, r.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`));
  if (r.data.id !== name) throw new LessonFileError(name, [`id: "${r.data.id}" differs from the file's name "${name}"`]);
  return r.data;
}

/** Every question of a lesson with the index of its step. */
export function questionsOf(lesson: Lesson): Array<{ step: number; question: Question }> {
  return lesson.steps.flatMap((s, step) => (s.question ? [{ step, question: s.question }] : []));
}
