/** A number param, with its unit (params ending in Ms are milliseconds). */
import { useId } from 'react';
import type { FieldSpec } from '../form-model';
import { useParam } from '../use-param';
import { type FieldProps, defaultHint } from './field-props';
import { FieldFrame, describedBy } from './FieldFrame';

export function NumberField({ nodeId, def }: FieldProps) {
  const spec = def.spec as Extract<FieldSpec, { kind: 'number' }>;
  const id = useId();
  const { value, set, seal, problem } = useParam(nodeId, def.path);
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={problem}>
      <div className="with-unit">
        <input
          id={id}
          type="number"
          step={spec.integer ? 1 : 'any'}
          min={spec.min ?? (spec.exclusiveMin !== undefined ? spec.exclusiveMin + (spec.integer ? 1 : 0) : undefined)}
          value={typeof value === 'number' ? value : ''}
          placeholder={defaultHint(def)}
          aria-label={spec.unit ? `${def.label} (${spec.unit})` : def.label}
          onChange={(e) => {
            const text = e.target.value;
            if (text === '') set(undefined);
            else if (Number.isFinite(Number(text))) set(Number(text));
          }}
          onBlur={seal}
          {...describedBy(id, problem)}
        />
        {spec.unit && <span className="unit">{spec.unit}</span>}
      </div>
    </FieldFrame>
  );
}
