/**
 * Flink SQL in Monaco: the `flinksql` language (a Monarch tokenizer with Flink's keywords, window
 * TVFs and types) and its completion provider, which asks the SQL service (the worker with
 * dt-sql-parser's FlinkSQL grammar) what fits at the caret — keywords, and the script's own
 * tables and columns. Imported only by the lazy SQL editor chunk.
 */
import type * as Monaco from 'monaco-editor';
import type { SqlCompletionKind } from '../../engine/sql/completion';
import type { SqlService } from './sql-service';

export const FLINK_SQL = 'flinksql';

const KEYWORDS = (
  'ADD ALL ALTER AND ANY ARRAY AS ASC AT BEGIN BETWEEN BIGINT BOOLEAN BOTH BY CASCADE CASE CAST CATALOG CHAR COLUMN COMMENT ' +
  'COMPUTED CONSTRAINT CREATE CROSS CUBE CUMULATE CURRENT CURRENT_ROW DATABASE DATE DAY DAYS DECIMAL DEFINE DELETE DESC DESCRIBE ' +
  'DESCRIPTOR DISTINCT DOUBLE DROP ELSE END ENFORCED EXCEPT EXECUTE EXISTS EXPLAIN FALSE FILTER FIRST FLOAT FOLLOWING FOR FROM ' +
  'FULL FUNCTION GROUP GROUPING HAVING HOP HOUR HOURS IF IN INNER INSERT INT INTEGER INTERSECT INTERVAL INTO IS JOIN KEY ' +
  'LAST LATERAL LEFT LIKE LIMIT LOCALTIMESTAMP MAP MATCH_RECOGNIZE MEASURES MILLISECOND MINUTE MINUTES MONTH NOT NULL ' +
  'OF OFFSET ON OR ORDER OUTER OVER OVERWRITE PARTITION PARTITIONED PATTERN PRECEDING PRIMARY PROCTIME RANGE RIGHT ROLLUP ROW ' +
  'ROWS SECOND SECONDS SELECT SESSION SET SETS SHOW SMALLINT STATEMENT STRING SYSTEM_TIME TABLE TEMPORARY THEN TIME TIMESTAMP ' +
  'TIMESTAMP_LTZ TINYINT TO TRUE TUMBLE UNBOUNDED UNION UNNEST UPDATE USE VALUES VARCHAR VIEW WATERMARK WEEK WHEN WHERE WINDOW ' +
  'WITH WITHIN YEAR'
).split(' ');

const BUILTINS = 'COUNT SUM MIN MAX AVG COALESCE UPPER LOWER CHAR_LENGTH CONCAT SUBSTRING TRIM DATE_FORMAT TO_TIMESTAMP TO_TIMESTAMP_LTZ FLOOR CEIL ABS MOD ROW_NUMBER'.split(' ');

let installed = false;

/** Registers the language once per page, its completions asked of `service`. */
export function installFlinkSql(monaco: typeof Monaco, service: () => Promise<SqlService>): void {
  if (installed) return;
  installed = true;
  monaco.languages.register({ id: FLINK_SQL, extensions: ['.sql'], aliases: ['Flink SQL'] });
  monaco.languages.setLanguageConfiguration(FLINK_SQL, {
    comments: { lineComment: '--', blockComment: ['/*', '*/'] },
    brackets: [['(', ')']],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: "'", close: "'", notIn: ['string', 'comment'] },
    ],
  });
  monaco.languages.setMonarchTokensProvider(FLINK_SQL, {
    ignoreCase: true,
    defaultToken: '',
    keywords: KEYWORDS,
    builtins: BUILTINS,
    tokenizer: {
      root: [
        [/--.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/'/, 'string', '@string'],
        [/`[^`]*`/, 'identifier'],
        [/\d+(\.\d+)?/, 'number'],
        [/[a-zA-Z_][\w$]*/, { cases: { '@keywords': 'keyword', '@builtins': 'predefined', '@default': 'identifier' } }],
        [/[<>=!%&+\-*/|~^]+/, 'operator'],
        [/[;,.]/, 'delimiter'],
        [/[()]/, '@brackets'],
      ],
      comment: [
        [/[^*/]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[*/]/, 'comment'],
      ],
      string: [
        [/[^']+/, 'string'],
        [/''/, 'string'],
        [/'/, 'string', '@pop'],
      ],
    },
  } as Monaco.languages.IMonarchLanguage);
  const kinds: Record<SqlCompletionKind, Monaco.languages.CompletionItemKind> = {
    table: monaco.languages.CompletionItemKind.Class,
    column: monaco.languages.CompletionItemKind.Field,
    function: monaco.languages.CompletionItemKind.Function,
    keyword: monaco.languages.CompletionItemKind.Keyword,
  };
  const order: Record<SqlCompletionKind, string> = { column: '0', table: '1', function: '2', keyword: '3' };
  monaco.languages.registerCompletionItemProvider(FLINK_SQL, {
    triggerCharacters: [' ', '(', ','],
    provideCompletionItems: async (model, position) => {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const items = await (await service()).complete(model.getValue(), position.lineNumber, position.column);
      return {
        suggestions: items.map((c) => ({ label: { label: c.label, description: c.detail }, kind: kinds[c.kind], insertText: c.label, detail: c.detail, sortText: `${order[c.kind]}${c.label}`, range })),
      };
    },
  });
}
