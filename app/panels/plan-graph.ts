/**
 * The execution plan as a picture: one box per task (plan vertex) with its chained operators,
 * parallelism and slots; one arrow per network edge labelled with its partitioning; columns
 * left to right by the longest path from a source. Pure: the panel only draws what this returns.
 */
import type { ExecutionPlan, PlanEdge } from '../../engine/index';

export interface PlanBox {
  /** The vertex id (its head node). */
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The chained operators, head first: "name (kind)". */
  readonly operators: readonly string[];
  readonly parallelism: number;
  /** Slot indices its subtasks run in (slot sharing: subtask i in slot i). */
  readonly slots: readonly number[];
}

export interface PlanArrow {
  /** The plan edge index. */
  readonly index: number;
  readonly from: string;
  readonly to: string;
  /** Partitioning, with the key for hash and the port when not the main output: "hash by key". */
  readonly label: string;
  /** Upstream → downstream subtasks: "2 → 2". */
  readonly channels: string;
  /** SVG path data, from the right side of `from` to the left side of `to`. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

export interface PlanGraph {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly PlanBox[];
  readonly arrows: readonly PlanArrow[];
}

export const PLAN_LAYOUT = {
  margin: 16,
  columnGap: 120,
  rowGap: 28,
  header: 24,
  line: 18,
  footer: 22,
  charWidth: 7,
  minWidth: 170,
  maxWidth: 340,
} as const;

/** What an arrow says about its edge: partitioning, the key it hashes by, the side output it leaves from. */
export function edgeLabel(edge: PlanEdge): string {
  const key = edge.key ? ('field' in edge.key ? ` by ${edge.key.field}` : ' by key code') : '';
  const port = edge.port !== 'out' ? ` [${edge.port}]` : '';
  return `${edge.partition}${key}${port}`;
}

/** Column of each vertex: 0 for sources, else one more than the furthest upstream vertex. */
function columns(plan: ExecutionPlan): Map<string, number> {
  const column = new Map<string, number>();
  // Vertices come in topological order, so every upstream vertex has its column already.
  for (const v of plan.vertices) {
    let c = 0;
    for (const i of v.inputs) {
      const from = plan.edges[i]?.fromVertex;
      if (from !== undefined) c = Math.max(c, (column.get(from) ?? 0) + 1);
    }
    column.set(v.id, c);
  }
  return column;
}

export function planGraph(plan: ExecutionPlan): PlanGraph {
  const L = PLAN_LAYOUT;
  const column = columns(plan);
  const operatorsOf = (nodes: readonly string[]) => nodes.map((n) => `${plan.nodes[n]?.name ?? n} (${plan.nodes[n]?.kind ?? '?'})`);
  const byColumn: string[][] = [];
  for (const v of plan.vertices) (byColumn[column.get(v.id)!] ??= []).push(v.id);

  const sized = new Map(
    plan.vertices.map((v) => {
      const operators = operatorsOf(v.nodes);
      const slots = Array.from({ length: v.parallelism }, (_, i) => i);
      const longest = Math.max(`Task ${v.id}`.length, ...operators.map((o) => o.length + 2), footerText(v.parallelism, slots).length);
      const width = Math.min(L.maxWidth, Math.max(L.minWidth, longest * L.charWidth + 20));
      const height = L.header + operators.length * L.line + L.footer;
      return [v.id, { operators, slots, width, height, parallelism: v.parallelism }] as const;
    }),
  );

  const columnWidth = byColumn.map((ids) => Math.max(...ids.map((id) => sized.get(id)!.width)));
  const columnHeight = byColumn.map((ids) => ids.reduce((h, id) => h + sized.get(id)!.height, 0) + L.rowGap * (ids.length - 1));
  const height = Math.max(0, ...columnHeight) + 2 * L.margin;
  const boxes: PlanBox[] = [];
  let x = L.margin;
  byColumn.forEach((ids, c) => {
    // Each column centred vertically, so a chain of single tasks reads as a straight line.
    let y = L.margin + (height - 2 * L.margin - columnHeight[c]!) / 2;
    for (const id of ids) {
      const s = sized.get(id)!;
      boxes.push({ id, x, y, width: s.width, height: s.height, operators: s.operators, parallelism: s.parallelism, slots: s.slots });
      y += s.height + L.rowGap;
    }
    x += columnWidth[c]! + L.columnGap;
  });
  const width = x - L.columnGap + L.margin;
  const box = new Map(boxes.map((b) => [b.id, b]));

  // Several edges between the same two tasks (e.g. a side output and the main output) fan out.
  const pairCount = new Map<string, number>();
  for (const e of plan.edges) pairCount.set(`${e.fromVertex}>${e.toVertex}`, (pairCount.get(`${e.fromVertex}>${e.toVertex}`) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const arrows = plan.edges.map((e): PlanArrow => {
    const a = box.get(e.fromVertex)!;
    const b = box.get(e.toVertex)!;
    const pair = `${e.fromVertex}>${e.toVertex}`;
    const k = pairSeen.get(pair) ?? 0;
    pairSeen.set(pair, k + 1);
    const spread = (k - ((pairCount.get(pair) ?? 1) - 1) / 2) * 14;
    const x1 = a.x + a.width;
    const y1 = a.y + a.height / 2 + spread;
    const x2 = b.x;
    const y2 = b.y + b.height / 2 + spread + (e.input === 1 ? 8 : e.input === 0 && hasSecondInput(plan, e.toVertex) ? -8 : 0);
    const bend = Math.max(30, (x2 - x1) / 2);
    const up = plan.nodes[e.from]?.parallelism ?? 1;
    const down = plan.nodes[e.to]?.parallelism ?? 1;
    return {
      index: e.index,
      from: e.fromVertex,
      to: e.toVertex,
      label: edgeLabel(e),
      channels: `${up} → ${down}`,
      path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`,
      labelX: (x1 + x2) / 2,
      labelY: (y1 + y2) / 2 - 6,
    };
  });
  return { width, height, boxes, arrows };
}

/** The box's last line: parallelism and slots. */
export function footerText(parallelism: number, slots: readonly number[]): string {
  return `parallelism ${parallelism} · slot${slots.length === 1 ? '' : 's'} ${slots.join(', ')}`;
}

function hasSecondInput(plan: ExecutionPlan, vertex: string): boolean {
  return plan.edges.some((e) => e.toVertex === vertex && e.input === 1);
}
