/**
 * Reading a job for the CLI (`run`, `trace`): the file, its JSON, validation, the parallelism
 * bound and `--input NODE=FILE`. Every problem is reported on stderr naming the node and the
 * field; the caller exits with 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { formatJobError } from '../graph/errors.js';
import type { JobDocument } from '../graph/schema.js';
import { validateJob } from '../graph/validate.js';
import { parseJsonLinesOrArray } from './input-files.js';
import type { CliStreams } from './main.js';

export interface CliJob {
  readonly job: JobDocument;
  /** The job file's folder: relative paths inside the job resolve against it. */
  readonly baseDir: string;
  /** `--input` files of file sources, by node id. */
  readonly filePaths: Map<string, string>;
  /** With `streamStdin`: the file source that reads standard input as a stream (path "-"). */
  readonly stdinNode?: string;
}

export interface LoadOptions {
  /**
   * `eddy run`: a file source with path "-" reads standard input as a stream, while the job runs
   * (`host/node/stdin-spool`). Else standard input is read to its end first, into a file.
   */
  readonly streamStdin?: boolean;
}

/** The job at `jobPath` (or `compiled`, a SQL script's job, whose folder is `jobPath`'s), checked and with `--input` applied; null after reporting why not. */
export function loadCliJob(jobPath: string, parallelism: number | undefined, inputs: ReadonlyMap<string, string>, streams: CliStreams, compiled?: unknown, options: LoadOptions = {}): CliJob | null {
  let doc: unknown = compiled;
  if (doc === undefined) {
    let text: string;
    try {
      text = readFileSync(jobPath, 'utf8');
    } catch (e) {
      streams.stderr(`eddy: cannot read the job file "${jobPath}": ${(e as Error).message}\n`);
      return null;
    }
    try {
      doc = JSON.parse(text);
    } catch (e) {
      streams.stderr(`eddy: ${jobPath} is not valid JSON: ${(e as Error).message}\n`);
      return null;
    }
  }
  const result = validateJob(doc);
  if (!result.ok) {
    streams.stderr(`eddy: ${jobPath} is not a valid job (${result.errors.length} error${result.errors.length === 1 ? '' : 's'}):\n`);
    for (const e of result.errors) streams.stderr(`  ${formatJobError(e)}\n`);
    return null;
  }
  const job = result.job;
  if (parallelism !== undefined && parallelism > job.maxParallelism) {
    streams.stderr(`eddy: --parallelism ${parallelism} is above the job's maxParallelism ${job.maxParallelism} (the number of key groups); raise maxParallelism or lower --parallelism\n`);
    return null;
  }
  const baseDir = dirname(resolve(jobPath));

  // --input NODE=FILE
  const filePaths = new Map<string, string>();
  for (const [nodeId, file] of inputs) {
    const node = job.nodes.find((n) => n.id === nodeId);
    if (!node) {
      streams.stderr(`eddy: --input ${nodeId}=${file}: the job has no node "${nodeId}"\n`);
      return null;
    }
    if (node.kind === 'source.file' && file === STDIO_PATH) {
      // `--input NODE=-`: the node reads standard input (as a stream), whatever its path says.
      node.params.path = STDIO_PATH;
    } else if (node.kind === 'source.file') {
      filePaths.set(nodeId, resolve(file));
      // The file replaces standard input for every host (the operator sees no "-").
      if (node.params.path === STDIO_PATH) node.params.path = resolve(file);
    }
    else if (node.kind === 'source.collection') {
      try {
        (node.params as { records: unknown[] }).records = parseJsonLinesOrArray(readFileSync(file, 'utf8'), file);
      } catch (e) {
        streams.stderr(`eddy: --input ${nodeId}=${file}: ${(e as Error).message}\n`);
        return null;
      }
    } else {
      streams.stderr(`eddy: --input ${nodeId}=${file}: node "${nodeId}" is a ${node.kind}; --input takes a source.file or source.collection node\n`);
      return null;
    }
  }

  // A file source with path "-" reads standard input: as a stream (`eddy run`), or to its end before the job starts.
  const fromStdin = job.nodes.filter((n) => n.kind === 'source.file' && n.params.path === STDIO_PATH && !filePaths.has(n.id));
  if (fromStdin.length > 1) {
    streams.stderr(`eddy: nodes ${fromStdin.map((n) => `"${n.id}"`).join(', ')} all read standard input (params.path "-"); only one source can\n`);
    return null;
  }
  if (fromStdin.length === 1 && options.streamStdin) return { job: job as JobDocument, baseDir, filePaths, stdinNode: fromStdin[0]!.id };
  if (fromStdin.length === 1) {
    const id = fromStdin[0]!.id;
    let text: string;
    try {
      if (!streams.stdin) throw new Error('there is none here');
      text = streams.stdin();
    } catch (e) {
      streams.stderr(`eddy: node "${id}", params.path "-": cannot read standard input: ${(e as Error).message}\n`);
      return null;
    }
    filePaths.set(id, stdinFile(text));
  }

  return { job: job as JobDocument, baseDir, filePaths };
}

/** The path that means standard input for a file source, standard output for a file sink. */
export const STDIO_PATH = '-';

/**
 * Standard input's text in a file of its own (removed when the process exits): the file source
 * reads it as any file, in whichever thread runs it, and again after a restart.
 */
function stdinFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-stdin-'));
  const file = join(dir, 'stdin');
  writeFileSync(file, text);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return file;
}
