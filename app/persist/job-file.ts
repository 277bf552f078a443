/** Job files: `eddy/job@1` JSON, as the CLI reads them, with editor positions under `layout`. */
import { type EditableJob, asEditableJob } from '../store/job-types';

/** The file text of a job: pretty JSON ending in a newline. */
export function jobFileText(doc: EditableJob): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** A file name for the job, from its name: `Clicks per minute` → `clicks-per-minute.json`. */
export function jobFileName(doc: EditableJob): string {
  const stem = (doc.name ?? 'job').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${stem || 'job'}.json`;
}

/** The job in a file's text, or a sentence saying why it is not one. */
export function parseJobFile(text: string): EditableJob | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `the file is not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  return asEditableJob(value);
}
