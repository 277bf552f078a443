/**
 * Auto-layout with ELK's layered algorithm, left to right. ELK is large, so it is imported only
 * when the user asks for a layout.
 */
import type { EditableJob, Position } from '../store/job-types';
import { fromPortOf } from '../store/job-types';

export interface NodeSize {
  readonly width: number;
  readonly height: number;
}

const FALLBACK_SIZE: NodeSize = { width: 180, height: 64 };

/** New positions for every node, from their measured sizes (a default size when unmeasured). */
export async function autoLayout(doc: EditableJob, sizes: ReadonlyMap<string, NodeSize>): Promise<Record<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'job',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? FALLBACK_SIZE) })),
    edges: doc.edges
      .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
      .map((e, i) => ({ id: `e${i}-${fromPortOf(e)}`, sources: [e.from], targets: [e.to] })),
  });
  const positions: Record<string, Position> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
