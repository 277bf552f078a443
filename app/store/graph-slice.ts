/**
 * The job being edited: the document, its input files, what validation says about it, and
 * the undo history of its edits. Every change of the document goes through `edit`, which
 * records history and re-validates, so problems never lag behind the graph.
 */
import type { StateCreator } from 'zustand';
import type { JobError } from '../../engine/index';
import { fullCodeCheck, validateOnPage } from '../client/job-validation';
import type { AppState } from './app-store';
import type { CodeListing } from './code-listing';
import { type History, emptyHistory, record, redo, seal, undo } from './history';
import { type EditableJob, emptyJob } from './job-types';

export interface GraphSlice {
  readonly doc: EditableJob;
  /** Input texts for file sources, by path or by node id. */
  readonly files: Readonly<Record<string, string>>;
  /** Every error `validateJob` reports for `doc`; empty when the job can run. */
  readonly problems: readonly JobError[];
  readonly history: History<EditableJob>;
  /** Code from a shared link the user has not accepted yet; null when there is none to accept. */
  readonly untrustedCode: readonly CodeListing[] | null;
  /** How many jobs were opened so far: views that frame a new job watch it. */
  readonly loadCount: number;
  /**
   * The job's stable identity in this browser (its checkpoints' database is named after it);
   * saved with the workspace, new for every job opened from elsewhere.
   */
  readonly jobId: string;
  /** Replaces the whole job (open, import, share link): history and selection start afresh. */
  loadJob(doc: EditableJob, options?: { files?: Readonly<Record<string, string>>; untrustedCode?: readonly CodeListing[] | null; jobId?: string }): void;
  /**
   * Applies an edit. Edits with the same non-null `key` in a row undo as one step (one drag,
   * typing in one field). An edit returning the same document changes nothing.
   */
  edit(change: (doc: EditableJob) => EditableJob, key?: string | null): void;
  /** Ends the current gesture: the next edit is its own undo step. */
  sealHistory(): void;
  undo(): void;
  redo(): void;
  setFile(key: string, text: string): void;
  acceptCode(): void;
  /** Refuses a shared job's code: the job closes unrun and an empty job takes its place. */
  declineCode(): void;
}

/** A new job id: random, safe in a database name. */
export function newJobId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * What validation says about a document with the code check loaded so far (code that is not
 * plain JavaScript is judged once the full check has loaded: see `client/job-validation`).
 */
export function problemsOf(doc: EditableJob): JobError[] {
  const { result } = validateOnPage(doc);
  return result.ok ? [] : result.errors;
}

/** Selected ids that still exist after a document change. */
function keepExisting(state: AppState, doc: EditableJob): Pick<AppState, 'selectedNodeIds'> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const kept = state.selectedNodeIds.filter((id) => ids.has(id));
  return { selectedNodeIds: kept.length === state.selectedNodeIds.length ? state.selectedNodeIds : kept };
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  const initial = emptyJob();
  /** Problems of `doc` now and, when some code waited for the full code check, again once it loads. */
  const validated = (doc: EditableJob): JobError[] => {
    const { result, complete } = validateOnPage(doc);
    if (!complete) {
      void fullCodeCheck().then(
        () => {
          if (get().doc === doc) set({ problems: problemsOf(doc) });
        },
        (e: unknown) => get().notify(`Could not load the code checker: ${String(e)}`, 'error'),
      );
    }
    return result.ok ? [] : result.errors;
  };
  return {
    doc: initial,
    files: {},
    problems: problemsOf(initial),
    history: emptyHistory(),
    untrustedCode: null,
    loadCount: 0,
    jobId: newJobId(),
    loadJob: (doc, options = {}) => {
      get().resetRun();
      set((s) => ({
        doc,
        files: options.files ?? {},
        problems: validated(doc),
        history: emptyHistory(),
        untrustedCode: options.untrustedCode && options.untrustedCode.length > 0 ? options.untrustedCode : null,
        selectedNodeIds: [],
        selectedEdgeIds: [],
        loadCount: s.loadCount + 1,
        jobId: options.jobId ?? newJobId(),
        // Any job opened leaves SQL mode; a SQL script puts itself back (sql-slice).
        sql: null,
        sqlProblems: [],
        sqlSinks: [],
      }));
    },
    edit: (change, key = null) => {
      const state = get();
      // A job compiled from SQL is read-only until it is converted to an editable job.
      if (state.sql) return;
      const next = change(state.doc);
      if (next === state.doc) return;
      set({ doc: next, problems: validated(next), history: record(state.history, state.doc, key), ...keepExisting(state, next) });
    },
    sealHistory: () => set((s) => ({ history: seal(s.history) })),
    undo: () => {
      const state = get();
      if (state.sql) return;
      const step = undo(state.history, state.doc);
      if (step) set({ doc: step.value, problems: validated(step.value), history: step.history, ...keepExisting(state, step.value) });
    },
    redo: () => {
      const state = get();
      if (state.sql) return;
      const step = redo(state.history, state.doc);
      if (step) set({ doc: step.value, problems: validated(step.value), history: step.history, ...keepExisting(state, step.value) });
    },
    setFile: (key, text) => set((s) => ({ files: { ...s.files, [key]: text } })),
    acceptCode: () => set({ untrustedCode: null }),
    declineCode: () => {
      if (!get().untrustedCode) return;
      get().loadJob(emptyJob());
      get().notify('Closed the shared job: none of its code ran');
    },
  };
};
