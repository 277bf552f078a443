/**
 * The node's id, renamed on Enter or when the field loses focus. Edges and layout follow the
 * rename; a taken or empty id is refused with a message and the old id stays.
 */
import { useEffect, useId, useState } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { renameNode } from '../store/graph-ops';
import { fieldProblemText } from '../store/selectors';
import { FieldFrame, describedBy } from './fields/FieldFrame';

export function NodeIdField({ nodeId }: { nodeId: string }) {
  const store = useAppStore();
  const id = useId();
  const [text, setText] = useState(nodeId);
  const [refusal, setRefusal] = useState('');
  const problem = useApp(fieldProblemText(nodeId, 'id'));
  useEffect(() => {
    setText(nodeId);
    setRefusal('');
  }, [nodeId]);
  const commit = () => {
    const next = text.trim();
    if (next === nodeId) return;
    const renamed = renameNode(store.getState().doc, nodeId, next);
    if (typeof renamed === 'string') {
      setRefusal(renamed);
      return;
    }
    store.getState().edit(() => renamed);
    store.getState().select([next]);
  };
  const shown = refusal || problem;
  return (
    <FieldFrame inputId={id} label="Id" required description="Unique; names the operator's state in checkpoints (Flink's uid)" problem={shown}>
      <input
        id={id}
        className="mono"
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setRefusal('');
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(nodeId);
        }}
        {...describedBy(id, shown)}
      />
    </FieldFrame>
  );
}
