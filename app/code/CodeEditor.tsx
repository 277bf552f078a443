/**
 * The code editor as the rest of the app sees it: Monaco behind React.lazy, so Monaco's
 * chunks (several MB) load only when a code param is first shown.
 */
import { Suspense, lazy } from 'react';
import type { CodeWrapper } from './record-types';

export interface CodeEditorProps {
  readonly id: string;
  /** Accessible name of the editor. */
  readonly label: string;
  readonly value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** What the code is checked as (record types upstream, the function it must be); plain TypeScript without. */
  readonly types?: CodeWrapper;
}

const MonacoCodeEditor = lazy(() => import('./MonacoCodeEditor'));

export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <pre className="code-editor loading" aria-busy="true">
          {props.value || ' '}
        </pre>
      }
    >
      <MonacoCodeEditor {...props} />
    </Suspense>
  );
}
