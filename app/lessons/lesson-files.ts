/**
 * The lessons shipped in `public/lessons`: `index.json` lists their ids in gallery order, and
 * `<id>.json` is each lesson (format in `lesson-schema`). A lesson's job is inline or an example
 * of `public/examples`, loaded with the input files its file sources read.
 */
import { type LoadedExample, loadExample } from '../persist/examples';
import type { AppStore } from '../store/app-store';
import { asEditableJob } from '../store/job-types';
import { type Lesson, LessonFileError, parseLesson } from './lesson-schema';

export interface LoadedLesson {
  readonly lesson: Lesson;
  readonly job: LoadedExample;
}

function lessonsUrl(file: string): URL {
  return new URL(`lessons/${file}`, document.baseURI);
}

async function fetchJson(url: URL): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  return res.json();
}

/** The ids of the shipped lessons, in gallery order. */
export async function loadLessonIndex(): Promise<string[]> {
  const index = await fetchJson(lessonsUrl('index.json'));
  if (!Array.isArray(index) || !index.every((x) => typeof x === 'string')) throw new Error('lessons/index.json must be an array of lesson ids');
  return index;
}

/** A lesson and its job; a bad file throws a LessonFileError naming the lesson and the field. */
export async function loadLesson(id: string): Promise<LoadedLesson> {
  if (!/^[a-z0-9-]+$/.test(id)) throw new LessonFileError(id, ['not a lesson id (lowercase letters, digits and dashes)']);
  let value: unknown;
  try {
    value = await fetchJson(lessonsUrl(`${id}.json`));
  } catch (e) {
    throw new LessonFileError(id, [`could not be read: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const lesson = parseLesson(id, value);
  if (lesson.example !== undefined) return { lesson, job: await loadExample(lesson.example) };
  const doc = asEditableJob(lesson.job);
  if (typeof doc === 'string') throw new LessonFileError(id, [`job: ${doc}`]);
  return { lesson, job: { doc, files: {} } };
}

/** Opens the lesson `id` (its job replaces the open one); a lesson that cannot be opened is reported in the status line. Returns whether it opened. */
export async function openLessonById(store: AppStore, id: string): Promise<boolean> {
  try {
    store.getState().openLesson(await loadLesson(id));
    return true;
  } catch (e) {
    store.getState().notify(e instanceof Error ? e.message : String(e), 'error');
    return false;
  }
}
