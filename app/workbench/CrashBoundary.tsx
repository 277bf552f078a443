/**
 * The last line of defence against a blank page: an error while rendering (a job whose document
 * the editor cannot draw, a bug) shows what went wrong and a way on — an empty job in place of the
 * one that failed — instead of React unmounting the whole IDE.
 */
import { Component, type ReactNode } from 'react';
import type { AppStore } from '../store/app-store';
import { emptyJob } from '../store/job-types';

interface Props {
  readonly store: AppStore;
  readonly children: ReactNode;
}

export class CrashBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error('The IDE could not draw the page:', error);
  }

  private readonly startOver = () => {
    // Not undoable: undo would bring back the job that could not be drawn.
    this.props.store.getState().loadJob(emptyJob(), { undoable: false });
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <main className="crash" role="alert" aria-label="The IDE hit an error">
        <h1>The IDE could not show this job</h1>
        <p>{error.message}</p>
        <p>An empty job can take its place; the saved jobs (Job menu) keep what was saved before.</p>
        <button type="button" className="primary" onClick={this.startOver}>
          Open an empty job
        </button>
      </main>
    );
  }
}
