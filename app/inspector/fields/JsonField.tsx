/**
 * A param edited as JSON text (a collection's records, anything the form cannot break down).
 * The text is kept while it does not parse, with a message; each parseable state is written.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FieldSpec } from '../form-model';
import { useParam } from '../use-param';
import type { FieldProps } from './field-props';
import { FieldFrame, describedBy } from './FieldFrame';

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

export function JsonField({ nodeId, def }: FieldProps) {
  const spec = def.spec as Extract<FieldSpec, { kind: 'json' }>;
  const id = useId();
  const { value, set, seal, problem } = useParam(nodeId, def.path);
  const [text, setText] = useState(() => show(value));
  const [parseError, setParseError] = useState('');
  const written = useRef(value);
  // Undo, redo or another view changed the value: show it (unless it is what this field wrote).
  useEffect(() => {
    if (value !== written.current) {
      written.current = value;
      setText(show(value));
      setParseError('');
    }
  }, [value]);
  const onChange = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setParseError('');
      written.current = undefined;
      set(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      if (spec.expects === 'array' && !Array.isArray(parsed)) throw new Error('expected a JSON array: [ … ]');
      setParseError('');
      written.current = parsed;
      set(parsed);
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
    }
  };
  const shown = parseError ? `Not saved: ${parseError}` : problem;
  const count = Array.isArray(value) ? `${value.length} item${value.length === 1 ? '' : 's'}` : '';
  return (
    <FieldFrame inputId={id} label={def.label} required={def.required} description={def.description} problem={shown}>
      <textarea id={id} className="mono" rows={8} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} onBlur={seal} {...describedBy(id, shown)} />
      {count && <p className="field-help">{count}</p>}
    </FieldFrame>
  );
}
