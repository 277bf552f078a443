/**
 * The window panes a checkpoint holds for one window node, for the lab's timeline when it steps
 * from that checkpoint: each key's windows with contents (a session's contents live under its
 * state window; the merging window set says which session that is), so they are drawn from
 * step 0 instead of appearing only once they fire. Reads decoded state only: no user code.
 */
import { type CheckpointState, readStateRows } from '../../engine/index';
import { type RestoredPane, keyText } from './timeline-types';

export function restoredPanes(state: CheckpointState | null | undefined, node: string): RestoredPane[] {
  if (!state || state.byNode[node] === undefined) return [];
  const rows = readStateRows(state, { node });
  // Session windows: (key, state window) → the session it stands for.
  const sessions = new Map<string, { start: number; end: number }>();
  for (const r of rows) {
    if (r.kind !== 'merging-window-set') continue;
    for (const w of r.windows) if (typeof w.window !== 'string' && typeof w.stateWindow !== 'string') sessions.set(`${keyText(r.key)}\u0000${w.stateWindow.start}:${w.stateWindow.end}`, w.window);
  }
  const panes: RestoredPane[] = [];
  for (const r of rows) {
    // Global windows have no bounds to draw; a window with only trigger state left holds nothing.
    if (r.kind !== 'window' || typeof r.window === 'string' || r.contents === undefined) continue;
    const key = keyText(r.key);
    const w = sessions.get(`${key}\u0000${r.window.start}:${r.window.end}`) ?? r.window;
    panes.push({ key, start: w.start, end: w.end, contents: r.contents });
  }
  return panes;
}
