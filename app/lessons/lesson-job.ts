/**
 * A lesson's job as the lab traces it (pure): the job the lesson opens with, and that job after
 * the changes its steps offer up to a given step ("set idleTimeoutMs on ads-wm").
 */
import { setParam } from '../store/graph-ops';
import type { EditableJob } from '../store/job-types';
import type { Lesson, LessonChange } from './lesson-schema';

/** The job with one lesson change applied; a change naming a node the job lacks is an error naming both. */
export function applyChange(doc: EditableJob, change: LessonChange): EditableJob {
  if (!doc.nodes.some((n) => n.id === change.node)) throw new Error(`the change "${change.label}" names node "${change.node}", which the job does not have`);
  return setParam(doc, change.node, change.param.split('.'), change.value);
}

/** The job after the changes of steps 0 … `step` (inclusive). */
export function jobAtStep(lesson: Lesson, doc: EditableJob, step: number): EditableJob {
  let out = doc;
  for (let i = 0; i <= step && i < lesson.steps.length; i++) {
    const change = lesson.steps[i]!.change;
    if (change) out = applyChange(out, change);
  }
  return out;
}
