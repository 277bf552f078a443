/** The params of a node, as generated from its kind's schema. */
import { memo } from 'react';
import type { NodeKind } from '../../engine/index';
import { paramFields } from './form-model';
import { SchemaField } from './SchemaField';

export const ParamsForm = memo(function ParamsForm({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const fields = paramFields(kind);
  if (fields.length === 0) return <p className="muted">This kind has no params.</p>;
  return (
    <div className="params-form">
      {fields.map((f) => (
        <SchemaField key={f.name} nodeId={nodeId} kind={kind} def={f} />
      ))}
    </div>
  );
});
