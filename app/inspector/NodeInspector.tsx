/** The inspector of one node: what the kind is, its problems, its fields and its params. */
import { useApp } from '../store/app-store';
import { hasDynamicSideOutputs } from '../../engine/index';
import { kindInfo } from '../store/job-types';
import { nodeProblemText } from '../store/selectors';
import { InputFileField } from './InputFileField';
import { NodeFields } from './NodeFields';
import { ParamsForm } from './ParamsForm';
import { SideOutputsField } from './SideOutputsField';

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const kind = useApp((s) => s.doc.nodes.find((n) => n.id === nodeId)?.kind);
  const path = useApp((s) => s.doc.nodes.find((n) => n.id === nodeId)?.params?.path);
  const params = useApp((s) => s.doc.nodes.find((n) => n.id === nodeId)?.params);
  const problems = useApp(nodeProblemText(nodeId, { withRun: true }));
  if (kind === undefined) return null;
  const info = kindInfo(kind);
  return (
    <div className="node-inspector">
      <h2>{info?.label ?? kind}</h2>
      <p className="muted">{info?.description ?? `The engine does not know the kind "${kind}".`}</p>
      {problems && (
        <ul className="inspector-problems" aria-label="Problems of this node">
          {problems.split('\n').map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <NodeFields nodeId={nodeId} />
      {info && (
        <>
          <h3>Params</h3>
          <ParamsForm key={nodeId} nodeId={nodeId} kind={info.kind} />
        </>
      )}
      {info && hasDynamicSideOutputs(info, params) && <SideOutputsField nodeId={nodeId} />}
      {kind === 'source.file' && <InputFileField nodeId={nodeId} path={typeof path === 'string' ? path : undefined} />}
    </div>
  );
}
