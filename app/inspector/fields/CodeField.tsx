/**
 * A param holding a function: shown read-only at first (no Monaco), and edited in the code
 * editor — Monaco, loaded when the user first edits — type-checked against the records that
 * reach the node. Once opened, the editor stays for as long as the node's inspector is shown.
 */
import { useId, useState } from 'react';
import { CodeEditor } from '../../code/CodeEditor';
import { CodeView } from '../../code/CodeView';
import { useCodeTypes } from '../../code/use-code-types';
import { useParam } from '../use-param';
import type { FieldProps } from './field-props';
import { FieldFrame } from './FieldFrame';

export function CodeField({ nodeId, def }: FieldProps) {
  const id = useId();
  const { value, set, seal, problem } = useParam(nodeId, def.path);
  const [editing, setEditing] = useState(false);
  const code = typeof value === 'string' ? value : '';
  const label = `${def.label} code`;
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={problem} testId={`code-${def.path.join('.')}`}>
      {editing ? (
        <TypedCodeEditor id={id} label={label} nodeId={nodeId} path={def.path.join('.')} value={code} onChange={(c) => set(c === '' ? undefined : c)} onBlur={seal} />
      ) : (
        <CodeView id={id} label={label} value={code} problem={problem} onEdit={() => setEditing(true)} />
      )}
    </FieldFrame>
  );
}

interface TypedCodeEditorProps {
  readonly id: string;
  readonly label: string;
  readonly nodeId: string | undefined;
  readonly path: string;
  readonly value: string;
  onChange(code: string): void;
  onBlur(): void;
}

/** The editor with the code's types: computed only while it is open. */
function TypedCodeEditor({ nodeId, path, ...props }: TypedCodeEditorProps) {
  const types = useCodeTypes(nodeId, path);
  return <CodeEditor {...props} types={types} autoFocus />;
}
