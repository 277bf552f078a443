/** A param with a fixed set of values, as a select. */
import { useId } from 'react';
import type { FieldSpec } from '../form-model';
import { useParam } from '../use-param';
import type { FieldProps } from './field-props';
import { FieldFrame, describedBy } from './FieldFrame';

export function EnumField({ nodeId, def }: FieldProps) {
  const spec = def.spec as Extract<FieldSpec, { kind: 'enum' }>;
  const id = useId();
  const { value, set, problem } = useParam(nodeId, def.path);
  const current = typeof value === 'string' ? value : '';
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={problem}>
      <select id={id} value={current} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)} {...describedBy(id, problem)}>
        {(current === '' || !def.required) && (
          <option value="" disabled={def.required}>
            {def.default !== undefined ? `default (${String(def.default)})` : def.required ? '— choose —' : '—'}
          </option>
        )}
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
