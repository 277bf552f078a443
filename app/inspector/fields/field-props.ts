/** What every generated field component receives. */
import type { FieldDef, FormSource } from '../form-model';

export interface FieldProps {
  /** The node whose params the field edits; undefined for the job document's own settings. */
  readonly nodeId: string | undefined;
  /** The node's kind, or `'job'` for the job's settings. */
  readonly kind: FormSource;
  readonly def: FieldDef;
}

/** The placeholder that tells what an absent value means. */
export function defaultHint(def: FieldDef): string {
  if (def.default !== undefined) return `default: ${JSON.stringify(def.default)}`;
  return def.required ? '' : 'not set';
}
