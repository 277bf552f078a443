/**
 * The handles a node shows, mirroring the job format's ports: inputs `in`, or `in1`/`in2` on
 * two-input nodes; outputs `out` plus side outputs — a window's late-output tag when set, a
 * file source's `errors`, and for process/connect nodes (and windows with a process function) every tag the node may emit to: the tags
 * its code names in `out.output('tag', value)`, the tags added in the inspector (kept in the
 * document's `layout`, editor-only), and the tags its edges already use.
 */
import type { EditableEdge, EditableJob, EditableNode } from '../store/job-types';
import { fromPortOf, kindInfo } from '../store/job-types';
import { getAt } from '../store/paths';
import { hasDynamicSideOutputs } from '../../engine/index';

export interface NodePorts {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * `.output(` followed by a string literal and a comma: `out.output('late', r)`,
 * `collector.output("big", r)`, or a template literal without substitutions.
 */
const OUTPUT_CALL = /\.output\(\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$\n]*)`)\s*,/g;

/** The side-output tags a piece of code emits to with a literal tag, in order of first mention. */
export function sideOutputTagsInCode(code: string): string[] {
  const tags: string[] = [];
  for (const m of code.matchAll(OUTPUT_CALL)) {
    const tag = m[1] ?? m[2] ?? m[3] ?? '';
    if (tag !== '' && tag !== 'out' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The side-output tags a node's code params name (none for kinds without code). */
export function codeSideOutputs(node: EditableNode): string[] {
  const info = kindInfo(node.kind);
  if (!info) return [];
  const tags: string[] = [];
  for (const param of info.codeParams) {
    const code = getAt(node.params, param.split('.'));
    if (typeof code === 'string') for (const t of sideOutputTagsInCode(code)) if (!tags.includes(t)) tags.push(t);
  }
  return tags;
}

/** The side-output tags added to a node by hand in the inspector (`layout[id].sideOutputs`). */
export function declaredSideOutputs(layout: EditableJob['layout'], nodeId: string): readonly string[] {
  const tags = layout?.[nodeId]?.sideOutputs;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string' && t !== '' && t !== 'out') : [];
}

export function portsOf(node: EditableNode, edges: readonly EditableEdge[], layout?: EditableJob['layout']): NodePorts {
  const info = kindInfo(node.kind);
  // An unknown kind still gets a way in and out, so its edges stay visible while it is fixed.
  if (!info) return { inputs: ['in'], outputs: ['out'] };
  if (!info.hasOutput) return { inputs: info.inputs, outputs: [] };
  const outputs = ['out', ...info.sideOutputs(node.params ?? {})];
  if (hasDynamicSideOutputs(info, node.params)) {
    const add = (port: string) => {
      if (!outputs.includes(port)) outputs.push(port);
    };
    for (const tag of codeSideOutputs(node)) add(tag);
    for (const tag of declaredSideOutputs(layout, node.id)) add(tag);
    for (const e of edges) if (e.from === node.id) add(fromPortOf(e));
  }
  return { inputs: info.inputs, outputs };
}

/** True when both lists hold the same ports in the same order. */
export function samePorts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
