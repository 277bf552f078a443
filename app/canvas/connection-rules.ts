/**
 * Checks a connection while it is being drawn: no self loop, the target handle is one of the
 * target's inputs, the source handle one of the source's outputs, and no second identical
 * edge. Everything else (keying, how many streams an input takes, cycles) is the engine's
 * validation, which reports it on the node once the edge exists.
 */
import type { EditableJob } from '../store/job-types';
import { fromPortOf, toPortOf } from '../store/job-types';
import { portsOf } from './node-ports';

export interface ConnectionAttempt {
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string | null;
  readonly targetHandle?: string | null;
}

/** Why the connection cannot be made, or null when it can. */
export function connectionProblem(doc: EditableJob, c: ConnectionAttempt): string | null {
  if (c.source === c.target) return 'a node cannot feed itself';
  const from = doc.nodes.find((n) => n.id === c.source);
  const to = doc.nodes.find((n) => n.id === c.target);
  if (!from || !to) return 'both ends must be nodes of the job';
  const fromPort = c.sourceHandle ?? 'out';
  const toPort = c.targetHandle ?? 'in';
  if (!portsOf(from, doc.edges, doc.layout).outputs.includes(fromPort)) return `"${c.source}" has no output "${fromPort}"`;
  if (!portsOf(to, doc.edges).inputs.includes(toPort)) return `"${c.target}" has no input "${toPort}"`;
  const duplicate = doc.edges.some((e) => e.from === c.source && e.to === c.target && fromPortOf(e) === fromPort && toPortOf(e) === toPort);
  return duplicate ? 'these two ports are already connected' : null;
}
