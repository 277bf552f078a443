/**
 * Quick positions for nodes a document does not place (jobs written by hand or by the CLI have
 * no `layout`): columns by depth from the sources, left to right, rows in document order.
 * Synchronous, so a job shows at once; Auto-layout (ELK) gives the tidy version on request.
 */
import type { EditableJob, Position } from '../store/job-types';

export const COLUMN_WIDTH = 240;
export const ROW_HEIGHT = 110;

/** Depth of every node: 0 for nodes without inputs, else 1 + the deepest input (cycles cut). */
export function depths(doc: EditableJob): Map<string, number> {
  const inputs = new Map<string, string[]>(doc.nodes.map((n) => [n.id, []]));
  for (const e of doc.edges) inputs.get(e.to)?.push(e.from);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let d = 0;
    for (const from of inputs.get(id) ?? []) if (inputs.has(from)) d = Math.max(d, visit(from) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const n of doc.nodes) visit(n.id);
  return depth;
}

/** The document with a position for every node; placed nodes keep theirs. */
export function placeUnpositioned(doc: EditableJob): EditableJob {
  const missing = doc.nodes.filter((n) => !isPosition(doc.layout?.[n.id]));
  if (missing.length === 0) return doc;
  const depth = depths(doc);
  const rows = new Map<number, number>();
  const layout: Record<string, Position> = { ...doc.layout };
  for (const n of missing) {
    const col = depth.get(n.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    layout[n.id] = { x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  }
  return { ...doc, layout };
}

function isPosition(p: unknown): p is Position {
  return p !== null && typeof p === 'object' && Number.isFinite((p as Position).x) && Number.isFinite((p as Position).y);
}
