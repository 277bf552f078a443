/** The CLI's output and host I/O: buffered stdout lines, files read and written beside the job. */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { OperatorIO } from '../operators/operator.js';

/** Collects output lines and writes them in large chunks. */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: (text: string) => void) {}
  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.write(text);
  }
}

/** Files resolve against `baseDir` (or `--input` overrides by node id); collect sinks print `{sink, value}` lines to `out`. */
export function nodeIO(baseDir: string, overrides: Map<string, string>, out: { line(text: string): void }): OperatorIO {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const started = new Set<string>();
  return {
    readText(nodeId, path) {
      const file = overrides.get(nodeId) ?? (path !== undefined ? at(path) : undefined);
      if (file === undefined) throw new Error(`no input file: set params.path or pass --input ${nodeId}=FILE`);
      return readFileSync(file, 'utf8');
    },
    appendText(nodeId, path, text) {
      if (path === undefined) throw new Error(`no output file: set params.path of node "${nodeId}"`);
      const file = at(path);
      if (!started.has(file)) {
        started.add(file);
        writeFileSync(file, text);
      } else appendFileSync(file, text);
    },
    collect(nodeId, _subtask, value) {
      out.line(`{"sink":${JSON.stringify(nodeId)},"value":${JSON.stringify(value) ?? 'null'}}`);
    },
  };
}
