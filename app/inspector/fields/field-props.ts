/** What every generated field component receives. */
import type { NodeKind } from '../../../engine/index';
import type { FieldDef } from '../form-model';

export interface FieldProps {
  readonly nodeId: string;
  readonly kind: NodeKind;
  readonly def: FieldDef;
}

/** The placeholder that tells what an absent value means. */
export function defaultHint(def: FieldDef): string {
  if (def.default !== undefined) return `default: ${JSON.stringify(def.default)}`;
  return def.required ? '' : 'not set';
}
