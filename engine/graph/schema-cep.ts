/**
 * The params of `cep.pattern` (Flink CEP) as zod schemas: the pattern is data — a list of named
 * stages, each joined to the one before it as Flink's Pattern API joins them (`begin`, `next`,
 * `followedBy`, `followedByAny`, `notNext`, `notFollowedBy`), with its condition as code and its
 * quantifier as fields. The checks here are the ones Flink's `Pattern` and `NFACompiler` make
 * when a pattern is built (MalformedPatternException), so a bad pattern fails validation with
 * the node and the stage's field rather than at run time.
 */
import { z } from 'zod';
import { codeString, issueParams, positiveInt, positiveMs } from './schema-parts.js';

export const CEP_STAGE_TYPES = ['begin', 'next', 'followedBy', 'followedByAny', 'notNext', 'notFollowedBy'] as const;
export type CepStageType = (typeof CEP_STAGE_TYPES)[number];

const TimesRangeSchema = z
  .strictObject({
    from: z.number().int().min(0).describe('Fewest occurrences (0 makes the stage optional, as in Flink)'),
    to: positiveInt().describe('Most occurrences'),
  })
  .superRefine((t, ctx) => {
    if (Number.isInteger(t.from) && Number.isInteger(t.to) && t.from > t.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `"to" (${t.to}) must not be smaller than "from" (${t.from})`, params: issueParams('invalid-param') });
    }
  });

export const CepStageSchema = z
  .strictObject({
    name: z.string().min(1).describe('The stage name: the key of its events in a match'),
    type: z.enum(CEP_STAGE_TYPES).describe('How the stage follows the one before: begin (first stage only), next (strict), followedBy (relaxed), followedByAny (non-deterministic relaxed), notNext, notFollowedBy'),
    where: codeString().optional().describe('(event, ctx) => boolean; ctx.getEventsForPattern(name) gives the events already matched for a stage (absent = every event)'),
    times: z
      .union([positiveInt(), TimesRangeSchema])
      .optional()
      .describe('Exactly n occurrences, or {from, to}'),
    oneOrMore: z.boolean().optional().describe('One or more occurrences (looping)'),
    timesOrMore: positiveInt().optional().describe('At least n occurrences (looping)'),
    optional: z.boolean().optional().describe('The stage may be skipped'),
    greedy: z.boolean().optional().describe('A looping stage takes as many events as it can'),
    consecutive: z.boolean().optional().describe('Strict contiguity between the occurrences of a looping stage'),
    allowCombinations: z.boolean().optional().describe('Non-deterministic relaxed contiguity between the occurrences of a looping stage'),
  })
  .describe('One stage of the pattern');

export type CepStage = z.output<typeof CepStageSchema>;

const SkipSchema = z
  .union([
    z.enum(['noSkip', 'skipToNext', 'skipPastLastEvent']),
    z.strictObject({ skipToFirst: z.string().min(1).describe('Stage name') }),
    z.strictObject({ skipToLast: z.string().min(1).describe('Stage name') }),
  ])
  .default('noSkip')
  .describe('After-match skip strategy: noSkip, skipToNext, skipPastLastEvent, {"skipToFirst": stage}, {"skipToLast": stage}');

const sideTag = (what: string) =>
  z
    .string()
    .min(1)
    .refine((tag) => tag !== 'out', { error: 'a side-output tag must differ from the main output "out"' })
    .optional()
    .describe(what);

/** True when the stage has a quantifier that repeats it (Flink's LOOPING or TIMES property). */
export function isRepeating(s: { times?: unknown; oneOrMore?: boolean | undefined; timesOrMore?: unknown }): boolean {
  return s.oneOrMore === true || s.timesOrMore !== undefined || (s.times !== undefined && !(typeof s.times === 'number' && s.times === 1));
}

function checkPattern(p: { pattern: CepStage[]; withinMs?: number | undefined; afterMatchSkip: unknown }, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message, params: issueParams('invalid-param') });
  const seen = new Set<string>();
  p.pattern.forEach((s, i) => {
    const at = (field: string) => ['pattern', i, field];
    if (typeof s.name === 'string') {
      if (seen.has(s.name)) issue(at('name'), `duplicate stage name "${s.name}": stage names must be unique`);
      seen.add(s.name);
    }
    if (i === 0 && s.type !== 'begin') issue(at('type'), `the first stage must be "begin", got "${s.type}"`);
    if (i > 0 && s.type === 'begin') issue(at('type'), '"begin" is only for the first stage; use next, followedBy, followedByAny, notNext or notFollowedBy');
    const quantifiers = (['times', 'oneOrMore', 'timesOrMore'] as const).filter((q) => s[q] !== undefined && s[q] !== false);
    if (quantifiers.length > 1) issue(at(quantifiers[1]!), `a stage has one quantifier: set only one of ${quantifiers.map((q) => `"${q}"`).join(' and ')}`);
    const not = s.type === 'notNext' || s.type === 'notFollowedBy';
    if (not) {
      for (const q of ['times', 'oneOrMore', 'timesOrMore', 'optional', 'greedy', 'consecutive', 'allowCombinations'] as const) {
        if (s[q] !== undefined && s[q] !== false) issue(at(q), `a ${s.type} stage takes no quantifier ("${q}"), as in Flink`);
      }
      const prev = p.pattern[i - 1];
      if (prev?.optional === true) issue(at('type'), `stage "${prev.name}" is optional: an optional stage cannot precede a NOT stage (Flink: simulate it with two patterns)`);
    } else {
      const repeating = isRepeating(s);
      for (const q of ['greedy', 'consecutive', 'allowCombinations'] as const) {
        if (s[q] === true && !repeating) issue(at(q), `"${q}" applies only to a repeating stage (times, oneOrMore, timesOrMore)`);
      }
      if (s.consecutive === true && s.allowCombinations === true) issue(at('allowCombinations'), 'set only one of "consecutive" or "allowCombinations"');
      const prev = p.pattern[i - 1];
      if (s.optional === true && prev?.greedy === true) issue(at('optional'), `an optional stage cannot follow the greedy stage "${prev.name}", as in Flink`);
    }
  });
  const last = p.pattern[p.pattern.length - 1];
  if (last?.type === 'notFollowedBy' && p.withinMs === undefined) {
    issue(['pattern', p.pattern.length - 1, 'type'], 'a pattern cannot end with notFollowedBy without "withinMs" (Flink: NotFollowedBy is not supported without windowTime as a last part of a Pattern)');
  }
  const skip = p.afterMatchSkip;
  if (skip !== null && typeof skip === 'object') {
    const [field, name] = Object.entries(skip)[0] ?? [];
    if (typeof name === 'string' && !seen.has(name)) issue(['afterMatchSkip', field!], `no stage is named "${name}" (the skip strategy must name a stage of the pattern)`);
  }
}

export const CepPatternParamsSchema = z
  .strictObject({
    pattern: z.array(CepStageSchema).min(1).describe('The stages, in order; the first is "begin"'),
    withinMs: positiveMs().optional().describe('A match must complete within this time of its first event (ms); partial matches older than that time out'),
    afterMatchSkip: SkipSchema,
    select: codeString().describe('(match) => output record; match maps each stage name to its events'),
    timeoutOutput: sideTag('Side-output tag for timed-out partial matches (needs withinMs)'),
    timeoutSelect: codeString().optional().describe('(match, timeoutTimestamp) => record for the timeout output (default: the partial match itself)'),
    lateOutput: sideTag('Side-output tag for records at or behind the watermark (otherwise dropped)'),
  })
  .superRefine(checkPattern);

/** The code params inside a pattern: each stage's `where`, as dot paths below params. */
export function cepCodeParamPaths(params: unknown): string[] {
  const pattern = (params as { pattern?: unknown } | null | undefined)?.pattern;
  if (!Array.isArray(pattern)) return [];
  return pattern.flatMap((s, i) => (s !== null && typeof s === 'object' && typeof (s as { where?: unknown }).where === 'string' ? [`pattern.${i}.where`] : []));
}
