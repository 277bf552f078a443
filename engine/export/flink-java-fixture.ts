/**
 * What the export's tests share (flink-java.test.ts, flink-java-kinds.test.ts): a validated job
 * from a literal, and the exported project's files by path.
 */
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import { exportFlinkJava } from './flink-java.js';
import { stripTypes } from './strip-types.js';

export function job(doc: unknown): JobDocument {
  const v = validateJob(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.job as JobDocument;
}

export const files = (doc: JobDocument) => new Map(exportFlinkJava(doc, { sourceName: 'job.json', stripTypes }).map((f) => [f.path, f.text]));
export const jobJava = (doc: JobDocument) => files(doc).get('src/main/java/eddy/job/Job.java')!;
