/**
 * Undo/redo history of immutable values. Each entry is the value before an edit. Edits that
 * share a coalescing key in a row (one drag, typing in one field) become one entry, so a
 * single undo takes back the whole gesture. Pure: every function returns a new history.
 */

export interface History<T> {
  /** Older values, most recent last. */
  readonly past: readonly T[];
  /** Undone values, the next redo last. */
  readonly future: readonly T[];
  /** Key of the edit that made the present value; null ends any coalescing. */
  readonly lastKey: string | null;
}

/** How many steps back undo can go. */
export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null };
}

/**
 * Records that the value `before` was just replaced by an edit. With a `key` equal to the
 * previous edit's, the edits merge (the entry before the first one stays). Clears redo.
 */
export function record<T>(h: History<T>, before: T, key: string | null = null): History<T> {
  if (key !== null && key === h.lastKey) return h.future.length === 0 ? h : { ...h, future: [] };
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(h.past.length - HISTORY_LIMIT + 1) : h.past;
  return { past: [...past, before], future: [], lastKey: key };
}

/** Ends coalescing: the next edit starts a new entry even with the same key. */
export function seal<T>(h: History<T>): History<T> {
  return h.lastKey === null ? h : { ...h, lastKey: null };
}

/** The value to go back to and the history after it, or null when there is nothing to undo. */
export function undo<T>(h: History<T>, present: T): { value: T; history: History<T> } | null {
  if (h.past.length === 0) return null;
  return { value: h.past[h.past.length - 1]!, history: { past: h.past.slice(0, -1), future: [...h.future, present], lastKey: null } };
}

/** The value to go forward to and the history after it, or null when there is nothing to redo. */
export function redo<T>(h: History<T>, present: T): { value: T; history: History<T> } | null {
  if (h.future.length === 0) return null;
  return { value: h.future[h.future.length - 1]!, history: { past: [...h.past, present], future: h.future.slice(0, -1), lastKey: null } };
}
