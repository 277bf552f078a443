/**
 * The job document as the editor holds it: an `eddy/job@1` document as written, which may be
 * incomplete or wrong while the user works on it (validation says what is wrong; the engine's
 * parsed `JobDocument` type only describes valid jobs). Fields the editor does not know are
 * kept, so an import/export round trip loses nothing.
 */
import { KIND_INFO, type NodeKind } from '../../engine/index';

export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * A node's editor-only entry in `layout`: its position and, for process/connect nodes, side-output
 * tags added by hand before the code emits to them. The engine ignores all of it.
 */
export interface LayoutEntry extends Position {
  readonly sideOutputs?: readonly string[];
}

export interface EditableNode {
  readonly id: string;
  /** A node kind; may be unknown in an imported document (validation reports it). */
  readonly kind: string;
  readonly name?: string;
  readonly parallelism?: number;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly [extra: string]: unknown;
}

export interface EditableEdge {
  readonly from: string;
  readonly to: string;
  readonly fromPort?: string;
  readonly toPort?: string;
  readonly partition?: string;
  readonly [extra: string]: unknown;
}

export interface EditableJob {
  readonly format: string;
  readonly name?: string;
  readonly parallelism?: number;
  readonly maxParallelism?: number;
  readonly nodes: readonly EditableNode[];
  readonly edges: readonly EditableEdge[];
  /** Editor positions (and hand-added side-output tags) by node id; the engine ignores them. */
  readonly layout?: Readonly<Record<string, LayoutEntry>>;
  readonly [extra: string]: unknown;
}

export type KindInfo = (typeof KIND_INFO)[NodeKind];

/** The kind's description, or undefined for a kind the engine does not know. */
export function kindInfo(kind: string): KindInfo | undefined {
  return Object.hasOwn(KIND_INFO, kind) ? KIND_INFO[kind as NodeKind] : undefined;
}

/** A job with nothing in it. */
export function emptyJob(name = 'Untitled job'): EditableJob {
  return { format: 'eddy/job@1', name, parallelism: 1, nodes: [], edges: [], layout: {} };
}

/** The port an edge leaves from, with the format's default applied. */
export function fromPortOf(edge: EditableEdge): string {
  return edge.fromPort ?? 'out';
}

/** The port an edge enters, with the format's default applied. */
export function toPortOf(edge: EditableEdge): string {
  return edge.toPort ?? 'in';
}

/** What a field's value is, in words, for a message saying it has the wrong type. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The first field of `record` (among `fields`) whose value is present but not of its type, as a sentence. */
function wrongField(record: Readonly<Record<string, unknown>>, fields: Readonly<Record<string, 'text' | 'number' | 'object'>>, where: string): string | null {
  for (const [field, type] of Object.entries(fields)) {
    const value = record[field];
    if (value === undefined) continue;
    const ok = type === 'text' ? typeof value === 'string' : type === 'number' ? typeof value === 'number' : value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!ok) return `${where}"${field}" must be ${type === 'text' ? 'text' : type === 'number' ? 'a number' : 'an object'}, got ${shown(value)}`;
  }
  return null;
}

/** A layout entry the editor can place a node at: numbers x and y, side-output tags as text. */
function isLayoutEntry(value: unknown): value is LayoutEntry {
  if (value === null || typeof value !== 'object') return false;
  const e = value as { x?: unknown; y?: unknown; sideOutputs?: unknown };
  return Number.isFinite(e.x) && Number.isFinite(e.y) && (e.sideOutputs === undefined || (Array.isArray(e.sideOutputs) && e.sideOutputs.every((t) => typeof t === 'string')));
}

/**
 * Reads a value that should be a job document. Returns the document, or a sentence saying
 * why it cannot be edited at all (anything with a nodes list whose ids, kinds, names, params and
 * ports have the types the editor shows them as can: validation reports the rest).
 */
export function asEditableJob(value: unknown): EditableJob | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a job file holds a JSON object';
  const doc = value as Record<string, unknown>;
  if (doc.format !== 'eddy/job@1') return `expected "format": "eddy/job@1", got ${JSON.stringify(doc.format)}`;
  if (!Array.isArray(doc.nodes)) return 'the job has no "nodes" list';
  if (doc.edges !== undefined && !Array.isArray(doc.edges)) return '"edges" must be a list';
  const jobWrong = wrongField(doc, { name: 'text', parallelism: 'number', maxParallelism: 'number' }, 'the job\'s ');
  if (jobWrong !== null) return jobWrong;
  for (const [i, n] of (doc.nodes as unknown[]).entries()) {
    if (n === null || typeof n !== 'object' || typeof (n as { id?: unknown }).id !== 'string' || typeof (n as { kind?: unknown }).kind !== 'string') {
      return `nodes[${i}] needs a string "id" and "kind"`;
    }
    const wrong = wrongField(n as Record<string, unknown>, { name: 'text', parallelism: 'number', params: 'object' }, `node "${(n as { id: string }).id}": `);
    if (wrong !== null) return wrong;
  }
  for (const [i, e] of ((doc.edges as unknown[] | undefined) ?? []).entries()) {
    if (e === null || typeof e !== 'object' || typeof (e as { from?: unknown }).from !== 'string' || typeof (e as { to?: unknown }).to !== 'string') {
      return `edges[${i}] needs a string "from" and "to"`;
    }
    const wrong = wrongField(e as Record<string, unknown>, { fromPort: 'text', toPort: 'text', partition: 'text' }, `edges[${i}]: `);
    if (wrong !== null) return wrong;
  }
  const { layout, ...rest } = doc;
  // Layout entries that are not {x, y} numbers are dropped: the editor places those nodes.
  const placed = layout !== null && typeof layout === 'object' && !Array.isArray(layout) ? Object.fromEntries(Object.entries(layout).filter(([, entry]) => isLayoutEntry(entry))) : null;
  return {
    ...rest,
    format: 'eddy/job@1',
    nodes: doc.nodes as EditableNode[],
    edges: (doc.edges as EditableEdge[] | undefined) ?? [],
    ...(placed !== null ? { layout: placed as Record<string, LayoutEntry> } : {}),
  };
}
