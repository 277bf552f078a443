/**
 * The data tap of the selected edge: while a job runs, selecting one edge attaches a tap to the
 * port it leaves and the last records that crossed it arrive here a few times a second. The last
 * snapshot stays after the run ends; Pause freezes what is shown while records keep arriving.
 * Only the Data tap panel selects `tap`, so live records never re-render the canvas.
 */
import type { StateCreator } from 'zustand';
import type { DataTapSnapshot } from '../../engine/index';
import type { RunningJob } from '../client/engine-client';
import type { AppState } from './app-store';
import { isActive } from './run-slice';
import { tapTargetOf } from './tap-view';

export interface TapState {
  /** The editor id of the tapped edge. */
  readonly edgeId: string;
  readonly label: string;
  /** Other edges from the same port (they carry the same records). */
  readonly sharedWith: number;
  /** False when the edge was selected with no run going: nothing was tapped. */
  readonly tapped: boolean;
  /** What the panel shows: the latest snapshot, or the one at the moment of Pause. */
  readonly snapshot: DataTapSnapshot | null;
  readonly paused: boolean;
}

export interface TapSlice {
  /** The tap of the one selected edge, or null when not exactly one edge is selected. */
  readonly tap: TapState | null;
  toggleTapPause(): void;
}

export const createTapSlice: StateCreator<AppState, [], [], TapSlice> = (set, get, api) => {
  let stop: (() => void) | null = null;
  /** The snapshot that arrived last (shown again on Resume). */
  let latest: DataTapSnapshot | null = null;
  /** The edge and run the current tap belongs to. */
  let owner: { edgeId: string; run: RunningJob | null } | null = null;
  /** Last snapshots of edges tapped during the current run, so reselecting one after it shows it again. */
  let kept = new Map<string, DataTapSnapshot>();

  const detach = () => {
    if (owner !== null && latest !== null) kept.set(owner.edgeId, latest);
    stop?.();
    stop = null;
    latest = null;
    owner = null;
  };

  const sync = (s: AppState, selectionChanged: boolean) => {
    const edgeId = s.selectedEdgeIds.length === 1 && s.selectedNodeIds.length === 0 ? s.selectedEdgeIds[0]! : null;
    const run = s.activeRun;
    if (owner !== null && owner.edgeId === edgeId && owner.run === run) return;
    const runChanged = owner !== null && owner.run !== run;
    detach();
    if (runChanged) kept = new Map();
    const target = edgeId === null ? null : tapTargetOf(s.doc, edgeId);
    if (edgeId === null || target === null) {
      if (s.tap !== null) set({ tap: null });
      return;
    }
    owner = { edgeId, run };
    const live = run !== null && isActive(s.runStatus);
    const snapshot = live ? null : (kept.get(edgeId) ?? null);
    latest = snapshot;
    set({ tap: { edgeId, label: target.label, sharedWith: target.sharedWith, tapped: live || snapshot !== null, snapshot, paused: false }, ...(selectionChanged && run !== null ? { activeTab: 'tap' as const } : {}) });
    if (!live || !run.tap) return;
    const mine = owner;
    stop = run.tap(target.points, (snap) => {
      if (owner !== mine) return;
      latest = snap;
      const tap = get().tap;
      if (tap !== null && !tap.paused) set({ tap: { ...tap, snapshot: snap } });
    });
  };

  api.subscribe((s, prev) => {
    const selectionChanged = s.selectedEdgeIds !== prev.selectedEdgeIds || s.selectedNodeIds !== prev.selectedNodeIds;
    if (selectionChanged || s.activeRun !== prev.activeRun || (s.doc !== prev.doc && s.tap !== null)) sync(s, selectionChanged);
  });

  return {
    tap: null,
    toggleTapPause: () => {
      const tap = get().tap;
      if (tap === null) return;
      set({ tap: tap.paused ? { ...tap, paused: false, snapshot: latest ?? tap.snapshot } : { ...tap, paused: true } });
    },
  };
};
