/** A param holding a function, edited in the code editor (Monaco, loaded on first use). */
import { useId } from 'react';
import { CodeEditor } from '../../code/CodeEditor';
import { useParam } from '../use-param';
import type { FieldProps } from './field-props';
import { FieldFrame } from './FieldFrame';

export function CodeField({ nodeId, def }: FieldProps) {
  const id = useId();
  const { value, set, seal, problem } = useParam(nodeId, def.path);
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={problem} testId={`code-${def.path.join('.')}`}>
      <CodeEditor id={id} label={`${def.label} code`} value={typeof value === 'string' ? value : ''} onChange={(code) => set(code === '' ? undefined : code)} onBlur={seal} />
    </FieldFrame>
  );
}
