/**
 * The right-hand panel: the selected node's form, the selected edge's when one edge alone is
 * selected, or the job's otherwise.
 */
import { useApp } from '../store/app-store';
import { EdgeInspector } from './EdgeInspector';
import { JobInspector } from './JobInspector';
import { NodeInspector } from './NodeInspector';

export function Inspector() {
  const selected = useApp((s) => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0]! : null));
  const edge = useApp((s) => (s.selectedNodeIds.length === 0 && s.selectedEdgeIds.length === 1 ? s.selectedEdgeIds[0]! : null));
  // A job compiled from SQL is read-only: its forms show, their controls disabled.
  const readOnly = useApp((s) => s.sql !== null);
  const body = selected ? <NodeInspector key={selected} nodeId={selected} /> : edge ? <EdgeInspector key={edge} edgeId={edge} /> : <JobInspector />;
  return (
    <aside className="inspector" aria-label="Inspector">
      {readOnly ? (
        <fieldset className="read-only" disabled>
          {body}
        </fieldset>
      ) : (
        body
      )}
    </aside>
  );
}
