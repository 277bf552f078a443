/**
 * Each lesson's shareable link: `#lesson=<id>` on the IDE's address opens the IDE straight into
 * that lesson — its job, the lab, the lesson pane (`openLessonById` in `lesson-files`, loaded on
 * demand: the main bundle carries only this).
 */
const PREFIX = '#lesson=';

/** The lesson id a location hash names, or null. */
export function lessonIdFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  const raw = hash.slice(PREFIX.length);
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = raw; // not a lesson id either: opening it says so
  }
  return id === '' ? null : id;
}

/** The link to a lesson on `base` (the page's address; its hash is replaced). */
export function lessonLinkFor(id: string, base: string): string {
  return `${base.replace(/#.*$/, '')}${PREFIX}${encodeURIComponent(id)}`;
}
