/**
 * Each lesson's shareable link: `#lesson=<id>` on the IDE's address opens the IDE straight into
 * that lesson — its job, the lab, the lesson pane.
 */
import type { AppStore } from '../store/app-store';
import { loadLesson } from './lesson-files';

const PREFIX = '#lesson=';

/** The lesson id a location hash names, or null. */
export function lessonIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  const id = decodeURIComponent(hash.slice(PREFIX.length));
  return id === '' ? null : id;
}

/** The link to a lesson on `base` (the page's address; its hash is replaced). */
export function lessonLinkFor(id: string, base: string): string {
  return `${base.replace(/#.*$/, '')}${PREFIX}${encodeURIComponent(id)}`;
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
