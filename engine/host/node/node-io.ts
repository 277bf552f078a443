/**
 * The CLI's I/O on Node: file sources read files (relative paths against the job file's folder,
 * or the --input overrides), file sinks write them (path "-": standard output, as lines of the
 * output stream), and every collected record becomes one JSON
 * line `{"sink": id, "value": record}`, with `"op"` (`-U`, `+U`, `-D`) before the value when
 * the record is not an INSERT (a changelog row). Used on the main thread (worker slots) and in the inline
 * host's thread.
 */
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { type OperatorIO, ROW_KIND_SHORT, type StreamedLines } from '../../operators/operator.js';
import { fileFetch } from './file-fetch.js';
import { LineReader } from '../line-reader.js';
import { fileBytes } from './file-bytes.js';

/**
 * `line` receives each output line, without its newline. `readLines`: standard input as a stream
 * (`host/node/stdin-spool`, or a message to the thread that owns it), for a file source with path "-".
 * `streamFiles`: file sources' files are streamed too (`host/line-reader` over `node/file-bytes`, in chunks of
 * `chunkBytes`), never read whole.
 */
export function nodeIO(
  baseDir: string,
  overrides: ReadonlyMap<string, string>,
  line: (text: string) => void,
  readLines?: (nodeId: string, fromLine: number) => Promise<StreamedLines>,
  streamFiles?: { chunkBytes?: number },
): OperatorIO {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const fileOf = (nodeId: string, path: string | undefined) => {
    const file = overrides.get(nodeId) ?? (path !== undefined ? at(path) : undefined);
    if (file === undefined) throw new Error(`no input file: set params.path or pass --input ${nodeId}=FILE`);
    return file;
  };
  const started = new Set<string>();
  // Streamed files: one chunked reader per source node (only subtask 0 of a file source reads).
  const readers = new Map<string, LineReader>();
  const streamed = streamFiles
    ? {
        streamsFiles: true,
        async readLines(nodeId: string, fromLine: number, path?: string, fromByte?: number): Promise<StreamedLines> {
          if (path === '-' && !overrides.has(nodeId)) {
            if (readLines === undefined) throw new Error('this host has no standard input');
            return readLines(nodeId, fromLine);
          }
          let reader = readers.get(nodeId);
          if (reader === undefined) readers.set(nodeId, (reader = new LineReader(fileBytes(fileOf(nodeId, path)), streamFiles.chunkBytes)));
          return reader.read(fromLine, fromByte);
        },
      }
    : readLines
      ? { readLines }
      : {};
  return {
    fetch: fileFetch(baseDir),
    ...streamed,
    readText(nodeId, path) {
      return readFileSync(fileOf(nodeId, path), 'utf8');
    },
    checkInput(nodeId, path) {
      if (path === '-' && !overrides.has(nodeId)) return;
      const file = fileOf(nodeId, path);
      let isFile: boolean;
      try {
        isFile = statSync(file).isFile();
      } catch (e) {
        throw new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(e as Error).message}`);
      }
      if (!isFile) throw new Error(`${file} is not a file`);
    },
    appendText(nodeId, path, text) {
      if (path === undefined) throw new Error(`no output file: set params.path of node "${nodeId}"`);
      if (path === '-') {
        // Standard output: the lines join the output stream, in order with the collected records.
        const lines = text.endsWith('\n') ? text.slice(0, -1) : text;
        for (const l of lines.split('\n')) line(l);
        return;
      }
      const file = at(path);
      if (!started.has(file)) {
        started.add(file);
        writeFileSync(file, text);
      } else appendFileSync(file, text);
    },
    collect(nodeId, _subtask, value, kind) {
      const op = kind ? `"op":"${ROW_KIND_SHORT[kind]}",` : '';
      line(`{"sink":${JSON.stringify(nodeId)},${op}"value":${JSON.stringify(value) ?? 'null'}}`);
    },
  };
}
