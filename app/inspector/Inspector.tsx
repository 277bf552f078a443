/** The right-hand panel: the selected node's form, or the job's when no single node is selected. */
import { useApp } from '../store/app-store';
import { JobInspector } from './JobInspector';
import { NodeInspector } from './NodeInspector';

export function Inspector() {
  const selected = useApp((s) => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0]! : null));
  return (
    <aside className="inspector" aria-label="Inspector">
      {selected ? <NodeInspector key={selected} nodeId={selected} /> : <JobInspector />}
    </aside>
  );
}
