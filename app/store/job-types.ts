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

/**
 * Reads a value that should be a job document. Returns the document, or a sentence saying
 * why it cannot be edited at all (anything with a nodes list can: validation reports the rest).
 */
export function asEditableJob(value: unknown): EditableJob | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a job file holds a JSON object';
  const doc = value as Record<string, unknown>;
  if (doc.format !== 'eddy/job@1') return `expected "format": "eddy/job@1", got ${JSON.stringify(doc.format)}`;
  if (!Array.isArray(doc.nodes)) return 'the job has no "nodes" list';
  if (doc.edges !== undefined && !Array.isArray(doc.edges)) return '"edges" must be a list';
  for (const [i, n] of (doc.nodes as unknown[]).entries()) {
    if (n === null || typeof n !== 'object' || typeof (n as { id?: unknown }).id !== 'string' || typeof (n as { kind?: unknown }).kind !== 'string') {
      return `nodes[${i}] needs a string "id" and "kind"`;
    }
  }
  for (const [i, e] of ((doc.edges as unknown[] | undefined) ?? []).entries()) {
    if (e === null || typeof e !== 'object' || typeof (e as { from?: unknown }).from !== 'string' || typeof (e as { to?: unknown }).to !== 'string') {
      return `edges[${i}] needs a string "from" and "to"`;
    }
  }
  const { layout, ...rest } = doc;
  return {
    ...rest,
    format: 'eddy/job@1',
    nodes: doc.nodes as EditableNode[],
    edges: (doc.edges as EditableEdge[] | undefined) ?? [],
    // Positions that are not an object of {x, y} are dropped: the editor places those nodes.
    ...(layout !== null && typeof layout === 'object' && !Array.isArray(layout) ? { layout: layout as Record<string, Position> } : {}),
  };
}
