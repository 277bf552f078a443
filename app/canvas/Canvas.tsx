/**
 * The React Flow editor. It selects only the graph and the selection: run results and metrics
 * live elsewhere in the store and never re-render it. Every change goes through the store
 * (and its history); React Flow's own deletion is off so Delete takes the command path.
 */
import {
  Background,
  type Connection,
  ControlButton,
  Controls,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnMove,
  ReactFlow,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import { type DragEvent, type KeyboardEvent, type MouseEvent, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { countingWork, countWork } from '../perf/work-counts';
import { useApp, useAppStore } from '../store/app-store';
import { addEdge, moveNodes } from '../store/graph-ops';
import type { EditableJob, Position } from '../store/job-types';
import { connectionProblem } from './connection-rules';
import { type FlowGraph, type JobFlowNode, connectionToEdge, jobToFlow } from './flow-conversion';
import { CanvasMiniMap } from './CanvasMiniMap';
import { type NodeMenuAt, NodeContextMenu } from './NodeContextMenu';
import { EdgeLabelLayout, EdgeLabelLayoutContext } from './edge-label-layout';
import { EDGE_TYPES } from './edge-types';
import { NODE_TYPES } from './node-types';
import { SqlReadOnlyBar } from './SqlReadOnlyBar';
import { KIND_MIME, useAddNode } from './use-add-node';

const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.25 };

export function Canvas() {
  countWork('render.canvas');
  const store = useAppStore();
  const doc = useApp((s) => s.doc);
  const loadCount = useApp((s) => s.loadCount);
  const selectedNodeIds = useApp((s) => s.selectedNodeIds);
  const selectedEdgeIds = useApp((s) => s.selectedEdgeIds);
  const fromSql = useApp((s) => s.sql !== null);
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measureTick, remeasured] = useReducer((x: number) => x + 1, 0);
  const cache = useRef<FlowGraph | undefined>(undefined);
  const flow = useReactFlow();
  const flowStore = useStoreApi<JobFlowNode>();
  const addNode = useAddNode();
  const pane = useRef<HTMLDivElement>(null);
  /** The document last fitted to the view by the app, while the user has not moved the view since. */
  const autoFitted = useRef<EditableJob | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: sizes live in a ref; measureTick says they changed
  const graph = useMemo(() => {
    cache.current = jobToFlow(doc, { selectedNodes: new Set(selectedNodeIds), selectedEdges: new Set(selectedEdgeIds), measured: measured.current }, cache.current);
    return cache.current;
    // measureTick: sizes live in a ref; the tick says they changed.
  }, [doc, selectedNodeIds, selectedEdgeIds, measureTick]);

  // Every update of React Flow's store runs the selectors of every node and edge on the canvas.
  useEffect(() => (countingWork() ? flowStore.subscribe(() => countWork('canvas.flowUpdate')) : undefined), [flowStore]);

  // A newly opened job is shown whole once every one of its nodes is measured.
  useEffect(() => {
    if (loadCount === 0) return;
    const doc = store.getState().doc;
    // An empty job (New job) keeps the view as it was: nodes dropped on it keep their usual size.
    if (doc.nodes.length === 0) return;
    autoFitted.current = doc;
    const measuredAll = () => {
      const { nodeLookup } = flowStore.getState();
      return doc.nodes.every((n) => {
        const size = nodeLookup.get(n.id)?.measured;
        return size?.width !== undefined && size.height !== undefined;
      });
    };
    let frame = 0;
    const fitOnceMeasured = () => {
      if (frame !== 0 || !measuredAll()) return;
      unsubscribe();
      frame = requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
    };
    const unsubscribe = flowStore.subscribe(fitOnceMeasured);
    fitOnceMeasured();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [loadCount, flow, flowStore, store]);

  // The fitted view follows the canvas's size until the user moves the view or edits the job: a
  // shared job opens above its code review, and is fitted again when the review closes.
  useEffect(() => {
    const el = pane.current;
    if (el === null) return;
    let size = `${el.clientWidth}x${el.clientHeight}`;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now === size) return;
      size = now;
      cancelAnimationFrame(frame);
      // A frame later, once React Flow has taken the new size too.
      frame = requestAnimationFrame(() => {
        if (autoFitted.current !== null && autoFitted.current === store.getState().doc) void flow.fitView(FIT_VIEW_OPTIONS);
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow, store]);
  // Opening or leaving the lab resizes the canvas: the job is fitted to its new size (two frames
  // later, once the panels and React Flow have taken it).
  const inLab = useApp((s) => s.labStatus !== 'off');
  const wasInLab = useRef(inLab);
  useEffect(() => {
    if (wasInLab.current === inLab) return;
    wasInLab.current = inLab;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
    });
    return () => cancelAnimationFrame(frame);
  }, [inLab, flow]);
  const userMovedView = useCallback(() => {
    autoFitted.current = null;
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<JobFlowNode>[]) => {
      let sized = false;
      const moved: Record<string, Position> = {};
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) {
          const old = measured.current.get(c.id);
          if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) {
            measured.current.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
            sized = true;
            // Each one re-renders its node (and a canvas render for the batch): live figures must not cause them.
            countWork('canvas.nodeResize');
          }
        } else if (c.type === 'position' && c.position) {
          moved[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        } else if (c.type === 'select') {
          selection ??= new Set(store.getState().selectedNodeIds);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      const ids = Object.keys(moved);
      if (ids.length > 0) store.getState().edit((d) => moveNodes(d, moved), `move:${ids.sort().join(',')}`);
      if (selection) store.getState().select([...selection], store.getState().selectedEdgeIds);
      if (sized) remeasured();
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let selection: Set<string> | null = null;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        selection ??= new Set(store.getState().selectedEdgeIds);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
      if (selection) store.getState().select(store.getState().selectedNodeIds, [...selection]);
    },
    [store],
  );

  const [menu, setMenu] = useState<NodeMenuAt | null>(null);
  const [miniMap, setMiniMap] = useState(true);
  /** Where the lab puts the edges' labels: all placed together, off the nodes and off each other. */
  const [labelLayout] = useState(() => new EdgeLabelLayout());
  /** Opens the node's menu at a point of the page (clamped into the canvas so it stays in view). */
  const openMenu = useCallback((node: string, clientX: number, clientY: number) => {
    const box = pane.current?.getBoundingClientRect();
    if (!box) return;
    const x = Math.max(0, Math.min(clientX - box.left, box.width - 240));
    const y = Math.max(0, Math.min(clientY - box.top, box.height - 140));
    setMenu({ node, x, y });
  }, []);
  const onNodeContextMenu = useCallback(
    (e: MouseEvent, n: JobFlowNode) => {
      e.preventDefault();
      openMenu(n.id, e.clientX, e.clientY);
    },
    [openMenu],
  );
  // Shift+F10 and the context-menu key open the focused node's menu below it.
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (!(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
      const el = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      const id = el?.dataset['id'];
      if (!el || id === undefined) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      openMenu(id, r.left + 8, r.bottom + 4);
    },
    [openMenu],
  );
  const menuNode = useRef<string | null>(null);
  menuNode.current = menu?.node ?? null;
  const closeMenu = useCallback((refocus: boolean) => {
    const node = menuNode.current;
    setMenu(null);
    if (node !== null && refocus) pane.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(node)}"]`)?.focus();
  }, []);

  // Handlers React Flow is given keep their identity across renders (React Flow's performance
  // advice): it copies each new one into its store, and every such update runs the selectors of
  // every node and edge on the canvas — five of them on each selection, with inline functions.
  const onConnect = useCallback((c: Connection) => store.getState().edit((d) => addEdge(d, connectionToEdge(c))), [store]);
  const isValidConnection = useCallback((c: Edge | Connection) => connectionProblem(store.getState().doc, c) === null, [store]);
  const sealHistory = useCallback(() => store.getState().sealHistory(), [store]);
  const onMoveStart = useCallback<OnMove>(
    (event) => {
      // Moves the app makes (fitView) come without an event.
      if (event) userMovedView();
    },
    [userMovedView],
  );
  const closeMenuOnPane = useCallback(() => setMenu(null), []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(KIND_MIME);
      if (!kind) return;
      e.preventDefault();
      addNode(kind, { x: e.clientX, y: e.clientY });
    },
    [addNode],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop target of the palette's drag (the palette's buttons add nodes by keyboard), and where a focused node's Shift+F10 arrives
    <div className="canvas" ref={pane} onDrop={onDrop} onDragOver={onDragOver} onKeyDown={onKeyDown}>
      <EdgeLabelLayoutContext.Provider value={labelLayout}>
      <ReactFlow
        colorMode="system"
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        nodesDraggable={!fromSql}
        nodesConnectable={!fromSql}
        isValidConnection={isValidConnection}
        onNodeDragStart={sealHistory}
        onMoveStart={onMoveStart}
        onNodeDragStop={sealHistory}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={closeMenuOnPane}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        aria-label="Job graph"
      >
        <Background />
        <Controls onZoomIn={userMovedView} onZoomOut={userMovedView}>
          {/* A toggle beside React Flow's own controls: the minimap can cover nodes in a short canvas. */}
          <ControlButton
            className="minimap-toggle"
            aria-label="Mini map"
            aria-pressed={miniMap}
            title={miniMap ? 'Hide the mini map (it shows while part of the job is out of view)' : 'Show the mini map while part of the job is out of view'}
            onClick={() => setMiniMap((shown) => !shown)}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <rect x="1.5" y="3.5" width="13" height="9" fill="none" stroke="currentColor" />
              <rect x="8" y="7" width="5" height="4" />
            </svg>
          </ControlButton>
        </Controls>
        {miniMap && <CanvasMiniMap />}
      </ReactFlow>
      </EdgeLabelLayoutContext.Provider>
      {fromSql && <SqlReadOnlyBar />}
      {menu !== null && <NodeContextMenu at={menu} onClose={closeMenu} />}
      {graph.nodes.length === 0 && (
        <p className="canvas-empty empty-state" data-testid="canvas-empty">
          An empty job. Drag a node from the palette on the left (or press its name), or open one from the Job menu: Examples…, Saved jobs…, Import job…
        </p>
      )}
    </div>
  );
}

function onDragOver(e: DragEvent) {
  if (!e.dataTransfer.types.includes(KIND_MIME)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
}
