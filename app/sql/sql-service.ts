/**
 * What the IDE asks of SQL (problems, completions, the script's tables, the compiled job), as an
 * interface: the browser's implementation is a Web Worker (`sqlWorkerService`), started on first
 * use — the parser lives in the worker's own chunk, never in the main bundle; tests hand in one that runs in their thread.
 */
import * as Comlink from 'comlink';
import type { CatalogTable } from '../../engine/sql/catalog-info';
import type { SqlCompletion } from '../../engine/sql/completion';
import type { SqlCheck } from '../../engine/sql/diagnostics';
import type { SqlScriptForFlink } from '../../engine/export/flink-sql-script';

export interface SqlService {
  /** Compiles the script: its job, or every problem at its range. */
  check(text: string, name?: string): Promise<SqlCheck>;
  /** Completions at a 1-based line and column. */
  complete(text: string, line: number, column: number): Promise<SqlCompletion[]>;
  /** The tables the script creates. */
  catalog(text: string): Promise<CatalogTable[]>;
  /** For "Export to Flink…": the job the script compiles to with its sinks, and the script made runnable by Flink's SQL client. */
  forFlink(text: string, name: string): Promise<SqlScriptForFlink>;
}

let worker: Promise<SqlService> | null = null;

/** The page's one SQL worker, started on first use. */
export function sqlWorkerService(): Promise<SqlService> {
  worker ??= Promise.resolve().then(() => {
    const w = new Worker(new URL('./sql-worker.ts', import.meta.url), { type: 'module', name: 'eddy-sql' });
    return Comlink.wrap<SqlService>(w) as unknown as SqlService;
  });
  return worker;
}

/** A service that defers to the worker, for the store's default. */
export const workerSqlService: SqlService = {
  check: async (text, name) => (await sqlWorkerService()).check(text, name),
  complete: async (text, line, column) => (await sqlWorkerService()).complete(text, line, column),
  catalog: async (text) => (await sqlWorkerService()).catalog(text),
  forFlink: async (text, name) => (await sqlWorkerService()).forFlink(text, name),
};
