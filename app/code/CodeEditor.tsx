/**
 * The code editor as the rest of the app sees it: Monaco behind React.lazy, so Monaco's
 * chunks (several MB) load only when the user first edits code (until then a code param is a
 * read-only CodeView).
 */
import { Suspense, lazy } from 'react';
import { CODE_FONT_FAMILY, CODE_FONT_SIZE, CODE_LINE_HEIGHT } from './code-font';
import type { CodeWrapper } from './record-types';

export interface CodeEditorProps {
  readonly id: string;
  /** Accessible name of the editor. */
  readonly label: string;
  readonly value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** What the code is checked as (record types upstream, the function it must be); plain TypeScript without. */
  readonly types?: CodeWrapper | undefined;
  /** Focus the editor once it is mounted (it replaces the control the user just used). */
  readonly autoFocus?: boolean;
}

const MonacoCodeEditor = lazy(() => import('./MonacoCodeEditor'));

export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <pre className="code-editor loading" aria-busy="true" style={{ fontFamily: CODE_FONT_FAMILY, fontSize: CODE_FONT_SIZE, lineHeight: `${CODE_LINE_HEIGHT}px` }}>
          {props.value || ' '}
        </pre>
      }
    >
      <MonacoCodeEditor {...props} />
    </Suspense>
  );
}
