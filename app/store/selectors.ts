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

/** The run failure's message when the last run failed on this node; '' otherwise. */
export function nodeFailureText(id: string): (s: AppState) => string {
  return (s) => (s.runFailure && s.runFailure.nodeId === id ? s.runFailure.message : '');
}

/** The message of the problem at exactly this node field ('' when none): e.g. `params.code`. */
export function fieldProblemText(nodeId: string | undefined, field: string): (s: AppState) => string {
  return (s) =>
    s.problems
      .filter((p) => p.nodeId === nodeId && p.field === field)
      .map((p) => p.message)
      .join('; ');
}
