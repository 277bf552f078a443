/**
 * Checking a lesson's answers against the trace the lab has taken so far (pure): the right
 * answer is always computed from the steps up to the lab's position — which step fired, what a
 * window counted, which subtask took a key — never read from the lesson file, so a lesson whose
 * job changes cannot keep a stale answer.
 */
import { type TraceStep, type UntilCondition, eventMatches } from '../../engine/index';
import type { Question, TraceMatch, TraceQuery } from './lesson-schema';

type TraceEventLike = TraceStep['events'][number];

/** An event with its step's `subtask`, `task` (the step's task) and `step` beside its own fields. */
function viewOf(step: TraceStep, event: TraceEventLike): TraceEventLike {
  return { step: step.step, subtask: step.subtask, task: step.node, ...event };
}

/** The text `eddy trace --until` compares: a string as itself, anything else as JSON (±∞ as "Infinity"). */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v) ?? 'null';
}

function conditionsOf(m: TraceMatch): UntilCondition[] {
  const fields = Object.entries(m.where ?? {}).map(([path, value]) => [path, valueText(value)] as const);
  return (Array.isArray(m.type) ? m.type : [m.type]).map((type) => ({ type, fields }));
}

/** The events of `step` that match, as views (event fields plus the step's). */
export function matchingEvents(m: TraceMatch, step: TraceStep): TraceEventLike[] {
  const conditions = conditionsOf(m);
  const out: TraceEventLike[] = [];
  for (const e of step.events) {
    const view = viewOf(step, e);
    if (conditions.some((c) => eventMatches(c, view))) out.push(view);
  }
  return out;
}

/** The index of the first step in [from, to) with a matching event, or −1. */
export function firstMatchingStep(m: TraceMatch, steps: readonly TraceStep[], from = 0, to = steps.length): number {
  for (let i = from; i < Math.min(to, steps.length); i++) if (matchingEvents(m, steps[i]!).length > 0) return i;
  return -1;
}

function read(v: unknown, path: string): unknown {
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/**
 * What a query gives over the first `position` steps: `{ value }`, or null while the trace has
 * not got there (no matching event yet, or the `after` moment not reached).
 */
export function queryTrace(q: TraceQuery, steps: readonly TraceStep[], position: number): { value: unknown } | null {
  const upTo = Math.min(position, steps.length);
  if (q.after && firstMatchingStep(q.after, steps, 0, upTo) < 0) return null;
  if ('count' in q) {
    let n = 0;
    for (let i = 0; i < upTo; i++) n += matchingEvents(q.match, steps[i]!).length;
    return { value: n };
  }
  const last = q.pick === 'last';
  for (let k = 0; k < upTo; k++) {
    const i = last ? upTo - 1 - k : k;
    const found = matchingEvents(q.match, steps[i]!);
    if (found.length > 0) {
      const value = read(last ? found.at(-1) : found[0], q.field);
      if (value !== undefined) return { value };
    }
  }
  return null;
}

/** What the learner gave: nothing for a step question (the lab's position is the answer), a number's text, a choice's index. */
export type Answer = { readonly kind: 'step' } | { readonly kind: 'number'; readonly text: string } | { readonly kind: 'choice'; readonly option: number };

export interface Verdict {
  readonly correct: boolean;
  /** What to tell the learner: why it is right, or what to look at. */
  readonly feedback: string;
  /** For a step the learner went past: the lab position just after it (a "go there" for the pane). */
  readonly goTo?: number;
}

/** The lab's trace as a check sees it: the steps taken so far and the position (steps applied). */
export interface TraceView {
  readonly steps: readonly TraceStep[];
  readonly position: number;
}

function withHint(text: string, hint: string | undefined): string {
  return hint ? `${text} ${hint}` : text;
}

/** Judges an answer against the trace up to the lab's position. */
export function checkAnswer(q: Question, answer: Answer, trace: TraceView): Verdict {
  const { steps, position } = trace;
  if (q.kind === 'step') {
    if (position === 0) return { correct: false, feedback: withHint('You are before the first step: press Step (→) and watch the current step.', q.hint) };
    if (matchingEvents(q.match, steps[position - 1]!).length > 0) return { correct: true, feedback: `Right: step ${position - 1} is the one.` };
    const earlier = firstMatchingStep(q.match, steps, 0, position - 1);
    if (earlier >= 0) return { correct: false, feedback: `Not this step. It happened earlier, at step ${earlier}: step back (←) to it, or step on if it happens again.`, goTo: earlier + 1 };
    return { correct: false, feedback: withHint(`Not yet: ${q.notYet ?? 'it has not happened at this step'}. Keep stepping.`, q.hint) };
  }
  const expected = queryTrace(q.answer, steps, position);
  if (expected === null) return { correct: false, feedback: `Not yet: ${q.notYet ?? 'the trace has not got that far'}. Step on and try again.` };
  if (q.kind === 'number') {
    if (answer.kind !== 'number' || answer.text.trim() === '' || !Number.isFinite(Number(answer.text))) return { correct: false, feedback: 'Type a number (milliseconds for times).' };
    return Number(answer.text) === Number(expected.value) ? { correct: true, feedback: `Right: ${valueText(expected.value)}.` } : { correct: false, feedback: withHint('Not quite.', q.hint) };
  }
  if (answer.kind !== 'choice' || q.options[answer.option] === undefined) return { correct: false, feedback: 'Choose one of the options.' };
  const right = q.options.find((o) => valueText(o.value) === valueText(expected.value));
  if (valueText(q.options[answer.option]!.value) === valueText(expected.value)) return { correct: true, feedback: `Right: ${q.options[answer.option]!.label}.` };
  return { correct: false, feedback: withHint(right ? 'Not quite.' : 'None of the options fits what the trace shows: this lesson needs fixing.', q.hint) };
}
