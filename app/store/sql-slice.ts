/**
 * The SQL script open in the IDE, when the job comes from SQL. The canvas then shows the job the
 * script compiles to, read-only ("Convert to editable job" turns it into a normal job); Run
 * compiles the script (in the SQL worker) and runs the compiled job on slot workers like any job.
 * Problems are the script's own, at line:column; results are printed with the sinks' SQL types.
 */
import type { StateCreator } from 'zustand';
import type { SinkSchema } from '../../engine/sql/compile';
import type { CatalogTable } from '../../engine/sql/catalog-info';
import type { SqlCheck, SqlProblem } from '../../engine/sql/diagnostics';
import type { SqlScriptForFlink } from '../../engine/export/flink-sql-script';
import { ROW_HEIGHT, depths } from '../layout/place-nodes';
import type { SqlService } from '../sql/sql-service';
import type { AppState } from './app-store';
import type { EditableJob } from './job-types';
import { fileSourceWithoutInput, isActive } from './run-slice';

export interface SqlScript {
  readonly name: string;
  readonly text: string;
}

export interface SqlSlice {
  /** The script the job is compiled from; null for a visual job. */
  readonly sql: SqlScript | null;
  /** The script's problems at the last check (syntax and compile errors, each with its range). */
  readonly sqlProblems: readonly SqlProblem[];
  /** The sinks of the job on the canvas, with their columns' SQL types (how results print). */
  readonly sqlSinks: readonly SinkSchema[];
  /** The last request to put the editor's cursor on a place (`seq` tells two requests apart). */
  readonly sqlReveal: { readonly line: number; readonly column: number; readonly seq: number } | null;
  /** Asks the SQL editor to show `line:column` and put its cursor there (from the Problems tab). */
  revealSql(line: number, column: number): void;
  /** Opens a script: the canvas shows its compiled job once it compiles. */
  openSql(script: SqlScript, options?: { files?: AppState['files']; jobId?: string }): Promise<void>;
  /** The user edited the script. */
  setSqlText(text: string): void;
  /** Checks the script as it is typed: its problems, the canvas left alone. */
  lintSql(): Promise<void>;
  /** Compiles the script and puts its job on the canvas; false with the problems listed when it does not compile. */
  compileSql(): Promise<boolean>;
  /** Compiles, then runs the compiled job. */
  runSql(): Promise<void>;
  /** Compiles a script that is not the open one (an example in the gallery), in the SQL service: nothing in the IDE changes. */
  checkSqlText(text: string, name?: string): Promise<SqlCheck>;
  /** The tables a script creates, from the SQL service (the gallery reads a SQL example's files by their paths). */
  sqlCatalog(text: string): Promise<CatalogTable[]>;
  /** "Export to Flink…" of the open script, as it is now (compiled in the SQL worker); null without a script. */
  sqlForFlink(): Promise<SqlScriptForFlink | null>;
  /** Makes the compiled job a normal, editable job (the script is left behind). */
  convertSqlToJob(): void;
}

/** Why Run is disabled for a SQL script, or null when it can run. */
export function sqlRunBlockerOf(s: Pick<AppState, 'sql' | 'runStatus'>): string | null {
  if (isActive(s.runStatus)) return 'The job is running';
  if (!s.sql || s.sql.text.trim() === '') return 'The script is empty: write a query';
  return null;
}

/**
 * A staircase by depth from the sources: each node right of and below its input. A compiled
 * query is a long chain and the script's pane leaves the canvas narrow, so a row would shrink
 * to nothing; nodes at the same depth (branches) go below one another.
 */
export function placeStaircase(doc: EditableJob): EditableJob {
  const depth = depths(doc);
  const used = new Map<number, number>();
  const layout: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) {
    const d = depth.get(n.id) ?? 0;
    const k = used.get(d) ?? 0;
    used.set(d, k + 1);
    layout[n.id] = { x: d * STEP_X, y: d * STEP_Y + k * ROW_HEIGHT };
  }
  return { ...doc, layout };
}

const STEP_X = 170;
const STEP_Y = 80;

/** A file name's stem, as the job's name. */
const stem = (name: string) => name.replace(/^.*\//, '').replace(/\.sql$/i, '');

export const createSqlSlice =
  (service: SqlService): StateCreator<AppState, [], [], SqlSlice> =>
  (set, get) => {
    /** Bumped by every compile, so an older answer never overwrites a newer one. */
    let compiles = 0;
    return {
      sql: null,
      sqlProblems: [],
      sqlSinks: [],
      sqlReveal: null,
      revealSql: (line, column) => set((st) => ({ sqlReveal: { line, column, seq: (st.sqlReveal?.seq ?? 0) + 1 } })),
      openSql: async (script, options = {}) => {
        get().loadJob({ format: 'eddy/job@1', name: stem(script.name), parallelism: 1, nodes: [], edges: [], layout: {} }, { files: options.files ?? {}, ...(options.jobId ? { jobId: options.jobId } : {}) });
        set({ sql: script, sqlProblems: [], sqlSinks: [] });
        await get().compileSql();
      },
      setSqlText: (text) => set((s) => (s.sql ? { sql: { ...s.sql, text } } : {})),
      lintSql: async () => {
        const script = get().sql;
        if (!script) return;
        const mine = ++compiles;
        const result = await service.check(script.text, stem(script.name));
        if (mine !== compiles || get().sql?.text !== script.text) return;
        set({ sqlProblems: result.ok ? [] : result.problems });
      },
      compileSql: async () => {
        const script = get().sql;
        if (!script) return false;
        const mine = ++compiles;
        const result = await service.check(script.text, stem(script.name));
        if (mine !== compiles || get().sql !== script) return result.ok;
        if (!result.ok) {
          set({ sqlProblems: result.problems });
          return false;
        }
        // The compiled job takes the canvas: a load (no undo into it), the script and files kept.
        const { files, jobId } = get();
        get().loadJob(placeStaircase(result.job as unknown as EditableJob), { files, jobId });
        set({ sql: script, sqlProblems: [], sqlSinks: result.sinks });
        return true;
      },
      checkSqlText: (text, name) => service.check(text, name),
      sqlCatalog: (text) => service.catalog(text),
      sqlForFlink: async () => {
        const script = get().sql;
        return script ? service.forFlink(script.text, stem(script.name)) : null;
      },
      runSql: async () => {
        if (sqlRunBlockerOf(get()) !== null) return;
        const ok = await get().compileSql();
        if (!ok) {
          const n = get().sqlProblems.length;
          get().notify(`The script has ${n} problem${n === 1 ? '' : 's'}: fix ${n === 1 ? 'it' : 'them'} to run`, 'error');
          return;
        }
        const unread = fileSourceWithoutInput(get().doc, get().files);
        if (unread !== null) {
          const path = get().doc.nodes.find((n) => n.id === unread)?.params?.path;
          get().notify(`Upload the file of table ${unread} first (${typeof path === 'string' ? path : 'its path'}): the browser cannot read the script's folder`, 'error');
          return;
        }
        get().runJob();
      },
      convertSqlToJob: () => {
        if (!get().sql) return;
        set({ sql: null, sqlProblems: [] });
        get().notify('Converted to an editable job: the SQL script is no longer attached');
      },
    };
  };
