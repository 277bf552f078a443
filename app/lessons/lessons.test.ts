/**
 * Every lesson shipped in public/lessons keeps working: the file fits the schema, its job is
 * valid, and each question is answerable from the trace of the job as the lesson has it at that
 * step — the answer exists, the checker accepts it and rejects a wrong one. A lesson whose job or
 * questions drift apart fails here, not in front of a learner. A question about a slot the learner
 * kills (an `intervention` with `action: "kill-slot"`) is answered from the trace the lab takes
 * when they do: slot 0 killed a few steps after the first checkpoint completed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type TraceStep, createTraceSession, traceJob, validateJob } from '../../engine/index';
import { asEditableJob, type EditableJob } from '../store/job-types';
import { checkAnswer, firstMatchingStep, queryTrace, valueText } from './lesson-check';
import { jobAtStep } from './lesson-job';
import { type Lesson, type Question, type TraceMatch, parseLesson, questionsOf } from './lesson-schema';

const PUBLIC = join(import.meta.dirname, '..', '..', 'public');
const DIR = join(PUBLIC, 'lessons');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'index.json');
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function jobOf(lesson: Lesson): EditableJob {
  const doc = asEditableJob(lesson.example !== undefined ? read(join(PUBLIC, 'examples', lesson.example)) : lesson.job);
  if (typeof doc === 'string') throw new Error(`${lesson.id}: ${doc}`);
  return doc;
}

const killsSlot = (m: TraceMatch | undefined): boolean => m?.type === 'intervention' && m.where?.['action'] === 'kill-slot';
/** Whether the question asks about a slot the learner killed in the lab. */
const aboutKill = (q: Question): boolean => killsSlot(q.kind === 'step' ? q.match : q.answer.match) || killsSlot(q.kind === 'step' ? undefined : q.answer.after);

/** The lab's trace of `job` when the learner kills slot 0 three steps after the first checkpoint completed. */
function traceWithKill(job: unknown): TraceStep[] {
  const { session } = createTraceSession(job);
  for (let s = session.stepForward(); s !== null; s = session.stepForward()) if (s.events.some((e) => e.type === 'checkpoint.complete')) break;
  for (let i = 0; i < 3; i++) session.stepForward();
  expect(session.intervene({ kind: 'kill-slot', slot: 0 }), 'the lab can kill slot 0').not.toBeNull();
  session.runToEnd();
  return [...session.steps];
}

describe('the lessons in public/lessons', () => {
  it('are at least six, and index.json lists each exactly once', () => {
    const index = read(join(DIR, 'index.json')) as string[];
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect([...index].sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
  });

  for (const file of files) {
    const id = file.replace(/\.json$/, '');
    describe(id, () => {
      const lesson = parseLesson(id, read(join(DIR, file)));
      const doc = jobOf(lesson);
      const traces = new Map<string, TraceStep[]>();
      const traceAt = (step: number): TraceStep[] => {
        const job = jobAtStep(lesson, doc, step);
        // From a question about a killed slot on, the learner has killed one.
        const killed = questionsOf(lesson).some((q) => q.step <= step && aboutKill(q.question));
        const key = `${killed}:${JSON.stringify(job)}`;
        if (!traces.has(key)) traces.set(key, killed ? traceWithKill(job) : traceJob(job).steps);
        return traces.get(key)!;
      };

      it('has a valid job, also after each change it offers', () => {
        for (let s = 0; s < lesson.steps.length; s++) {
          const checked = validateJob(jobAtStep(lesson, doc, s));
          expect(checked.ok ? [] : checked.errors).toEqual([]);
        }
      });

      for (const { step, question } of questionsOf(lesson)) {
        it(`step ${step + 1}: "${question.prompt}" is answerable from the trace`, () => {
          const steps = traceAt(step);
          const end = { steps, position: steps.length };
          if (question.kind === 'step') {
            const at = firstMatchingStep(question.match, steps);
            expect(at, 'a step of the trace matches').toBeGreaterThanOrEqual(0);
            expect(checkAnswer(question, { kind: 'step' }, { steps, position: at + 1 }).correct).toBe(true);
            expect(checkAnswer(question, { kind: 'step' }, { steps, position: at }).correct).toBe(false);
            return;
          }
          const answer = queryTrace(question.answer, steps, steps.length);
          expect(answer, 'the trace gives an answer').not.toBeNull();
          if (question.kind === 'number') {
            expect(typeof answer!.value).toBe('number');
            expect(checkAnswer(question, { kind: 'number', text: String(answer!.value) }, end).correct).toBe(true);
            expect(checkAnswer(question, { kind: 'number', text: String(Number(answer!.value) + 1) }, end).correct).toBe(false);
          } else {
            const right = question.options.flatMap((o, i) => (valueText(o.value) === valueText(answer!.value) ? [i] : []));
            expect(right, `exactly one option is ${valueText(answer!.value)}`).toHaveLength(1);
            expect(checkAnswer(question, { kind: 'choice', option: right[0]! }, end).correct).toBe(true);
            const wrong = question.options.findIndex((_, i) => i !== right[0]);
            expect(checkAnswer(question, { kind: 'choice', option: wrong }, end).correct).toBe(false);
          }
        });
      }
    });
  }
});
