/**
 * The code editor: Monaco in TypeScript mode, sized to its content within limits, its code
 * type-checked against the job's records (typed-code). Loaded lazily (see CodeEditor), so the
 * main bundle carries none of Monaco.
 */
import Editor from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { CodeEditorProps } from './CodeEditor';
import { CODE_FONT_FAMILY, CODE_FONT_SIZE, CODE_LINE_HEIGHT } from './code-font';
import { monaco } from './monaco-setup';
import { PLAIN_CODE_WRAPPER } from './record-types';
import { type TypedCodeBinding, bindTypedCode } from './typed-code';

const OPTIONS = {
  minimap: { enabled: false },
  lineNumbers: 'off',
  fontSize: CODE_FONT_SIZE,
  fontFamily: CODE_FONT_FAMILY,
  lineHeight: CODE_LINE_HEIGHT,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  wordWrap: 'on',
  tabSize: 2,
  folding: false,
  renderLineHighlight: 'none',
  overviewRulerLanes: 0,
  // Monaco 0.57's EditContext input drops spaces typed by automation in headless Chromium.
  editContext: false,
  fixedOverflowWidgets: true,
} as const;

export default function MonacoCodeEditor({ id, label, value, onChange, onBlur, types = PLAIN_CODE_WRAPPER, autoFocus = false }: CodeEditorProps) {
  const binding = useRef<TypedCodeBinding | null>(null);
  const latestTypes = useRef(types);
  latestTypes.current = types;
  useEffect(() => binding.current?.update(types), [types]);
  useEffect(
    () => () => {
      binding.current?.dispose();
      binding.current = null;
    },
    [],
  );
  const lines = value.split('\n').length;
  const height = Math.min(320, Math.max(72, lines * CODE_LINE_HEIGHT + 12));
  return (
    <div className="code-editor" id={id}>
      <Editor
        height={height}
        language="typescript"
        theme={typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'light'}
        value={value}
        options={{ ...OPTIONS, ariaLabel: label }}
        onChange={(v) => onChange(v ?? '')}
        onMount={(editor) => {
          editor.onDidBlurEditorText(() => onBlur?.());
          if (autoFocus) editor.focus();
          const model = editor.getModel();
          if (model !== null) {
            binding.current?.dispose();
            binding.current = bindTypedCode(monaco, model, latestTypes.current);
          }
        }}
      />
    </div>
  );
}
