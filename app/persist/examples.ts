/**
 * The example jobs shipped in `public/examples`: the gallery's index, and opening one with the
 * input files its file sources read (fetched from the same origin, relative to the example).
 * An entry whose file ends in `.sql` is a Flink SQL script; its filesystem tables' paths are read
 * the same way.
 */
import type { SqlService } from '../sql/sql-service';
import { type EditableJob, asEditableJob } from '../store/job-types';
import type { SqlScript } from '../store/sql-slice';

export interface ExampleEntry {
  readonly file: string;
  readonly title: string;
  readonly description: string;
}

export interface LoadedExample {
  readonly doc: EditableJob;
  /** Input texts by the path the file source names. */
  readonly files: Record<string, string>;
}

/** The example that opens the first time the IDE starts. */
export const FIRST_EXAMPLE = 'clicks-per-minute.json';

function examplesUrl(file: string): URL {
  return new URL(`examples/${file}`, document.baseURI);
}

async function fetchOk(url: URL): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  return res;
}

export async function loadExampleIndex(): Promise<ExampleEntry[]> {
  return (await (await fetchOk(examplesUrl('index.json'))).json()) as ExampleEntry[];
}

export async function loadExample(file: string): Promise<LoadedExample> {
  const url = examplesUrl(file);
  const doc = asEditableJob(await (await fetchOk(url)).json());
  if (typeof doc === 'string') throw new Error(`${file}: ${doc}`);
  const files: Record<string, string> = {};
  for (const node of doc.nodes) {
    const path = node.params?.path;
    if (node.kind === 'source.file' && typeof path === 'string') files[path] = await (await fetchOk(new URL(path, url))).text();
  }
  return { doc, files };
}

/** Whether a gallery entry is a SQL script rather than a job. */
export const isSqlExample = (file: string) => file.endsWith('.sql');

export interface LoadedSqlExample {
  readonly script: SqlScript;
  /** The files its filesystem tables read, by their `path`. */
  readonly files: Record<string, string>;
}

export async function loadSqlExample(file: string, sql: Pick<SqlService, 'catalog'>): Promise<LoadedSqlExample> {
  const url = examplesUrl(file);
  const text = await (await fetchOk(url)).text();
  const files: Record<string, string> = {};
  for (const t of await sql.catalog(text)) if (t.connector === 'filesystem' && t.path !== undefined) files[t.path] = await (await fetchOk(new URL(t.path, url))).text();
  return { script: { name: file.replace(/^.*\//, ''), text }, files };
}
