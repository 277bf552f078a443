/** Job files: `eddy/job@1` JSON, as the CLI reads them, with editor positions under `layout`. */
import { formatJobError } from '../../engine/index';
import { validateOnPage } from '../client/job-validation';
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

/**
 * The job in a file's text, or a sentence saying why it is not one. A document the editor cannot
 * hold is explained by every error validation finds in it, as the CLI lists them.
 */
export function parseJobFile(text: string): EditableJob | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `the file is not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const doc = asEditableJob(value);
  if (typeof doc !== 'string') return doc;
  const { result } = validateOnPage(value);
  if (result.ok || result.errors.length < 2) return doc;
  const n = result.errors.length;
  return `${n} problem${n === 1 ? '' : 's'}: ${result.errors.map(formatJobError).join('; ')}`;
}
