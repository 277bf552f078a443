/**
 * The SQL editor: Monaco in Flink SQL (flink-sql-language), filling its pane. Typing updates the
 * script in the store and, once the user pauses, asks the SQL worker for the script's problems,
 * which are underlined at their line:column. Loaded lazily (see SqlPane), like the code editor.
 */
import Editor from '@monaco-editor/react';
import type * as Monaco from 'monaco-editor';
import { useEffect, useRef } from 'react';
import { CODE_FONT_FAMILY, CODE_FONT_SIZE, CODE_LINE_HEIGHT } from '../code/code-font';
import { monaco } from '../code/monaco-setup';
import { useApp, useAppStore } from '../store/app-store';
import { FLINK_SQL, installFlinkSql } from './flink-sql-language';
import { sqlWorkerService } from './sql-service';

installFlinkSql(monaco, sqlWorkerService);

/** How long typing must pause before the script is checked again (ms). */
const LINT_PAUSE_MS = 350;

const OPTIONS = {
  minimap: { enabled: false },
  fontSize: CODE_FONT_SIZE,
  fontFamily: CODE_FONT_FAMILY,
  lineHeight: CODE_LINE_HEIGHT,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  tabSize: 2,
  renderLineHighlight: 'line',
  // Monaco 0.57's EditContext input drops spaces typed by automation in headless Chromium.
  editContext: false,
  fixedOverflowWidgets: true,
  quickSuggestions: { other: true, comments: false, strings: false },
  suggestOnTriggerCharacters: true,
  // Only what the grammar expects at the caret, not every word of the script.
  wordBasedSuggestions: 'off',
} as const;

export default function SqlEditor({ onEditor }: { onEditor?: (editor: Monaco.editor.IStandaloneCodeEditor) => void }) {
  const store = useAppStore();
  const text = useApp((s) => s.sql?.text ?? '');
  const problems = useApp((s) => s.sqlProblems);
  const model = useRef<Monaco.editor.ITextModel | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!model.current) return;
    monaco.editor.setModelMarkers(
      model.current,
      FLINK_SQL,
      problems.map((p) => ({ severity: monaco.MarkerSeverity.Error, message: p.message, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn })),
    );
  }, [problems]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return (
    <Editor
      height="100%"
      language={FLINK_SQL}
      value={text}
      options={{ ...OPTIONS, ariaLabel: 'SQL script' }}
      onChange={(v) => {
        store.getState().setSqlText(v ?? '');
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void store.getState().lintSql(), LINT_PAUSE_MS);
      }}
      onMount={(editor) => {
        model.current = editor.getModel();
        onEditor?.(editor);
        const current = store.getState().sqlProblems;
        if (model.current && current.length > 0)
          monaco.editor.setModelMarkers(
            model.current,
            FLINK_SQL,
            current.map((p) => ({ severity: monaco.MarkerSeverity.Error, message: p.message, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn })),
          );
      }}
    />
  );
}
