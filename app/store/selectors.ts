/**
 * Narrow selectors shared by views. Each returns a primitive or a stored object (never a fresh
 * array), so a component re-renders only when its own figure changes.
 */
import type { AppState } from './app-store';

/** The problems of one node as lines of text; '' when it has none. */
export function nodeProblemText(id: string): (s: AppState) => string {
  return (s) =>
    s.problems
      .filter((p) => p.nodeId === id)
      .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
      .join('\n');
}

/** The run failure's line when the last run failed on this node; '' otherwise. */
export function nodeFailureText(id: string): (s: AppState) => string {
  return (s) => {
    const f = s.runFailure;
    if (f === null) return '';
    if (f.nodeId === id) return failureText(f.message, f.records);
    // A crashed slot worker: every node it ran failed with it.
    const crashed = f.crashedSlot?.records;
    return crashed !== undefined && Object.hasOwn(crashed, id) ? failureText(f.message, crashed[id]) : '';
  };
}

/** A failure as one line, with the failed node's record count when known: "Failed after 3 records: boom". */
export function failureText(message: string, records: number | undefined): string {
  if (records === undefined) return `Failed: ${message}`;
  return `Failed after ${records} record${records === 1 ? '' : 's'}: ${message}`;
}

/** The message of the problem at exactly this node field ('' when none): e.g. `params.code`. */
export function fieldProblemText(nodeId: string | undefined, field: string): (s: AppState) => string {
  return (s) =>
    s.problems
      .filter((p) => p.nodeId === nodeId && p.field === field)
      .map((p) => p.message)
      .join('; ');
}
