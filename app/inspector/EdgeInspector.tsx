/**
 * The inspector of one edge: which node and port it leaves and enters, and how records move
 * between the subtasks at its ends (Flink's partitioner: forward, rebalance, rescale, broadcast,
 * shuffle, or the engine's default when the edge names none).
 */
import { useId, useMemo } from 'react';
import { JobEdgeSchema, PARTITIONS } from '../../engine/index';
import { useApp, useAppStore } from '../store/app-store';
import { edgeIdsOf, setEdgePartition } from '../store/graph-ops';
import { fromPortOf, toPortOf } from '../store/job-types';
import { fieldProblemText } from '../store/selectors';
import { FieldFrame, describedBy } from './fields/FieldFrame';

const PARTITION_HELP = JobEdgeSchema.shape.partition.description;

/** Why a partitioning on this edge has no effect ('' when it has one): keys decide the channel. */
export function partitionIgnoredBecause(fromKind: string | undefined, toKind: string | undefined): string {
  if (fromKind === 'keyBy') return 'out of a keyBy, records go to the subtask that owns their key';
  if (toKind === 'keyBy') return 'into a keyBy, records are hashed by key';
  if (toKind?.startsWith('join.')) return 'into a join, records are hashed by key';
  return '';
}

export function EdgeInspector({ edgeId }: { edgeId: string }) {
  const store = useAppStore();
  const id = useId();
  // Selects the stored edge list (not a value computed per store change: runs update the store often).
  const edges = useApp((s) => s.doc.edges);
  const index = useMemo(() => edgeIdsOf(edges).indexOf(edgeId), [edges, edgeId]);
  const edge = index >= 0 ? edges[index] : undefined;
  const fromKind = useApp((s) => (edge ? s.doc.nodes.find((n) => n.id === edge.from)?.kind : undefined));
  const toKind = useApp((s) => (edge ? s.doc.nodes.find((n) => n.id === edge.to)?.kind : undefined));
  const problem = useApp(fieldProblemText(undefined, `edges[${index}].partition`));
  if (!edge) return null;
  const ignored = partitionIgnoredBecause(fromKind, toKind);
  return (
    <div className="edge-inspector">
      <h2>Edge</h2>
      <p className="edge-ends" role="group" aria-label="Edge ends">
        <span className="mono">
          {edge.from}/{fromPortOf(edge)}
        </span>{' '}
        →{' '}
        <span className="mono">
          {edge.to}/{toPortOf(edge)}
        </span>
      </p>
      <FieldFrame inputId={id} label="Partitioning" required={false} description={PARTITION_HELP} problem={problem}>
        <select
          id={id}
          value={edge.partition ?? ''}
          onChange={(e) => store.getState().edit((d) => setEdgePartition(d, edgeId, e.target.value === '' ? undefined : e.target.value))}
          {...describedBy(id, problem)}
        >
          <option value="">default</option>
          {PARTITIONS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </FieldFrame>
      {ignored && <p className="muted">Ignored on this edge: {ignored}.</p>}
    </div>
  );
}
