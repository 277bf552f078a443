/**
 * The SQL service's Web Worker: dt-sql-parser's FlinkSQL grammar (~800 kB) and the compiler run
 * here, so parsing a script for problems or completions never blocks the page. Compiling runs no
 * user code; the compiled job runs on slot workers like any job.
 */
import * as Comlink from 'comlink';
import { sqlCatalog } from '../../engine/sql/catalog-info';
import { sqlCompletions } from '../../engine/sql/completion';
import { checkSql } from '../../engine/sql/diagnostics';
import { sqlScriptForFlink } from '../../engine/export/flink-sql-script';
import type { SqlService } from './sql-service';

const service: SqlService = {
  check: async (text, name) => checkSql(text, name),
  complete: async (text, line, column) => sqlCompletions(text, line, column),
  catalog: async (text) => sqlCatalog(text),
  forFlink: async (text, name) => sqlScriptForFlink(text, name),
};

declare const self: Comlink.Endpoint;
Comlink.expose(service, self);
