/**
 * Parsing Flink SQL with dt-sql-parser's FlinkSQL grammar (antlr4ng). Every syntax error of the
 * script comes back at once, each with its 1-based line and column and a sentence a user can act
 * on; the parse tree is used only when there is none.
 */
import { FlinkSQL } from 'dt-sql-parser/dist/parser/flink';
import type { ProgramContext } from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';

/** A problem in a SQL script, at a 1-based line and column. */
export interface SqlError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type SqlParse = { ok: true; tree: ProgramContext } | { ok: false; errors: SqlError[] };

let parser: FlinkSQL | null = null;

/** Parses a script of `;`-separated Flink SQL statements. */
export function parseSql(text: string): SqlParse {
  parser ??= new FlinkSQL();
  const errors: SqlError[] = [];
  const tree = parser.parse(text, (e) => {
    errors.push({ line: e.startLine, column: e.startColumn, message: sentence(e.message) });
  });
  if (errors.length === 0) return { ok: true, tree };
  // The whole-script parse stops at the first broken statement; parsed one by one, every
  // statement reports its own errors.
  const each = quietly(() => parser!.validate(text)).map((e) => ({ line: e.startLine, column: e.startColumn, message: sentence(e.message) }));
  return { ok: false, errors: namingSession(text, dedupe(each.length > 0 ? each : errors)) };
}

/** What a SESSION window TVF answers: the grammar lacks it, so its statement fails to parse. */
export const SESSION_UNSUPPORTED =
  "the SESSION window TVF is not supported yet: the Flink grammar Eddy parses with (dt-sql-parser 4.5.1, from Flink 1.16) does not have SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL ...); use TUMBLE, HOP or CUMULATE, or a job's session windows (a window node with a session assigner)";

/**
 * A statement whose syntax errors start at a `SESSION` token gets one error naming the SESSION
 * window TVF instead of the parser's cascade. Statements are told apart by the `;` between them
 * (only to group the errors: the parse itself is the grammar's).
 */
function namingSession(text: string, errors: SqlError[]): SqlError[] {
  const lines = text.split('\n');
  const offset = (e: SqlError) => lines.slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0) + e.column - 1;
  const session = errors.filter((e) => /^syntax error: 'SESSION' is not valid/i.test(e.message));
  if (session.length === 0) return errors;
  const spans = session.map((e) => {
    const at = offset(e);
    return { e, from: text.lastIndexOf(';', at - 1) + 1, to: text.indexOf(';', at) < 0 ? text.length : text.indexOf(';', at) };
  });
  const kept = errors.filter((e) => !spans.some((s) => offset(e) >= s.from && offset(e) <= s.to));
  return [...kept, ...spans.map((s) => ({ line: s.e.line, column: s.e.column, message: SESSION_UNSUPPORTED }))].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Runs `f` with antlr's console error listener silenced (validate() leaves it on the lexer). */
function quietly<T>(f: () => T): T {
  const error = console.error;
  console.error = () => {};
  try {
    return f();
  } finally {
    console.error = error;
  }
}

/** dt-sql-parser's messages, made to read as advice. */
function sentence(message: string): string {
  const m = message.trim().replace(/\.$/, '');
  return `syntax error: ${m}; check the statement's spelling, commas, parentheses and quotes`;
}

function dedupe(errors: SqlError[]): SqlError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `line:column: message`, as the CLI prints it after the script's name. */
export function formatSqlError(e: SqlError): string {
  return `${e.line}:${e.column}: ${e.message}`;
}
