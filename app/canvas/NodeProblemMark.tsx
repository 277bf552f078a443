/** The red mark on a node with validation problems; its tooltip and accessible name list them. */
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { nodeProblemText } from '../store/selectors';

export const NodeProblemMark = memo(function NodeProblemMark({ id }: { id: string }) {
  const text = useApp(nodeProblemText(id));
  if (text === '') return null;
  const count = text.split('\n').length;
  return (
    <span className="node-mark problem" role="img" title={text} aria-label={`${count} problem${count === 1 ? '' : 's'}: ${text}`}>
      !
    </span>
  );
});
