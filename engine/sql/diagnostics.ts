/**
 * The problems the editor underlines: every syntax and compile error of a script, each with the
 * range of the word it points at (1-based lines and columns, the end exclusive), so an editor can
 * mark it without knowing SQL.
 */
import type { JobDocument } from '../graph/schema.js';
import { quietly } from './catalog-info.js';
import { compileSql, type SinkSchema } from './compile.js';

export interface SqlProblem {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

export type SqlCheck = { ok: true; job: JobDocument; sinks: SinkSchema[]; explain: string[] } | { ok: false; problems: SqlProblem[] };

/** Compiles `text` (named `name`): the job, or every problem with its range. */
export function checkSql(text: string, name?: string): SqlCheck {
  let compiled: ReturnType<typeof compileSql>;
  try {
    // antlr's default listener would print each syntax error to the console as well.
    compiled = quietly(() => compileSql(text, name));
  } catch (e) {
    // A defect of the compiler still reaches the user as a problem, not as a silent editor.
    return { ok: false, problems: [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: e instanceof Error ? e.message : String(e) }] };
  }
  if (compiled.ok) return compiled;
  const lines = text.split('\n');
  return { ok: false, problems: compiled.errors.map((e) => ({ ...e, ...wordEnd(lines, e.line, e.column) })) };
}

/** The end of the word (or the one character) at line:column. */
function wordEnd(lines: readonly string[], line: number, column: number): { endLine: number; endColumn: number } {
  const text = lines[line - 1] ?? '';
  let end = column - 1;
  if (/[\w$]/.test(text[end] ?? '')) while (/[\w$]/.test(text[end] ?? '')) end++;
  else if (text[end] === "'") end = text.indexOf("'", end + 1) >= 0 ? text.indexOf("'", end + 1) + 1 : text.length;
  else end++;
  return { endLine: line, endColumn: Math.max(end + 1, column + 1) };
}
