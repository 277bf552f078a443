/** The job's parallelism: how many subtasks each node runs unless it says otherwise. */
import { useId } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { setJobField } from '../store/graph-ops';
import { fieldProblemText } from '../store/selectors';

export function ParallelismField() {
  const store = useAppStore();
  const id = useId();
  const parallelism = useApp((s) => s.doc.parallelism);
  const problem = useApp(fieldProblemText(undefined, 'parallelism'));
  return (
    <span className={`toolbar-field${problem ? ' invalid' : ''}`} title={problem || "Default parallelism of every node (slots the job uses)"}>
      <label htmlFor={id}>Parallelism</label>
      <input
        id={id}
        type="number"
        min={1}
        max={64}
        step={1}
        aria-label="Job parallelism"
        value={parallelism ?? ''}
        placeholder="1"
        onChange={(e) => store.getState().edit((d) => setJobField(d, 'parallelism', e.target.value === '' ? undefined : Number(e.target.value)), 'job:parallelism')}
        onBlur={() => store.getState().sealHistory()}
      />
    </span>
  );
}
