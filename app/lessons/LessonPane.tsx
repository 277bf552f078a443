/**
 * The lesson beside the lab's timeline: the current lesson step's narrative, the change it
 * offers, its question with an answer control and "Check answer", Back / Next, and progress.
 * Answers are checked against the lab's trace at its position (see `lesson-check`).
 */
import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { getAt } from '../store/paths';
import { useApp, useAppStore } from '../store/app-store';
import type { Answer } from './lesson-check';
import type { LessonStep, Question } from './lesson-schema';
import { lessonActive } from './lesson-slice';
import './lessons.css';

/** `code` spans in backticks; the rest as text. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/).map((part, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
    part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : <Fragment key={i}>{part}</Fragment>,
  );
}

export function LessonPane() {
  const store = useAppStore();
  const active = useApp(lessonActive);
  const lesson = useApp((s) => s.lesson);
  const index = useApp((s) => s.lessonStep);
  const verdicts = useApp((s) => s.lessonVerdicts);
  if (!active || lesson === null) return null;
  const step = lesson.steps[index]!;
  const questions = lesson.steps.flatMap((s, i) => (s.question ? [i] : []));
  const answered = questions.filter((i) => verdicts[i]?.correct).length;
  const complete = answered === questions.length;
  const s = () => store.getState();
  return (
    <section className="lesson-pane" aria-label="Lesson">
      <header className="lesson-head">
        <h3>{lesson.title}</h3>
        <button type="button" className="link" onClick={() => s().closeLesson()} aria-label="Close lesson" title="Close the lesson (the job and the lab stay)">
          ✕
        </button>
      </header>
      <p className="meta" data-testid="lesson-progress">
        Step {index + 1} of {lesson.steps.length} · {answered} of {questions.length} questions answered
      </p>
      <div className="lesson-body">
        <h4>{step.title}</h4>
        {step.text.split(/\n\s*\n/).map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one fixed text
          <p key={i}>{inline(p)}</p>
        ))}
        {step.change && <ChangeButton step={step} />}
        {step.question && <QuestionForm key={index} question={step.question} index={index} />}
        {complete && (
          <p className="lesson-complete" role="status">
            ✓ Lesson complete: you answered all {questions.length} questions from the trace.
          </p>
        )}
      </div>
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" onClick={() => s().setLessonStep(index - 1)} disabled={index === 0}>
          ◀ Back
        </button>
        <button type="button" className="primary" onClick={() => s().setLessonStep(index + 1)} disabled={index === lesson.steps.length - 1}>
          Next ▶
        </button>
      </nav>
    </section>
  );
}

/** The edit a step offers: done once the job has the value. */
function ChangeButton({ step }: { step: LessonStep }) {
  const store = useAppStore();
  const change = step.change!;
  const done = useApp((s) => {
    const node = s.doc.nodes.find((n) => n.id === change.node);
    return node !== undefined && JSON.stringify(getAt(node.params ?? {}, change.param.split('.'))) === JSON.stringify(change.value);
  });
  return (
    <p>
      <button type="button" onClick={() => store.getState().applyLessonChange()} disabled={done}>
        {change.label}
      </button>{' '}
      {done && <span className="ok">✓ done: the lab traces the changed job</span>}
    </p>
  );
}

function QuestionForm({ question, index }: { question: Question; index: number }) {
  const store = useAppStore();
  const verdict = useApp((s) => s.lessonVerdicts[index]);
  const [text, setText] = useState('');
  const [option, setOption] = useState<number | null>(null);
  const said = useRef<HTMLParagraphElement>(null);
  // The pane scrolls at 720 px: keep the verdict in sight once it is given.
  useEffect(() => {
    if (verdict) said.current?.scrollIntoView?.({ block: 'nearest' });
  }, [verdict]);
  const answer = (): Answer => (question.kind === 'step' ? { kind: 'step' } : question.kind === 'number' ? { kind: 'number', text } : { kind: 'choice', option: option ?? -1 });
  return (
    <form
      className="lesson-question"
      aria-label="Question"
      onSubmit={(e) => {
        e.preventDefault();
        store.getState().answerLesson(answer());
      }}
    >
      <p className="lesson-prompt">
        <strong>Question:</strong> {inline(question.prompt)}
      </p>
      {question.kind === 'step' && <p className="meta">Move with the step controls, then check: your answer is the step you are at.</p>}
      {question.kind === 'number' && (
        <label className="lesson-number">
          Your answer{' '}
          <input type="number" aria-label="Your answer" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      {question.kind === 'choice' && (
        // Arrow keys choose among the options here, not step the lab (see `isTyping`).
        <div role="radiogroup" aria-label="Options" data-own-keys="">
          {question.options.map((o, i) => (
            <label key={o.label} className="lesson-option">
              <input type="radio" name={`lesson-q-${index}`} checked={option === i} onChange={() => setOption(i)} /> {inline(o.label)}
            </label>
          ))}
        </div>
      )}
      <p>
        <button type="submit">Check answer</button>
      </p>
      {verdict && (
        <p ref={said} className={verdict.correct ? 'lesson-verdict ok' : 'lesson-verdict bad'} role="status" data-testid="lesson-feedback">
          {verdict.correct ? '✓ ' : '✗ '}
          {verdict.feedback}
          {verdict.goTo !== undefined && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => void store.getState().labGoTo(verdict.goTo!)}>
                Go to step {verdict.goTo - 1}
              </button>
            </>
          )}
        </p>
      )}
    </form>
  );
}
