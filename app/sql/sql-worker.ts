/**
 * The SQL service's Web Worker: dt-sql-parser's FlinkSQL grammar (~800 kB) and the compiler run
 * here, so parsing a script for problems or completions never blocks the page. Compiling runs no
 * user code; the compiled job runs on slot workers like any job.
 */
import * as Comlink from 'comlink';
import { sqlCatalog } from '../../engine/sql/catalog-info';
import { sqlCompletions } from '../../engine/sql/completion';
import { checkSql } from '../../engine/sql/diagnostics';
import type { SqlService } from './sql-service';

const service: SqlService = {
  check: async (text, name) => checkSql(text, name),
  complete: async (text, line, column) => sqlCompletions(text, line, column),
  catalog: async (text) => sqlCatalog(text),
};

declare const self: Comlink.Endpoint;
Comlink.expose(service, self);
