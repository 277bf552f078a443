/**
 * The mark on a node with validation problems (red: the job cannot run) or, failing those, type
 * warnings in its code (amber: it can); its tooltip and accessible name list them.
 */
import { memo } from 'react';
import { useApp } from '../store/app-store';
import { nodeProblemText, nodeWarningText } from '../store/selectors';

export const NodeProblemMark = memo(function NodeProblemMark({ id }: { id: string }) {
  const problems = useApp(nodeProblemText(id));
  const warnings = useApp(nodeWarningText(id));
  if (problems !== '') {
    const count = problems.split('\n').length;
    return (
      <span className="node-mark problem" role="img" title={problems} aria-label={`${count} problem${count === 1 ? '' : 's'}: ${problems}`}>
        !
      </span>
    );
  }
  if (warnings === '') return null;
  const count = warnings.split('\n').length;
  return (
    <span className="node-mark warning" role="img" title={`${warnings}\n(The job can still run.)`} aria-label={`${count} type warning${count === 1 ? '' : 's'}: ${warnings}`}>
      ⚠
    </span>
  );
});
