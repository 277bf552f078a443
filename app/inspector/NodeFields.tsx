/** The fields every node has besides its params: id, name and parallelism. */
import { useId } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { setNodeField } from '../store/graph-ops';
import { fieldProblemText } from '../store/selectors';
import { FieldFrame, describedBy } from './fields/FieldFrame';
import { NodeIdField } from './NodeIdField';

export function NodeFields({ nodeId }: { nodeId: string }) {
  const store = useAppStore();
  const nameId = useId();
  const parId = useId();
  const name = useApp((s) => s.doc.nodes.find((n) => n.id === nodeId)?.name);
  const parallelism = useApp((s) => s.doc.nodes.find((n) => n.id === nodeId)?.parallelism);
  const jobParallelism = useApp((s) => s.doc.parallelism ?? 1);
  const parProblem = useApp(fieldProblemText(nodeId, 'parallelism'));
  const seal = () => store.getState().sealHistory();
  return (
    <>
      <NodeIdField nodeId={nodeId} />
      <FieldFrame inputId={nameId} label="Name" required={false} description="Label shown on the canvas" problem="">
        <input
          id={nameId}
          value={name ?? ''}
          placeholder={nodeId}
          onChange={(e) => store.getState().edit((d) => setNodeField(d, nodeId, 'name', e.target.value === '' ? undefined : e.target.value), `name:${nodeId}`)}
          onBlur={seal}
        />
      </FieldFrame>
      <FieldFrame inputId={parId} label="Parallelism" required={false} description="Subtasks of this node (default: the job's parallelism)" problem={parProblem}>
        <input
          id={parId}
          type="number"
          min={1}
          step={1}
          value={parallelism ?? ''}
          placeholder={`job's (${jobParallelism})`}
          onChange={(e) => {
            const v = e.target.value;
            store.getState().edit((d) => setNodeField(d, nodeId, 'parallelism', v === '' ? undefined : Number(v)), `parallelism:${nodeId}`);
          }}
          onBlur={seal}
          {...describedBy(parId, parProblem)}
        />
      </FieldFrame>
    </>
  );
}
