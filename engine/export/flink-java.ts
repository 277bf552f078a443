/**
 * `eddy export --to flink-java`: a Maven project that runs the job on Apache Flink — pom.xml
 * (Flink pinned, a shaded fat jar), Job.java (java-job.ts), the eddy.runtime support classes and
 * the JavaScript bridge (flink-runtime/), the node's code and collection records as resources, and
 * a README. Pure: returns the files; the CLI writes them, the IDE zips them.
 */
import type { JobDocument } from '../graph/schema.js';
import type { SinkSchema } from '../sql/compile.js';
import { javaScriptSyntaxError } from '../udf/code-syntax.js';
import { FLINK_RUNTIME_FILES } from './flink-runtime-files.js';
import { writeJavaJob } from './java-job.js';
import { projectReadme } from './java-readme.js';
import { pomXml } from './pom.js';

/** Flink release the exported projects build against. */
export const FLINK_VERSION = '2.3.0';
/** GraalJS (community) release: 23.1 is the last line that runs on Java 17. */
export const GRAALJS_VERSION = '23.1.8';
export const JAVA_PACKAGE = 'eddy.job';

export interface ExportFile {
  readonly path: string;
  readonly text: string;
}

export interface ExportJavaOptions {
  /** Where the job came from (file name), for comments and the README. */
  readonly sourceName: string;
  /**
   * Turns TypeScript code params into JavaScript (GraalJS runs JavaScript only). The CLI passes
   * sucrase's; absent, TypeScript code is an error naming the node.
   */
  readonly stripTypes?: (code: string) => string;
  /**
   * The script the job was compiled from, for SQL jobs. Every node of its plan exports as a
   * DataStream operator (the changelog ones as eddy.runtime classes), so the script itself is not
   * run; it is kept for callers that pass it along.
   */
  readonly sql?: string | undefined;
  /**
   * The script's sink tables (its compile result's `sinks`): their collect sinks print the lines
   * `eddy run SCRIPT.sql` prints — the op, the columns in order, DECIMAL with its scale.
   */
  readonly sqlSinks?: readonly SinkSchema[] | undefined;
}

/** Runtime classes a project carries only when its Job.java names them. */
const WHEN_USED = /\/(GroupAggregate|Rank|RegularJoin|SemiAntiJoin|TemporalJoin|SqlIntervalJoin|SqlRowLine|PacedRecords|SteadyRate)\.java$/;

/** Slug of the job's name for the Maven artifactId. */
export function artifactId(job: JobDocument, sourceName: string): string {
  const base = (job.name ?? sourceName.replace(/\.[^.]+$/, '')).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (base || 'eddy-job').slice(0, 60).replace(/-+$/, '');
}

/** Every file of the Maven project, paths relative to its root, sorted. */
export function exportFlinkJava(job: JobDocument, options: ExportJavaOptions): ExportFile[] {
  const sinks = options.sqlSinks ? new Map(options.sqlSinks.map((s) => [s.name, s])) : undefined;
  const java = writeJavaJob(job, JAVA_PACKAGE, options.sourceName, sinks);
  // SqlIntervalJoin runs its condition in GraalJS, so a project with one needs it.
  const usesCode = java.code.length > 0 || /\bSqlIntervalJoin\b/.test(java.source);
  const artifact = artifactId(job, options.sourceName);
  const files: ExportFile[] = [
    { path: 'pom.xml', text: pomXml({ artifactId: artifact, name: job.name ?? options.sourceName, connectors: java.connectors, graalJs: usesCode, flinkVersion: FLINK_VERSION, graalVersion: GRAALJS_VERSION }) },
    { path: 'README.md', text: projectReadme(job, { artifactId: artifact, sourceName: options.sourceName, usesCode, flinkVersion: FLINK_VERSION }) },
    { path: `src/main/java/${JAVA_PACKAGE.replace(/\./g, '/')}/Job.java`, text: java.source },
  ];
  for (const f of FLINK_RUNTIME_FILES) {
    const used = WHEN_USED.exec(f.path)?.[1];
    if (used !== undefined && !new RegExp(`\\b${used}\\b`).test(java.source)) continue;
    // The bridge and the JavaScript wrappers matter only to jobs with code.
    if (!usesCode && (f.path.endsWith('.js') || /\/Js[A-Z]\w*\.java$|\/FunctionHost\.java$/.test(f.path))) continue;
    // Datagen.java implements the datagen connector's GeneratorFunction.
    if (!java.connectors.has('datagen') && f.path.endsWith('/Datagen.java')) continue;
    // The CEP wrappers need flink-cep, a dependency only jobs with a cep.pattern node have.
    if (!java.connectors.has('cep') && /\/(JsCondition|JsPatternProcess)\.java$/.test(f.path)) continue;
    files.push(f);
  }
  for (const c of java.code) {
    let code = c.code;
    if (javaScriptSyntaxError(code) !== null) {
      if (!options.stripTypes) throw new Error(`node ${c.nodeId}, params.${c.field}: TypeScript code needs the type stripper`);
      code = options.stripTypes(code);
    }
    files.push({ path: `src/main/resources/functions/${c.nodeId}.${c.field}.js`, text: code.endsWith('\n') ? code : code + '\n' });
  }
  for (const d of java.data) {
    files.push({ path: `src/main/resources/data/${d.nodeId}.jsonl`, text: d.records.map((r) => JSON.stringify(r)).join('\n') + (d.records.length ? '\n' : '') });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
