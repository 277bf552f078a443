/**
 * What a SQL script defines, for the editor: its CREATE TABLEs with their columns (and, where the
 * script parses, their connector, path and format, then its views with their queries' columns).
 * Read from dt-sql-parser's entities, which it recovers even from a script with syntax errors —
 * the editor asks while the user is typing.
 */
import { FlinkSQL } from 'dt-sql-parser/dist/parser/flink';
import { buildStatements } from './build.js';
import { viewColumns } from './compile.js';
import { parseSql } from './parse.js';
import { typeText } from './types.js';

export interface CatalogColumn {
  readonly name: string;
  /** The declared type as written (`DECIMAL(10, 2)`), or the type's name; '' for a computed column. */
  readonly type: string;
}

export interface CatalogTable {
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
  /** 'filesystem', 'datagen', …; absent when the script does not parse yet. */
  readonly connector?: string;
  /** A filesystem table's `path` and `format`. */
  readonly path?: string;
  readonly format?: string;
  /** A view (CREATE VIEW): its columns are its query's. */
  readonly view?: true;
}

let parser: FlinkSQL | null = null;

/** The tables `text` creates, in script order (a name defined twice counts once, its first definition). */
export function sqlCatalog(text: string): CatalogTable[] {
  const parsed = quietly(() => parseSql(text));
  if (parsed.ok) {
    const { statements } = buildStatements(parsed.tree, text);
    const tables: CatalogTable[] = [];
    for (const s of statements) {
      if (s.kind !== 'createTable' || tables.some((t) => t.name === s.name)) continue;
      const opt = (k: string) => s.options.get(k)?.value;
      const path = opt('path');
      const format = opt('format');
      tables.push({
        name: s.name,
        columns: s.columns.map((c) => ({ name: c.name, type: c.type ? typeText(c.type) : '' })),
        connector: opt('connector') ?? '',
        ...(path !== undefined ? { path } : {}),
        ...(format !== undefined ? { format } : {}),
      });
    }
    for (const v of viewColumns(statements)) {
      if (!tables.some((t) => t.name === v.name)) tables.push({ name: v.name, columns: v.columns.map((c) => ({ name: c.name, type: typeText(c.type) })), view: true });
    }
    return tables;
  }
  return fromEntities(text);
}

/** Tables and columns (and views' names) from the parser's error-tolerant entity collector. */
function fromEntities(text: string): CatalogTable[] {
  parser ??= new FlinkSQL();
  const tables: CatalogTable[] = [];
  for (const e of quietly(() => parser!.getAllEntities(text)) ?? []) {
    if (e.entityContextType === 'viewCreate' && !tables.some((t) => t.name === e.text)) {
      // A view's columns are its query's, which a script that does not parse cannot plan: its name only.
      tables.push({ name: e.text, columns: [], view: true });
      continue;
    }
    if (e.entityContextType !== 'tableCreate' || tables.some((t) => t.name === e.text)) continue;
    const cols = ((e as { columns?: { text: string; _colType?: { text?: string } | null }[] }).columns ?? []).filter((c) => c.text !== '');
    tables.push({ name: e.text, columns: cols.map((c) => ({ name: c.text, type: c._colType?.text ?? '' })) });
  }
  return tables;
}

/** Runs `f` with antlr's console error listener silenced. */
export function quietly<T>(f: () => T): T {
  const error = console.error;
  console.error = () => {};
  try {
    return f();
  } finally {
    console.error = error;
  }
}
