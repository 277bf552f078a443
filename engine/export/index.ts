/**
 * Export to Apache Flink (docs/export.md): `exportFlinkJava` writes a Maven project with the
 * DataStream program, `exportFlinkSql` a Flink SQL script where the job has a SQL form. Headless:
 * the CLI writes the files, the IDE shows the SQL and zips the project. The TypeScript stripper
 * (`strip-types.ts`, sucrase) is imported on its own, so pages load it only when they export.
 */
export { ExportError } from './export-error.js';
export { artifactId, type ExportFile, exportFlinkJava, FLINK_VERSION } from './flink-java.js';
export { exportFlinkSql, flinkSqlDataFiles } from './flink-sql.js';
