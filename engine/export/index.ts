/**
 * Export to Apache Flink (docs/export.md): `exportFlinkJava` writes a Maven project with the
 * DataStream program, `exportFlinkSql` a Flink SQL script where the job has a SQL form. Headless:
 * the CLI writes the files, the IDE shows the SQL and zips the project.
 */
export { ExportError } from './export-error.js';
export { artifactId, type ExportFile, exportFlinkJava, FLINK_VERSION } from './flink-java.js';
export { exportFlinkSql, exportSqlScript, flinkSqlDataFiles } from './flink-sql.js';
export { stripTypes } from './strip-types.js';
