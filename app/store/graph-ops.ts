/**
 * Edits of a job document as pure functions: each returns a new document and leaves its input
 * untouched, so the history can keep old documents as they were. Ids stay unique and edges
 * never point at a removed node.
 */
import { type EditableEdge, type EditableJob, type EditableNode, type LayoutEntry, type Position, fromPortOf, toPortOf } from './job-types';
import { type Path, setAt } from './paths';

/** The editor's identity of each edge, in document order: ends and ports, `#n` on duplicates. */
export function edgeIdsOf(edges: readonly EditableEdge[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = `${e.from}.${fromPortOf(e)}->${e.to}.${toPortOf(e)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** A short id stem for a kind: `source.collection` → `collection`, `join.window` → `join-window`. */
export function idStem(kind: string): string {
  const stem = kind.startsWith('source.') || kind.startsWith('sink.') ? kind.slice(kind.indexOf('.') + 1) : kind;
  return stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
}

/** `stem`, or `stem-2`, `stem-3`… : the first one not in `taken`. */
export function freshId(stem: string, taken: ReadonlySet<string>): string {
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

function idsOf(doc: EditableJob): Set<string> {
  return new Set(doc.nodes.map((n) => n.id));
}

/** Adds a node of `kind` at `position` with a fresh id. */
export function addNode(doc: EditableJob, kind: string, position: Position, params: Record<string, unknown> = {}): { doc: EditableJob; id: string } {
  const id = freshId(idStem(kind), idsOf(doc));
  const node: EditableNode = { id, kind, params };
  return { id, doc: { ...doc, nodes: [...doc.nodes, node], layout: { ...doc.layout, [id]: position } } };
}

/** Removes nodes (with every edge touching them and their positions) and edges by editor id. */
export function removeElements(doc: EditableJob, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): EditableJob {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return doc;
  const ids = edgeIdsOf(doc.edges);
  const layout = { ...doc.layout };
  for (const id of nodes) delete layout[id];
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e, i) => !edges.has(ids[i]!) && !nodes.has(e.from) && !nodes.has(e.to)),
    layout,
  };
}

/** Appends an edge; ports equal to the format's defaults are left out, as people write them. */
export function addEdge(doc: EditableJob, edge: { from: string; to: string; fromPort?: string; toPort?: string }): EditableJob {
  const written: EditableEdge = {
    from: edge.from,
    to: edge.to,
    ...(edge.fromPort && edge.fromPort !== 'out' ? { fromPort: edge.fromPort } : {}),
    ...(edge.toPort && edge.toPort !== 'in' ? { toPort: edge.toPort } : {}),
  };
  return { ...doc, edges: [...doc.edges, written] };
}

/** Sets the positions of some nodes (keeping the rest of their layout entries). */
export function moveNodes(doc: EditableJob, positions: Readonly<Record<string, Position>>): EditableJob {
  const layout: Record<string, LayoutEntry> = { ...doc.layout };
  for (const [id, p] of Object.entries(positions)) layout[id] = { ...layout[id], x: p.x, y: p.y };
  return { ...doc, layout };
}

/**
 * Sets the side-output tags added by hand to a process/connect node (editor-only, in
 * `layout[id].sideOutputs`; an empty list removes the key). A node without a position gets the origin.
 */
export function setDeclaredSideOutputs(doc: EditableJob, id: string, tags: readonly string[]): EditableJob {
  const { sideOutputs: _old, ...entry } = doc.layout?.[id] ?? { x: 0, y: 0 };
  return { ...doc, layout: { ...doc.layout, [id]: tags.length > 0 ? { ...entry, sideOutputs: [...tags] } : entry } };
}

function replaceNode(doc: EditableJob, id: string, update: (n: EditableNode) => EditableNode): EditableJob {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

/** Sets (or, with undefined, removes) a node's `name` or `parallelism`. */
export function setNodeField(doc: EditableJob, id: string, field: 'name' | 'parallelism', value: string | number | undefined): EditableJob {
  return replaceNode(doc, id, (n) => setAt(n, [field], value) as EditableNode);
}

/** Sets (or, with undefined, removes) the param at `path` below the node's `params`. */
export function setParam(doc: EditableJob, id: string, path: Path, value: unknown): EditableJob {
  return replaceNode(doc, id, (n) => ({ ...n, params: setAt(n.params ?? {}, path, value) as Record<string, unknown> }));
}

/** Sets (or removes) a job-level field such as `name` or `parallelism`. */
export function setJobField(doc: EditableJob, field: 'name' | 'parallelism' | 'maxParallelism', value: string | number | undefined): EditableJob {
  return setAt(doc, [field], value) as EditableJob;
}

/**
 * Sets (or, with undefined, removes) a job-level setting at `path` from the document's root:
 * `['checkpointing', 'intervalMs']`, `['restart']`.
 */
export function setJobSetting(doc: EditableJob, path: Path, value: unknown): EditableJob {
  return setAt(doc, path, value) as EditableJob;
}

/**
 * Sets (or, with undefined, removes: the engine's default applies) the partitioning of the edge
 * with editor id `edgeId`. The edge keeps its id, so it stays selected.
 */
export function setEdgePartition(doc: EditableJob, edgeId: string, partition: string | undefined): EditableJob {
  const index = edgeIdsOf(doc.edges).indexOf(edgeId);
  if (index < 0) return doc;
  return { ...doc, edges: doc.edges.map((e, i) => (i === index ? (setAt(e, ['partition'], partition) as EditableEdge) : e)) };
}

/**
 * Renames a node, following it in edges and layout. Returns a sentence instead when the new id
 * is empty or taken (two nodes with one id could not be told apart on the canvas).
 */
export function renameNode(doc: EditableJob, from: string, to: string): EditableJob | string {
  if (from === to) return doc;
  if (to === '') return 'a node id must not be empty';
  if (doc.nodes.some((n) => n.id === to)) return `another node already has the id "${to}"`;
  const layout = { ...doc.layout };
  if (layout[from]) {
    layout[to] = layout[from]!;
    delete layout[from];
  }
  return {
    ...replaceNode(doc, from, (n) => ({ ...n, id: to })),
    edges: doc.edges.map((e) => (e.from === from || e.to === from ? { ...e, ...(e.from === from ? { from: to } : {}), ...(e.to === from ? { to } : {}) } : e)),
    layout,
  };
}

/** What copy puts aside: nodes, the edges among them, and their positions. */
export interface Clipboard {
  readonly nodes: readonly EditableNode[];
  readonly edges: readonly EditableEdge[];
  readonly layout: Readonly<Record<string, LayoutEntry>>;
}

/** The selected nodes and only the edges between two of them. */
export function copyElements(doc: EditableJob, nodeIds: Iterable<string>): Clipboard {
  const ids = new Set(nodeIds);
  const layout: Record<string, LayoutEntry> = {};
  for (const id of ids) if (doc.layout?.[id]) layout[id] = doc.layout[id]!;
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    layout,
  };
}

/** Adds the clipboard's nodes under fresh ids, shifted by `offset`; returns the new ids. */
export function pasteElements(doc: EditableJob, clip: Clipboard, offset: Position): { doc: EditableJob; ids: string[] } {
  const taken = idsOf(doc);
  const renamed = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = freshId(n.id.replace(/-\d+$/, '') || n.id, taken);
    taken.add(id);
    renamed.set(n.id, id);
  }
  const layout = { ...doc.layout };
  clip.nodes.forEach((n, i) => {
    const at = clip.layout[n.id] ?? { x: 40 * i, y: 40 * i };
    layout[renamed.get(n.id)!] = { ...at, x: at.x + offset.x, y: at.y + offset.y };
  });
  return {
    ids: [...renamed.values()],
    doc: {
      ...doc,
      nodes: [...doc.nodes, ...clip.nodes.map((n) => ({ ...n, id: renamed.get(n.id)! }))],
      edges: [...doc.edges, ...clip.edges.map((e) => ({ ...e, from: renamed.get(e.from)!, to: renamed.get(e.to)! }))],
      layout,
    },
  };
}
