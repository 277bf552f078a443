import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceController } from '../../engine/index';
import { until } from '../../engine/testing/until';
import { controllerLabClient } from '../client/lab-client';
import { createAppStore } from '../store/app-store';
import { asEditableJob, type EditableJob } from '../store/job-types';
import { parseLesson } from './lesson-schema';
import { lessonActive } from './lesson-slice';

const lessonFile = (id: string) => parseLesson(id, JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'lessons', `${id}.json`), 'utf8')));

function open(id: string) {
  const store = createAppStore({ labClient: () => controllerLabClient(new TraceController()) });
  const lesson = lessonFile(id);
  store.getState().openLesson({ lesson, job: { doc: asEditableJob(lesson.job) as EditableJob, files: {} } });
  return store;
}

describe('taking a lesson', () => {
  it('opens its job in the lab and judges answers from the lab’s position', async () => {
    const store = open('allowed-lateness');
    const s = () => store.getState();
    expect(s().doc.name).toBe('Lesson: allowed lateness and side outputs');
    await until(() => s().labStatus === 'ready');
    // Step 1: "the first firing of [0, 10)". At the start it is not answered yet.
    expect(s().answerLesson({ kind: 'step' }).correct).toBe(false);
    s().addLabBreakpoint({ kind: 'window-fires' });
    await s().labRunToBreakpoint();
    expect(s().answerLesson({ kind: 'step' })).toEqual({ correct: true, feedback: `Right: step ${s().labPosition - 1} is the one.` });
    // Step 3: the late firing's sum, known only once the lab got there.
    s().setLessonStep(2);
    expect(s().answerLesson({ kind: 'number', text: '35' }).feedback).toMatch(/^Not yet: there has been no late firing yet/);
    await s().labRunToBreakpoint();
    expect(s().answerLesson({ kind: 'number', text: '30' }).correct).toBe(false);
    expect(s().answerLesson({ kind: 'number', text: '35' }).correct).toBe(true);
    expect(Object.values(s().lessonVerdicts).filter((v) => v.correct)).toHaveLength(2);
  });

  it('makes the change a step offers and traces the changed job; another job ends the lesson', async () => {
    const store = open('idle-source');
    const s = () => store.getState();
    await until(() => s().labStatus === 'ready');
    s().setLessonStep(2);
    s().applyLessonChange();
    expect(s().doc.nodes.find((n) => n.id === 'ads-wm')!.params!['idleTimeoutMs']).toBe(1000);
    expect(s().labDoc).toBe(s().doc);
    await until(() => s().labStatus === 'ready');
    await s().labGoTo(18);
    expect(s().answerLesson({ kind: 'step' }).correct).toBe(true);
    expect(lessonActive(s())).toBe(true);
    s().loadJob(s().doc);
    expect(lessonActive(s())).toBe(false);
  });
});
