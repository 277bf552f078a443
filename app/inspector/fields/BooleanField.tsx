/** A yes/no param, as a checkbox (unchecked and absent both mean the default unless it is true). */
import { useId } from 'react';
import { useParam } from '../use-param';
import type { FieldProps } from './field-props';

export function BooleanField({ nodeId, def }: FieldProps) {
  const id = useId();
  const { value, set, problem } = useParam(nodeId, def.path);
  const checked = typeof value === 'boolean' ? value : def.default === true;
  return (
    <div className={`field checkbox${problem ? ' invalid' : ''}`}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => set(e.target.checked)} />
      <label htmlFor={id}>{def.label}</label>
      {problem && <p className="field-problem">{problem}</p>}
      {def.description && <p className="field-help">{def.description}</p>}
    </div>
  );
}
