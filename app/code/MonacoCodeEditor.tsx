/**
 * The code editor: Monaco in TypeScript mode, sized to its content within limits. Loaded
 * lazily (see CodeEditor), so the main bundle carries none of Monaco.
 */
import Editor from '@monaco-editor/react';
import './monaco-setup';
import type { CodeEditorProps } from './CodeEditor';

const OPTIONS = {
  minimap: { enabled: false },
  lineNumbers: 'off',
  fontSize: 12,
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

export default function MonacoCodeEditor({ id, label, value, onChange, onBlur }: CodeEditorProps) {
  const lines = value.split('\n').length;
  const height = Math.min(320, Math.max(72, lines * 18 + 12));
  return (
    <div className="code-editor" id={id}>
      <Editor
        height={height}
        language="typescript"
        value={value}
        options={{ ...OPTIONS, ariaLabel: label }}
        onChange={(v) => onChange(v ?? '')}
        onMount={(editor) => {
          editor.onDidBlurEditorText(() => onBlur?.());
        }}
      />
    </div>
  );
}
