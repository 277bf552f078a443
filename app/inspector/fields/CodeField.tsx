/**
 * A param holding a function, edited in the code editor (Monaco, loaded on first use) and
 * type-checked against the records that reach the node.
 */
import { useId } from 'react';
import { CodeEditor } from '../../code/CodeEditor';
import { useCodeTypes } from '../../code/use-code-types';
import { useParam } from '../use-param';
import type { FieldProps } from './field-props';
import { FieldFrame } from './FieldFrame';

export function CodeField({ nodeId, def }: FieldProps) {
  const id = useId();
  const { value, set, seal, problem } = useParam(nodeId, def.path);
  const types = useCodeTypes(nodeId, def.path.join('.'));
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={problem} testId={`code-${def.path.join('.')}`}>
      <CodeEditor id={id} label={`${def.label} code`} value={typeof value === 'string' ? value : ''} onChange={(code) => set(code === '' ? undefined : code)} onBlur={seal} types={types} />
    </FieldFrame>
  );
}
