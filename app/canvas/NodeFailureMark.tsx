/** Marks the node the last run failed on, with the engine's message and the records it had before failing. */
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { nodeFailureText } from '../store/selectors';

export const NodeFailureMark = memo(function NodeFailureMark({ id }: { id: string }) {
  const text = useApp(nodeFailureText(id));
  if (text === '') return null;
  return (
    <div className="node-failure" role="alert" title={text}>
      {text}
    </div>
  );
});
