/**
 * The CLI's I/O on Node: file sources read files (relative paths against the job file's folder,
 * or the --input overrides), file sinks write them (path "-": standard output, as lines of the
 * output stream), and every collected record becomes one JSON
 * line `{"sink": id, "value": record}`, with `"op"` (`-U`, `+U`, `-D`) before the value when
 * the record is not an INSERT (a changelog row). Used on the main thread (worker slots) and in the inline
 * host's thread.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { type OperatorIO, ROW_KIND_SHORT, type StreamedLines } from '../../operators/operator.js';
import { fileFetch } from './file-fetch.js';

/**
 * `line` receives each output line, without its newline. `readLines`: standard input as a stream
 * (`host/node/stdin-spool`, or a message to the thread that owns it), for a file source with path "-".
 */
export function nodeIO(
  baseDir: string,
  overrides: ReadonlyMap<string, string>,
  line: (text: string) => void,
  readLines?: (nodeId: string, fromLine: number) => Promise<StreamedLines>,
): OperatorIO {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const started = new Set<string>();
  return {
    fetch: fileFetch(baseDir),
    ...(readLines ? { readLines } : {}),
    readText(nodeId, path) {
      const file = overrides.get(nodeId) ?? (path !== undefined ? at(path) : undefined);
      if (file === undefined) throw new Error(`no input file: set params.path or pass --input ${nodeId}=FILE`);
      return readFileSync(file, 'utf8');
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
