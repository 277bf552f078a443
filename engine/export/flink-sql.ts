/** `eddy export --to flink-sql` (not yet): a Flink SQL script for jobs that have a SQL form. */
import type { JobDocument } from '../graph/schema.js';
import { ExportError } from './export-error.js';

export function exportFlinkSql(_job: JobDocument, _sourceName: string): string {
  throw new ExportError(null, null, 'the flink-sql target is not built yet; export to flink-java');
}

export function exportSqlScript(_text: string, _sourceName: string): string {
  throw new ExportError(null, null, 'the flink-sql target is not built yet; export to flink-java');
}
