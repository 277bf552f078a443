/**
 * The job being edited: the document, its input files, what validation says about it, and
 * the undo history of its edits. Every change of the document goes through `edit`, which
 * records history and re-validates, so problems never lag behind the graph.
 */
import type { InputFile } from '../client/input-files';
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
  readonly files: Readonly<Record<string, InputFile>>;
  /** Every error `validateJob` reports for `doc`; empty when the job can run. */
  readonly problems: readonly JobError[];
  /**
   * TypeScript's errors in the job's code (checked in a worker, `code/type-warnings`): warnings,
   * since the engine runs code that parses. They lag the document by a check; a newly opened job
   * has none until its first check.
   */
  readonly typeWarnings: readonly CodeWarning[];
  /** The warnings of a check of `doc`; ignored when the job changed since. */
  setTypeWarnings(doc: EditableJob, warnings: readonly CodeWarning[]): void;
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
  /** The shared job last declined in this tab (its code never ran): the workspace forgets it. */
  readonly declinedJobId: string | null;
  /**
   * Jobs this tab had open before the current one, the latest last: undo past the current job's
   * first edit reopens the previous job as it was (its own history included); redo goes forward.
   */
  readonly jobStack: JobStack;
  /**
   * Opens a job in place of the current one (open, import, share link, example): history and
   * selection start afresh. The job it replaces stays saved under its own id, and undo brings it
   * back unless `undoable` is false (the first job a tab opens, a declined shared job).
   */
  loadJob(doc: EditableJob, options?: { files?: Readonly<Record<string, InputFile>>; untrustedCode?: readonly CodeListing[] | null; jobId?: string; undoable?: boolean }): void;
  /**
   * Applies an edit. Edits with the same non-null `key` in a row undo as one step (one drag,
   * typing in one field). An edit returning the same document changes nothing.
   */
  edit(change: (doc: EditableJob) => EditableJob, key?: string | null): void;
  /** Ends the current gesture: the next edit is its own undo step. */
  sealHistory(): void;
  undo(): void;
  redo(): void;
  /** A file source's input, by node id or path: a text, or an upload read as the job runs. */
  setFile(key: string, file: InputFile): void;
  acceptCode(): void;
  /** Refuses a shared job's code: the job closes unrun and an empty job takes its place. */
  declineCode(): void;
}

/** A type error in a code param: the node, `params.<path>`, the line in that code, the message. */
export interface CodeWarning {
  readonly nodeId: string;
  readonly field: string;
  readonly line: number;
  readonly message: string;
}

/** A warning in one line: `node "m", field params.code, line 2: Property 'x' does not exist…`. */
export function formatCodeWarning(w: CodeWarning): string {
  return `node "${w.nodeId}", field ${w.field}, line ${w.line}: ${w.message}`;
}

/** A job as it was open: what undo across an "open" brings back. */
export interface OpenJob {
  readonly doc: EditableJob;
  readonly files: Readonly<Record<string, InputFile>>;
  readonly untrustedCode: readonly CodeListing[] | null;
  readonly jobId: string;
  readonly history: History<EditableJob>;
}

export interface JobStack {
  readonly back: readonly OpenJob[];
  readonly forward: readonly OpenJob[];
}

/** How many jobs back undo can reopen. */
const JOB_STACK_LIMIT = 20;

const EMPTY_STACK: JobStack = { back: [], forward: [] };

/** Whether undo has something to take back: an edit of this job, or the opening of it. */
export function canUndo(s: Pick<GraphSlice, 'history' | 'jobStack'>): boolean {
  return s.history.past.length > 0 || s.jobStack.back.length > 0;
}

export function canRedo(s: Pick<GraphSlice, 'history' | 'jobStack'>): boolean {
  return s.history.future.length > 0 || s.jobStack.forward.length > 0;
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

function openJobOf(s: GraphSlice): OpenJob {
  return { doc: s.doc, files: s.files, untrustedCode: s.untrustedCode, jobId: s.jobId, history: seal(s.history) };
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
  /** Puts a job that was open before back in place, with its history, as undo/redo across an open. */
  const reopen = (job: OpenJob, jobStack: JobStack) => {
    get().resetRun();
    set((s) => ({
      doc: job.doc,
      files: job.files,
      problems: validated(job.doc),
      typeWarnings: [],
      history: job.history,
      untrustedCode: job.untrustedCode,
      selectedNodeIds: [],
      selectedEdgeIds: [],
      loadCount: s.loadCount + 1,
      jobId: job.jobId,
      jobStack,
    }));
  };
  return {
    doc: initial,
    files: {},
    problems: problemsOf(initial),
    typeWarnings: [],
    setTypeWarnings: (doc, warnings) => {
      if (get().doc !== doc) return;
      const same = warnings.length === get().typeWarnings.length && warnings.every((w, i) => formatCodeWarning(w) === formatCodeWarning(get().typeWarnings[i]!));
      if (!same) set({ typeWarnings: warnings });
    },
    history: emptyHistory(),
    untrustedCode: null,
    loadCount: 0,
    jobId: newJobId(),
    declinedJobId: null,
    jobStack: EMPTY_STACK,
    loadJob: (doc, options = {}) => {
      get().resetRun();
      set((s) => ({
        jobStack: options.undoable === false || s.loadCount === 0 ? s.jobStack : { back: [...s.jobStack.back, openJobOf(s)].slice(-JOB_STACK_LIMIT), forward: [] },
        doc,
        files: options.files ?? {},
        problems: validated(doc),
        typeWarnings: [],
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
      set({ jobStack: state.jobStack.forward.length > 0 ? { back: state.jobStack.back, forward: [] } : state.jobStack, doc: next, problems: validated(next), history: record(state.history, state.doc, key), ...keepExisting(state, next) });
    },
    sealHistory: () => set((s) => ({ history: seal(s.history) })),
    undo: () => {
      const state = get();
      if (state.sql) return;
      const step = undo(state.history, state.doc);
      if (!step) {
        const previous = state.jobStack.back.at(-1);
        if (previous) reopen(previous, { back: state.jobStack.back.slice(0, -1), forward: [...state.jobStack.forward, openJobOf(state)] });
        return;
      }
      set({ doc: step.value, problems: validated(step.value), history: step.history, ...keepExisting(state, step.value) });
    },
    redo: () => {
      const state = get();
      if (state.sql) return;
      const step = redo(state.history, state.doc);
      if (!step) {
        const next = state.jobStack.forward.at(-1);
        if (next) reopen(next, { back: [...state.jobStack.back, openJobOf(state)], forward: state.jobStack.forward.slice(0, -1) });
        return;
      }
      set({ doc: step.value, problems: validated(step.value), history: step.history, ...keepExisting(state, step.value) });
    },
    setFile: (key, file) => set((s) => ({ files: { ...s.files, [key]: file } })),
    acceptCode: () => set({ untrustedCode: null }),
    declineCode: () => {
      if (!get().untrustedCode) return;
      const declined = get().jobId;
      get().loadJob(emptyJob(), { undoable: false });
      set({ declinedJobId: declined });
      get().notify('Closed the shared job: none of its code ran');
    },
  };
};
