/**
 * A node param's value and its setter, through the store: edits are undoable, and typing in one
 * field coalesces into one undo step until the field loses focus. Without a node id the path is
 * a job-level setting (`checkpointing.intervalMs`), read and written from the document's root.
 */
import { useCallback } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { setJobSetting, setParam } from '../store/graph-ops';
import { type Path, fieldName, getAt } from '../store/paths';
import { fieldProblemText } from '../store/selectors';

export interface ParamBinding {
  readonly value: unknown;
  /** Sets the value; undefined removes the param (the default applies). */
  set(value: unknown): void;
  /** Ends the typing gesture (call on blur). */
  seal(): void;
  /** Validation's message for exactly this param; '' when none. */
  readonly problem: string;
}

/** How validation names the field at `path` of a node's params (or of the job, without a node). */
export function problemField(nodeId: string | undefined, path: Path): string {
  return nodeId === undefined ? fieldName(path) : `params.${fieldName(path)}`;
}

export function useParam(nodeId: string | undefined, path: Path): ParamBinding {
  const store = useAppStore();
  const key = path.join('.');
  const value = useApp((s) => (nodeId === undefined ? getAt(s.doc, path) : getAt(s.doc.nodes.find((n) => n.id === nodeId)?.params, path)));
  const problem = useApp(fieldProblemText(nodeId, problemField(nodeId, path)));
  // Keyed on `key`, not `path`: callers rebuild equal paths on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the path's text; callers rebuild equal paths every render
  const set = useCallback(
    (v: unknown) =>
      nodeId === undefined
        ? store.getState().edit((doc) => setJobSetting(doc, path, v), `job:${key}`)
        : store.getState().edit((doc) => setParam(doc, nodeId, path, v), `param:${nodeId}:${key}`),
    [store, nodeId, key],
  );
  const seal = useCallback(() => store.getState().sealHistory(), [store]);
  return { value, set, seal, problem };
}
