/**
 * Completion for the SQL editor: what dt-sql-parser's FlinkSQL grammar expects at the caret
 * (keywords, or a table / column / function name), filled in with the script's own CREATE TABLEs
 * and their columns, the window TVF columns, and the functions Eddy runs.
 */
import { FlinkSQL } from 'dt-sql-parser/dist/parser/flink';
import { type CatalogTable, quietly, sqlCatalog } from './catalog-info.js';
import { STRING_FUNCTION_NAMES } from './expressions.js';

export type SqlCompletionKind = 'keyword' | 'table' | 'column' | 'function';

export interface SqlCompletion {
  readonly label: string;
  readonly kind: SqlCompletionKind;
  /** Where it comes from: `Bid.price DECIMAL(10, 2)`, `table (filesystem)`, … */
  readonly detail: string;
}

/** The functions the compiler accepts (window TVFs, aggregates, scalar functions). */
export const SQL_FUNCTIONS: readonly string[] = [
  'TUMBLE', 'HOP', 'CUMULATE', 'DESCRIPTOR', 'TABLE',
  'COUNT', 'SUM', 'MIN', 'MAX', 'AVG',
  'CAST', 'COALESCE', 'CASE', 'UPPER', 'LOWER', 'CHAR_LENGTH', 'CONCAT', 'SUBSTRING', 'TRIM',
  'DATE_FORMAT', 'TO_TIMESTAMP', 'TO_TIMESTAMP_LTZ', 'FLOOR', 'CEIL', 'ABS', 'MOD',
  ...STRING_FUNCTION_NAMES.filter((f) => !['CONCAT', 'SUBSTRING', 'TRIM'].includes(f)),
];

/** The columns a window TVF adds to its table's. */
const WINDOW_COLUMNS = ['window_start', 'window_end', 'window_time'];

let parser: FlinkSQL | null = null;

/** Completions at 1-based `line`:`column` of `text`, tables and columns first. */
export function sqlCompletions(text: string, line: number, column: number): SqlCompletion[] {
  parser ??= new FlinkSQL();
  const tables = sqlCatalog(text);
  const suggestions = quietly(() => parser!.getSuggestionAtCaretPosition(text, { lineNumber: line, column }));
  const wanted = new Set<string>(suggestions?.syntax.map((s) => s.syntaxContextType) ?? []);
  // The grammar names no context inside a window TVF (`TUMBLE(TABLE |`, `DESCRIPTOR(|`): there the
  // argument after TABLE is a table, and otherwise any name of the script may fit.
  const before = (text.split('\n')[line - 1] ?? '').slice(0, column - 1);
  if (/\bTABLE\s+[\w$]*$/i.test(before) && !/\bCREATE\s+TABLE\s+[\w$]*$/i.test(before)) wanted.add('table');
  else if (wanted.size === 0 && (suggestions?.keywords.length ?? 0) === 0) for (const k of ['table', 'column']) wanted.add(k);
  const out: SqlCompletion[] = [];
  const add = (c: SqlCompletion) => {
    if (!out.some((o) => o.label === c.label && o.kind === c.kind)) out.push(c);
  };
  if (wanted.has('table') || wanted.has('view')) for (const t of tables) add({ label: t.name, kind: 'table', detail: tableDetail(t) });
  if (wanted.has('column')) {
    for (const t of tables) for (const c of t.columns) add({ label: c.name, kind: 'column', detail: `${t.name}.${c.name}${c.type ? ` ${c.type}` : ''}` });
    if (/\b(TUMBLE|HOP|CUMULATE)\s*\(/i.test(text)) for (const w of WINDOW_COLUMNS) add({ label: w, kind: 'column', detail: 'window TVF column, TIMESTAMP(3)' });
  }
  if (wanted.has('function') || wanted.has('column')) for (const f of SQL_FUNCTIONS) add({ label: f, kind: 'function', detail: 'function' });
  for (const k of suggestions?.keywords ?? []) add({ label: k, kind: 'keyword', detail: 'keyword' });
  return out;
}

function tableDetail(t: CatalogTable): string {
  const cols = t.columns.map((c) => c.name).join(', ');
  return `${t.view ? 'view' : `table${t.connector ? ` (${t.connector})` : ''}`}: ${cols}`;
}
