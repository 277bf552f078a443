/**
 * Adding a node of a kind at a point of the screen (a drop), or at the canvas's centre (a click
 * or Enter on a palette item). The new node is selected, so the inspector shows it at once.
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useAppStore } from '../store/app-store';
import { addNode } from '../store/graph-ops';
import { starterParams } from '../store/starter-params';

/** Half a new node's size: the node is centred on the drop point. */
const HALF_NODE = { x: 90, y: 30 };

export function useAddNode(): (kind: string, screenPoint?: { x: number; y: number }) => void {
  const store = useAppStore();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  return useCallback(
    (kind, screenPoint) => {
      let point = screenPoint;
      if (!point) {
        const rect = flowStore.getState().domNode?.getBoundingClientRect();
        point = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 0, y: 0 };
      }
      const at = flow.screenToFlowPosition(point);
      let id = '';
      store.getState().edit((doc) => {
        const added = addNode(doc, kind, { x: Math.round(at.x - HALF_NODE.x), y: Math.round(at.y - HALF_NODE.y) }, starterParams(kind));
        id = added.id;
        return added.doc;
      });
      store.getState().select([id]);
    },
    [store, flow, flowStore],
  );
}

/** The drag-and-drop payload type of palette items. */
export const KIND_MIME = 'application/x-eddy-kind';
