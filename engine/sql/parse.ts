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
  return { ok: false, errors: dedupe(each.length > 0 ? each : errors) };
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
