import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceJob } from '../../engine/index';
import { checkAnswer, queryTrace } from './lesson-check';
import type { Question } from './lesson-schema';

/** The late-data example: [0, 10) of s1 fires at step 5 with 30, fires late at step 7 with 35. */
const steps = traceJob(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'examples', 'late-data.json'), 'utf8'))).steps;

const fires: Question = { kind: 'step', prompt: 'Step to the first firing', match: { type: 'window.fire', where: { late: false, 'window.start': 0 } }, notYet: 'no window has fired at this step' };

describe('checkAnswer', () => {
  it('a step question: right at the matching step, "not yet" before it, "gone past" after it', () => {
    expect(checkAnswer(fires, { kind: 'step' }, { steps, position: 6 })).toEqual({ correct: true, feedback: 'Right: step 5 is the one.' });
    expect(checkAnswer(fires, { kind: 'step' }, { steps, position: 3 }).feedback).toBe('Not yet: no window has fired at this step. Keep stepping.');
    expect(checkAnswer(fires, { kind: 'step' }, { steps, position: 9 })).toMatchObject({ correct: false, feedback: expect.stringMatching(/^Not this step\. It happened earlier, at step 5/), goTo: 6 });
    expect(checkAnswer(fires, { kind: 'step' }, { steps, position: 0 }).correct).toBe(false);
  });

  it('a number: computed from the events up to the position, with "not yet" before they happened', () => {
    const sum: Question = { kind: 'number', prompt: 'What is the last result?', answer: { match: { type: 'window.fire', where: { 'window.start': 0 } }, field: 'result.value', pick: 'last' } };
    expect(checkAnswer(sum, { kind: 'number', text: '30' }, { steps, position: 6 }).correct).toBe(true);
    // After the late firing the last result is 35: the answer follows the trace.
    expect(checkAnswer(sum, { kind: 'number', text: '30' }, { steps, position: 8 }).correct).toBe(false);
    expect(checkAnswer(sum, { kind: 'number', text: '35' }, { steps, position: 8 }).correct).toBe(true);
    expect(checkAnswer(sum, { kind: 'number', text: '30' }, { steps, position: 5 }).feedback).toMatch(/^Not yet/);
    expect(checkAnswer(sum, { kind: 'number', text: 'thirty' }, { steps, position: 6 }).feedback).toBe('Type a number (milliseconds for times).');
  });

  it('counts, and waits for the `after` moment', () => {
    const late = { match: { type: ['late.side-output', 'late.dropped'] }, count: true as const, after: { type: 'source.end' } };
    expect(queryTrace(late, steps, 10)).toBeNull();
    expect(queryTrace(late, steps, steps.length)).toEqual({ value: 2 });
  });

  it('a choice: the option whose value the trace gives', () => {
    const who: Question = {
      kind: 'choice',
      prompt: 'Which element fired the window late?',
      options: [
        { label: 'element 2', value: 2 },
        { label: 'element 3', value: 3 },
      ],
      answer: { match: { type: 'window.fire', where: { late: true } }, field: 'cause.offset' },
    };
    expect(checkAnswer(who, { kind: 'choice', option: 1 }, { steps, position: steps.length })).toEqual({ correct: true, feedback: 'Right: element 3.' });
    expect(checkAnswer(who, { kind: 'choice', option: 0 }, { steps, position: steps.length }).correct).toBe(false);
    expect(checkAnswer(who, { kind: 'choice', option: -1 }, { steps, position: steps.length }).feedback).toBe('Choose one of the options.');
  });
});
