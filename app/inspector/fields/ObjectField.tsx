/** A nested object param (a join's window): its fields in a group. */
import type { FieldSpec } from '../form-model';
import { SchemaField } from '../SchemaField';
import type { FieldProps } from './field-props';

export function ObjectField({ nodeId, kind, def }: FieldProps) {
  const spec = def.spec as Extract<FieldSpec, { kind: 'object' }>;
  return (
    <fieldset className="field-group">
      <legend>{def.label}</legend>
      {def.description && <p className="field-help">{def.description}</p>}
      {spec.fields.map((f) => (
        <SchemaField key={f.name} nodeId={nodeId} kind={kind} def={f} />
      ))}
    </fieldset>
  );
}
