/**
 * Compare: the same input through a second configuration — the open job with one node param
 * changed (a window's assigner, its allowed lateness, a watermark's out-of-orderness). Pure: the
 * variant job, its name in words, and the value the user typed, checked.
 */
import type { EditableJob } from '../store/job-types';

export interface CompareVariant {
  readonly node: string;
  /** A top-level key of the node's params. */
  readonly param: string;
  readonly value: unknown;
}

/** The job with the variant's param set; an Error naming the node when the job has no such node. */
export function variantJob(doc: EditableJob, v: CompareVariant): EditableJob {
  if (!doc.nodes.some((n) => n.id === v.node)) throw new Error(`Compare: the job has no node "${v.node}"`);
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === v.node ? { ...n, params: { ...(n.params ?? {}), [v.param]: v.value } } : n)),
  };
}

export function describeVariant(v: CompareVariant): string {
  return `${v.node}.${v.param} = ${JSON.stringify(v.value)}`;
}

/** The typed value: JSON (`2000`, `{"type": "sliding", …}`), or a bare word taken as a string. */
export function parseVariantValue(node: string, param: string, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: false, error: `Compare: give a value for ${param} of node ${node}` };
  try {
    return { ok: true, value: JSON.parse(t) };
  } catch {
    if (/^[\w.-]+$/.test(t)) return { ok: true, value: t };
    return { ok: false, error: `Compare: the value for ${param} of node ${node} is not JSON (${t})` };
  }
}

/** The params a node offers to vary: those it has, and for a window node its allowed lateness too. */
export function variableParams(node: { kind: string; params?: Record<string, unknown> }): string[] {
  const keys = Object.keys(node.params ?? {});
  if (node.kind === 'window' && !keys.includes('allowedLatenessMs')) keys.push('allowedLatenessMs');
  return keys;
}

/** The value a variant starts from in the form: the param's current value, as JSON. */
export function currentValueText(node: { params?: Record<string, unknown> } | undefined, param: string): string {
  const v = node?.params?.[param];
  return v === undefined ? '0' : JSON.stringify(v);
}
