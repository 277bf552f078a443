/**
 * What is selected on the canvas, and copy / paste / delete of the selection. Ids here always
 * name elements of the current document (the graph slice prunes them after each edit).
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';
import { type Clipboard, copyElements, pasteElements, removeElements } from './graph-ops';

export interface SelectionSlice {
  readonly selectedNodeIds: readonly string[];
  /** Edge ids as `edgeIdsOf` names them. */
  readonly selectedEdgeIds: readonly string[];
  readonly clipboard: Clipboard | null;
  select(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
  deleteSelection(): void;
  copySelection(): void;
  /** Adds the clipboard's nodes under fresh ids, shifted, and selects them. */
  paste(): void;
  /** Adds a copy of the nodes (and the edges between them) beside them, selects it; the clipboard is untouched. */
  duplicate(nodeIds: readonly string[]): void;
}

const PASTE_OFFSET = { x: 40, y: 40 };

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  clipboard: null,
  select: (nodeIds, edgeIds = []) => {
    const s = get();
    // Keep the old arrays when nothing changed, so narrow selectors do not fire.
    if (sameIds(s.selectedNodeIds, nodeIds) && sameIds(s.selectedEdgeIds, edgeIds)) return;
    set({ selectedNodeIds: [...nodeIds], selectedEdgeIds: [...edgeIds] });
  },
  deleteSelection: () => {
    const { selectedNodeIds, selectedEdgeIds } = get();
    if (selectedNodeIds.length === 0 && selectedEdgeIds.length === 0) return;
    get().edit((doc) => removeElements(doc, selectedNodeIds, selectedEdgeIds));
    set({ selectedNodeIds: [], selectedEdgeIds: [] });
  },
  copySelection: () => {
    const { doc, selectedNodeIds } = get();
    if (selectedNodeIds.length > 0) set({ clipboard: copyElements(doc, selectedNodeIds) });
  },
  paste: () => {
    const { clipboard } = get();
    if (!clipboard || clipboard.nodes.length === 0) return;
    let ids: string[] = [];
    get().edit((doc) => {
      const pasted = pasteElements(doc, clipboard, PASTE_OFFSET);
      ids = pasted.ids;
      return pasted.doc;
    });
    // Pasting again lands one more step away, as in most editors.
    const shifted: Record<string, { x: number; y: number }> = {};
    for (const [id, p] of Object.entries(clipboard.layout)) shifted[id] = { ...p, x: p.x + PASTE_OFFSET.x, y: p.y + PASTE_OFFSET.y };
    set({ selectedNodeIds: ids, selectedEdgeIds: [], clipboard: { ...clipboard, layout: shifted } });
  },
  duplicate: (nodeIds) => {
    const copy = copyElements(get().doc, nodeIds);
    if (copy.nodes.length === 0) return;
    let ids: string[] = [];
    get().edit((doc) => {
      const pasted = pasteElements(doc, copy, PASTE_OFFSET);
      ids = pasted.ids;
      return pasted.doc;
    });
    set({ selectedNodeIds: ids, selectedEdgeIds: [] });
  },
});
