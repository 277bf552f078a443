/**
 * What a code param is type-checked as, from the store: the job's nodes and edges, uploaded input
 * files, and validation's problems (upstream code with a problem is left out of the types).
 * Selects the stored arrays, so moving nodes on the canvas recomputes nothing.
 */
import { useMemo } from 'react';
import { useApp } from '../store/app-store';
import { type CodeWrapper, wrapCodeParam } from './record-types';

export function useCodeTypes(nodeId: string | undefined, path: string): CodeWrapper | undefined {
  const nodes = useApp((s) => s.doc.nodes);
  const edges = useApp((s) => s.doc.edges);
  const files = useApp((s) => s.files);
  const problems = useApp((s) => s.problems);
  return useMemo(() => {
    if (nodeId === undefined) return undefined;
    const broken = new Set(problems.filter((p) => p.nodeId !== undefined && p.field?.startsWith('params.')).map((p) => `${p.nodeId}\n${p.field!.slice('params.'.length)}`));
    return wrapCodeParam({ format: 'eddy/job@1', nodes, edges }, nodeId, path, { files, isBroken: (n, field) => broken.has(`${n}\n${field}`) });
  }, [nodes, edges, files, problems, nodeId, path]);
}
