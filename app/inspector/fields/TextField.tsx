/** A text param (a field path, a tag); join keys also take a key function. */
import { useId } from 'react';
import { useParam } from '../use-param';
import { type FieldProps, defaultHint } from './field-props';
import { FieldFrame, describedBy } from './FieldFrame';

export function TextField({ nodeId, def }: FieldProps) {
  const id = useId();
  const { value, set, seal, problem } = useParam(nodeId, def.path);
  const isKey = def.spec.kind === 'key';
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={problem}>
      <input
        id={id}
        type="text"
        spellCheck={false}
        className={isKey ? 'mono' : undefined}
        value={typeof value === 'string' ? value : ''}
        placeholder={isKey ? 'field.path or (r) => key' : defaultHint(def)}
        onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        onBlur={seal}
        {...describedBy(id, problem)}
      />
    </FieldFrame>
  );
}
