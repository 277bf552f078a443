/**
 * The IDE's commands as data. Toolbar buttons and keyboard shortcuts both run them through
 * the dispatcher. What touches the browser (files, clipboard, the page address, the canvas) is
 * the injected `CommandEnv`, so the commands themselves run anywhere.
 */
import { autoLayout } from '../layout/auto-layout';
import { placeUnpositioned } from '../layout/place-nodes';
import { jobFileName, jobFileText, parseJobFile } from '../persist/job-file';
import { linkTooLong, shareLinkFor } from '../persist/share-link';
import type { AppState, AppStore } from '../store/app-store';
import { edgeIdsOf, moveNodes } from '../store/graph-ops';
import { canRedo, canUndo } from '../store/graph-slice';
import { emptyJob } from '../store/job-types';
import { resultsAsJsonLines } from '../store/result-buffer';
import { hasCheckpointing, isActive, runBlockerOf } from '../store/run-slice';
import { sqlRunBlockerOf } from '../store/sql-slice';
import { STARTER_SQL } from '../sql/starter-sql';
import type { Command } from './dispatcher';

export interface CommandEnv {
  download(text: string, fileName: string, type: string): void;
  pickFile(accept: string): Promise<{ name: string; text: string } | null>;
  /** Puts text on the system clipboard; false when the browser refused. */
  copyText(text: string): Promise<boolean>;
  /** The page's address (a share link points here). */
  pageUrl(): string;
  /** Saves the workspace now. */
  saveNow(): Promise<void>;
  /** Measured node sizes on the canvas, for layout. */
  nodeSizes(): ReadonlyMap<string, { width: number; height: number }>;
  fitView(): void;
}

const always = (): true => true;

/** "2 type warnings (see Problems)", or '' for none. */
function typeWarningNote(n: number): string {
  return n === 0 ? '' : `${n} type warning${n === 1 ? '' : 's'} in the code (see Problems)`;
}

/** Lab commands work while the lab has a job open. */
const labReady = (st: AppState): true | string => (st.labStatus === 'ready' ? true : 'Open the lab first');

/** Savepoints are taken of a running job with a checkpointing block. */
const savepointAllowed = (st: AppState): true | string =>
  st.runStatus !== 'running' ? 'Only while the job runs' : hasCheckpointing(st.doc) ? true : 'Savepoints need the job\'s checkpointing block';

export function createAppCommands(store: AppStore, env: CommandEnv): Command<AppState>[] {
  const s = () => store.getState();
  /** Takes a savepoint (then stops the job, with `stop`) and offers it as a download. */
  const downloadSavepoint = (stop: boolean) =>
    void s()
      .takeSavepoint({ stop })
      .then(
        (text) => {
          const id = (JSON.parse(text) as { metadata: { id: number } }).metadata.id;
          env.download(text, `${jobFileName(s().doc).replace(/\.json$/, '')}-savepoint-${id}.json`, 'application/json');
          s().notify(stop ? `Stopped with savepoint ${id} (downloaded)` : `Savepoint ${id} taken and downloaded`);
        },
        (e: unknown) => s().notify(`Savepoint failed: ${e instanceof Error ? e.message : String(e)}`, 'error'),
      );
  return [
    {
      id: 'run',
      label: 'Run',
      shortcuts: ['Mod+Enter'],
      whileTyping: true,
      // A SQL script compiles first (in the SQL worker), then runs like any job.
      enabled: (st) => (st.sql ? sqlRunBlockerOf(st) : runBlockerOf(st)) ?? true,
      note: (st) => typeWarningNote(st.typeWarnings.length),
      perform: () => {
        if (s().sql) return void s().runSql();
        const n = s().typeWarnings.length;
        s().runJob();
        if (n > 0) s().notify(`Running with ${typeWarningNote(n)}`);
      },
    },
    {
      id: 'stop',
      label: 'Stop',
      enabled: (st) => (isActive(st.runStatus) ? true : 'No job is running'),
      perform: () => s().stopJob(),
    },
    {
      id: 'killSlot',
      label: 'Kill a slot',
      // Fault injection: with checkpointing and a restart strategy the job recovers exactly once.
      enabled: (st) => (st.runStatus === 'running' ? true : 'Only while the job runs'),
      perform: () => {
        s().killSlot();
        s().notify('Killed a slot worker');
      },
    },
    {
      id: 'savepoint',
      label: 'Take savepoint',
      enabled: savepointAllowed,
      perform: () => downloadSavepoint(false),
    },
    {
      id: 'stopWithSavepoint',
      label: 'Stop with savepoint',
      enabled: savepointAllowed,
      perform: () => downloadSavepoint(true),
    },
    {
      id: 'importSavepoint',
      label: 'Import savepoint',
      enabled: (st) => (isActive(st.runStatus) ? 'The job is running' : true),
      perform: () => s().openDialog('savepoint'),
    },
    {
      id: 'lab',
      label: 'Lab',
      shortcuts: ['Mod+Shift+L'],
      enabled: (st) => (isActive(st.runStatus) ? 'Stop the run to step the job in the lab' : true),
      perform: () => (s().labStatus === 'off' ? s().enterLab() : s().leaveLab()),
    },
    {
      id: 'lessons',
      label: 'Lessons',
      enabled: (st) => (isActive(st.runStatus) ? 'Stop the run to take a lesson' : true),
      perform: () => s().openDialog('lessons'),
    },
    {
      id: 'labStep',
      label: 'Step',
      shortcuts: ['ArrowRight'],
      enabled: labReady,
      perform: () => void s().labStep(),
    },
    {
      id: 'labStepBack',
      label: 'Step back',
      shortcuts: ['ArrowLeft'],
      enabled: (st) => (labReady(st) === true && st.labPosition === 0 ? 'At the first step' : labReady(st)),
      perform: () => void s().labStepBack(),
    },
    {
      id: 'labPlayPause',
      label: 'Play / Pause',
      shortcuts: [' '],
      enabled: labReady,
      perform: () => (s().labPlaying ? s().labPause() : s().labPlay()),
    },
    {
      id: 'undo',
      label: 'Undo',
      shortcuts: ['Mod+Z'],
      enabled: (st) => (canUndo(st) ? true : 'Nothing to undo'),
      perform: () => s().undo(),
    },
    {
      id: 'redo',
      label: 'Redo',
      shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
      enabled: (st) => (canRedo(st) ? true : 'Nothing to redo'),
      perform: () => s().redo(),
    },
    {
      id: 'delete',
      label: 'Delete',
      shortcuts: ['Delete', 'Backspace'],
      enabled: (st) => (st.selectedNodeIds.length + st.selectedEdgeIds.length > 0 ? true : 'Nothing is selected'),
      perform: () => s().deleteSelection(),
    },
    {
      id: 'selectAll',
      label: 'Select all',
      shortcuts: ['Mod+A'],
      enabled: (st) => (st.doc.nodes.length > 0 ? true : 'The job is empty'),
      perform: () => s().select(s().doc.nodes.map((n) => n.id), edgeIdsOf(s().doc.edges)),
    },
    {
      id: 'copy',
      label: 'Copy',
      shortcuts: ['Mod+C'],
      enabled: (st) => (st.selectedNodeIds.length > 0 ? true : 'Select nodes to copy'),
      perform: () => s().copySelection(),
    },
    {
      id: 'paste',
      label: 'Paste',
      shortcuts: ['Mod+V'],
      enabled: (st) => (st.clipboard ? true : 'Copy nodes first'),
      perform: () => s().paste(),
    },
    {
      id: 'save',
      label: 'Save',
      shortcuts: ['Mod+S'],
      whileTyping: true,
      enabled: always,
      perform: () => void env.saveNow().then(() => s().notify('Saved in this browser')),
    },
    {
      id: 'new',
      label: 'New job',
      enabled: always,
      // A job of its own: the one open stays saved, and undo brings it back.
      perform: () => {
        s().loadJob(emptyJob());
        s().notify('New job: the previous one stays in Saved jobs (Undo reopens it)');
      },
    },
    {
      id: 'newSql',
      label: 'New SQL script',
      enabled: (st) => (isActive(st.runStatus) ? 'The job is running' : true),
      perform: () => void s().openSql({ name: 'query.sql', text: STARTER_SQL }),
    },
    {
      id: 'convertSql',
      label: 'Convert to editable job',
      enabled: (st) => (st.sql ? (isActive(st.runStatus) ? 'The job is running' : true) : 'The job is not compiled from SQL'),
      perform: () => s().convertSqlToJob(),
    },
    {
      id: 'import',
      label: 'Import job',
      enabled: always,
      perform: () =>
        void env.pickFile('.json,application/json').then((file) => {
          if (!file) return;
          const doc = parseJobFile(file.text);
          if (typeof doc === 'string') return s().notify(`Could not import ${file.name}: ${doc}`, 'error');
          s().loadJob(placeUnpositioned(doc));
          s().notify(`Imported ${file.name} as a new job (Undo reopens the previous one)`);
        }),
    },
    {
      id: 'export',
      label: 'Export job',
      enabled: always,
      perform: () => env.download(jobFileText(s().doc), jobFileName(s().doc), 'application/json'),
    },
    {
      id: 'exportFlink',
      label: 'Export to Flink',
      enabled: (st) => (st.doc.nodes.length > 0 ? true : 'The job is empty'),
      perform: () => s().openDialog('flink'),
    },
    {
      id: 'share',
      label: 'Copy share link',
      enabled: (st) => (st.doc.nodes.length > 0 ? true : 'The job is empty'),
      perform: () => {
        const link = shareLinkFor(s().doc, env.pageUrl());
        s().setShareLink(link);
        s().openDialog('share');
        const tooLong = linkTooLong(link);
        if (tooLong !== null) return s().notify(`No share link: ${tooLong}`, 'error');
        void env.copyText(link).then((ok) => s().notify(ok ? 'Share link copied to the clipboard' : 'Copy the share link from the dialog'));
      },
    },
    {
      id: 'downloadResults',
      label: 'Download results',
      enabled: (st) => (st.results.total > 0 ? true : 'No results yet: run the job'),
      perform: () => env.download(resultsAsJsonLines(s().results.records()), 'results.jsonl', 'application/x-ndjson'),
    },
    {
      id: 'autoLayout',
      label: 'Auto-layout',
      enabled: (st) => (st.doc.nodes.length > 0 ? true : 'The job is empty'),
      perform: () =>
        void autoLayout(s().doc, env.nodeSizes()).then(
          (positions) => {
            s().edit((d) => moveNodes(d, positions));
            env.fitView();
          },
          (e: unknown) => s().notify(`Auto-layout failed: ${String(e)}`, 'error'),
        ),
    },
    {
      id: 'savedJobs',
      label: 'Saved jobs',
      shortcuts: ['Mod+O'],
      enabled: always,
      perform: () => s().openDialog('savedJobs'),
    },
    {
      id: 'examples',
      label: 'Examples',
      enabled: always,
      perform: () => s().openDialog('examples'),
    },
  ];
}
