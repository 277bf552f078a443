/**
 * The lesson being taken: which lesson, which of its steps the learner reads, and the verdict on
 * each question so far. Opening a lesson opens its job (replacing the open one, as opening an
 * example does) and traces it in the lab; answers are judged against the lab's trace at its
 * position (`lesson-check`). A lesson belongs to the job it opened: opening another job ends it.
 */
import type { StateCreator } from 'zustand';
import { placeUnpositioned } from '../layout/place-nodes';
import type { AppState } from '../store/app-store';
import { type Answer, type Verdict, checkAnswer } from './lesson-check';
import type { LoadedLesson } from './lesson-files';
import { applyChange } from './lesson-job';
import type { Lesson } from './lesson-schema';

export interface LessonSlice {
  readonly lesson: Lesson | null;
  /** The job load (`loadCount`) the lesson opened: another job ends the lesson. */
  readonly lessonLoad: number;
  /** The index of the lesson step shown. */
  readonly lessonStep: number;
  /** The latest verdict per lesson step (by index) that has a question. */
  readonly lessonVerdicts: Readonly<Record<number, Verdict>>;
  openLesson(loaded: LoadedLesson): void;
  closeLesson(): void;
  setLessonStep(index: number): void;
  /** Judges an answer to the current step's question against the lab's trace, and keeps the verdict. */
  answerLesson(answer: Answer): Verdict;
  /** Makes the current step's change to the job and traces the changed job from the start. */
  applyLessonChange(): void;
}

/** True while the lesson belongs to the open job. */
export function lessonActive(s: AppState): boolean {
  return s.lesson !== null && s.lessonLoad === s.loadCount;
}

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  lesson: null,
  lessonLoad: -1,
  lessonStep: 0,
  lessonVerdicts: {},
  openLesson: ({ lesson, job }) => {
    get().loadJob(placeUnpositioned(job.doc), { files: job.files });
    set({ lesson, lessonLoad: get().loadCount, lessonStep: 0, lessonVerdicts: {} });
    if (get().labStatus === 'off') get().enterLab();
    else get().labRetrace();
    get().notify(`Opened the lesson “${lesson.title}”`);
  },
  closeLesson: () => set({ lesson: null, lessonLoad: -1, lessonStep: 0, lessonVerdicts: {} }),
  setLessonStep: (index) => {
    const lesson = get().lesson;
    if (lesson) set({ lessonStep: Math.max(0, Math.min(lesson.steps.length - 1, index)) });
  },
  answerLesson: (answer) => {
    const s = get();
    const index = s.lessonStep;
    const question = s.lesson?.steps[index]?.question;
    let verdict: Verdict;
    if (!question) verdict = { correct: false, feedback: 'This step has no question.' };
    else if (s.labStatus !== 'ready') verdict = { correct: false, feedback: 'The lab is not ready yet: wait for the job to open in the lab.' };
    else verdict = checkAnswer(question, answer, { steps: s.labTrace.steps, position: s.labPosition });
    // A right answer stays right: a later wrong try on the same question does not undo it.
    if (!s.lessonVerdicts[index]?.correct || verdict.correct) set({ lessonVerdicts: { ...s.lessonVerdicts, [index]: verdict } });
    return verdict;
  },
  applyLessonChange: () => {
    const s = get();
    const change = s.lesson?.steps[s.lessonStep]?.change;
    if (!change) return;
    try {
      s.edit((doc) => applyChange(doc, change));
    } catch (e) {
      s.notify(`Lesson: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    if (get().labStatus === 'off') get().enterLab();
    else get().labRetrace();
  },
});
