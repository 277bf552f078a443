/**
 * A choice between shapes (window assigner, trigger, function, evictor): a type select, then
 * the chosen shape's own fields. Switching keeps the fields both shapes share.
 */
import { useId, useMemo } from 'react';
import { useApp } from '../../store/app-store';
import { fieldProblemText } from '../../store/selectors';
import { type FieldSpec, optionFields, selectedOption, switchOption } from '../form-model';
import { SchemaField } from '../SchemaField';
import { problemField, useParam } from '../use-param';
import type { FieldProps } from './field-props';
import { FieldFrame, describedBy } from './FieldFrame';

export function UnionField({ nodeId, kind, def }: FieldProps) {
  const spec = def.spec as Extract<FieldSpec, { kind: 'union' }>;
  const id = useId();
  const { value, set, problem } = useParam(nodeId, def.path);
  const tagField = spec.discriminator ? problemField(nodeId, [...def.path, spec.discriminator]) : '';
  const tagProblem = useApp(fieldProblemText(nodeId, tagField));
  const current = selectedOption(spec, value === undefined ? def.default : value);
  const option = current >= 0 ? spec.options[current] : undefined;
  const fields = useMemo(() => (option ? optionFields(option, spec.discriminator, def.path, kind) : []), [option, spec.discriminator, def.path, kind]);
  const shown = [problem, tagProblem].filter(Boolean).join('; ');
  return (
    <fieldset className="field-group">
      <legend>{def.label}</legend>
      <FieldFrame inputId={id} label="Type" required={def.required} description={option?.description ?? def.description} problem={shown}>
        <select id={id} aria-label={`${def.label} type`} value={current} onChange={(e) => set(switchOption(spec, Number(e.target.value), value))} {...describedBy(id, shown)}>
          {current < 0 && <option value={-1}>{def.required ? '— choose —' : '—'}</option>}
          {spec.options.map((o, i) => (
            <option key={o.label} value={i}>
              {o.label}
            </option>
          ))}
        </select>
      </FieldFrame>
      {fields.map((f) => (
        <SchemaField key={f.name} nodeId={nodeId} kind={kind} def={f} />
      ))}
    </fieldset>
  );
}
