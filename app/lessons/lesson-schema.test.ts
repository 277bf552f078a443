import { describe, expect, it } from 'vitest';
import { LessonFileError, parseLesson } from './lesson-schema';

const minimal = {
  format: 'eddy/lesson@1',
  id: 'tiny',
  title: 'Tiny',
  summary: 'A lesson',
  teaches: ['one thing'],
  level: 'beginner',
  minutes: 1,
  job: { format: 'eddy/job@1', nodes: [], edges: [] },
  steps: [{ title: 'Start', text: 'Press Step.' }],
};

describe('parseLesson', () => {
  it('accepts a well-formed lesson', () => {
    expect(parseLesson('tiny', minimal).title).toBe('Tiny');
  });

  it('names the lesson and every bad field', () => {
    const bad = { ...minimal, steps: [{ title: 'Start', text: 'x', question: { kind: 'number', prompt: 'How many?', answer: { match: { type: 'window.fire' } } } }] };
    const e = (() => {
      try {
        parseLesson('tiny', bad);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(LessonFileError);
    expect((e as LessonFileError).lesson).toBe('tiny');
    expect((e as Error).message).toMatch(/^Lesson "tiny" is not a valid lesson file: steps\[0\]\.question\.answer/);
  });

  it('wants exactly one of job and example, and the id of its file', () => {
    expect(() => parseLesson('tiny', { ...minimal, example: 'late-data.json' })).toThrow(/job: a lesson has either "job" or "example"/);
    expect(() => parseLesson('other', minimal)).toThrow(/id: "tiny" differs from the file's name "other"/);
  });
});
