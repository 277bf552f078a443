/**
 * The building blocks of build.ts: where a parse-tree node is (line:column) and its source text,
 * the `Unsupported` error naming a construct Eddy does not run yet, names (identifiers, quoted
 * names, column paths), interval literals and column types.
 */
import { type ParserRuleContext, TerminalNode } from 'antlr4ng';
import * as P from './grammar/generated/FlinkSqlParser.js';
import type { Expr, Pos } from './ast.js';
import { reparseExpression } from './parse.js';
import { T, type SqlType } from './types.js';

export class Unsupported extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
  }
}

/** The script being built, so messages quote the user's own text (getText() drops spaces). */
let script = '';

/** Sets the script whose parse tree is being built (the text messages quote). */
export function setScript(text: string): void {
  script = text;
}
export const source = (c: ParserRuleContext) => (c.start && c.stop ? script.slice(c.start.start, c.stop.stop + 1).replace(/\s+/g, ' ') : c.getText());

export const pos = (c: ParserRuleContext): Pos => ({ line: c.start?.line ?? 1, column: (c.start?.column ?? 0) + 1 });
export const fail = (c: ParserRuleContext, message: string): never => {
  throw new Unsupported(pos(c), message);
};

/** A column or CAST type; the types Eddy does not run yet fail naming the type. */
export function columnType(t: P.ColumnTypeContext): SqlType {
  const text = t.getText().toUpperCase();
  const args = (text.match(/\(([^)]*)\)/)?.[1] ?? '').split(',').filter((s) => s !== '').map(Number);
  const base = text.replace(/\(.*$/, '');
  switch (base) {
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      return T.STRING;
    case 'BOOLEAN':
      return T.BOOLEAN;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'INTEGER':
      return T.INT;
    case 'BIGINT':
      return T.BIGINT;
    case 'DOUBLE':
    case 'FLOAT':
      return T.DOUBLE;
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      return { name: 'DECIMAL', precision: args[0] ?? 10, scale: args[1] ?? 0 };
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      if ((args[0] ?? 3) !== 3 && base === 'TIMESTAMP') fail(t, `TIMESTAMP(${args[0]}) is not supported yet; use TIMESTAMP(3)`);
      return { name: base, precision: 3 };
  }
  if (base.startsWith('TIMESTAMPWITHLOCALTIMEZONE')) return { name: 'TIMESTAMP_LTZ', precision: 3 };
  return fail(t, `the type ${t.getText()} is not supported yet; use STRING, BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s) or TIMESTAMP(3)`);
}

const UNIT_MS: Record<string, number> = { MILLISECOND: 1, SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** `INTERVAL 'n' unit` as whole milliseconds. */
export function intervalMs(iv: P.TimeIntervalExpressionContext): number {
  const multi = iv.errorCapturingMultiUnitsInterval()?.multiUnitsInterval();
  if (multi?.intervalValue().length !== 1) return fail(iv, `the interval ${iv.getText()} is not supported yet; write INTERVAL 'n' SECOND (or MILLISECOND, MINUTE, HOUR, DAY)`);
  const value = Number(unquote(multi.intervalValue(0)!.getText()));
  const unit = multi.timeIntervalUnit(0)!.getText().toUpperCase().replace(/S$/, '');
  const ms = UNIT_MS[unit];
  if (ms === undefined || !Number.isFinite(value)) return fail(iv, `the interval ${iv.getText()} is not supported yet; write INTERVAL 'n' SECOND (or MILLISECOND, MINUTE, HOUR, DAY)`);
  // Flink keeps a day-time interval as whole milliseconds ('1.001' SECOND is 1001, not 1000.99…).
  return Math.round(value * ms);
}

// ---- names ----

export function columnRef(c: P.ColumnNameContext | P.ColumnReferenceContext): Expr {
  const name = c instanceof P.ColumnNameContext ? columnName(c) : columnPath(c.getText(), c);
  const parts = c.getText().split('.');
  return parts.length === 2 ? { kind: 'column', pos: pos(c), name, qualifier: identifierText(parts[0]!) } : { kind: 'column', pos: pos(c), name };
}

export function columnName(c: P.ColumnNameContext): string {
  return columnPath(c.getText(), c);
}

/** `col` or `alias.col` → `col` (one table per query, so a qualifier only names it). */
export function columnPath(text: string, c: ParserRuleContext): string {
  const parts = text.split('.').map(identifierText);
  if (parts.length > 2) fail(c, `the column ${text} is not supported yet; write column or table.column`);
  return parts[parts.length - 1]!;
}

export function identifierPath(c: P.TablePathContext): string {
  if (c.identifier().length > 1) fail(c, `catalog and database paths (${c.getText()}) are not supported yet; name the table alone`);
  return identifierText(c.getText());
}

export const identifier = (c: P.IdentifierContext) => identifierText(c.getText());
export const identifierText = (t: string) => (t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t);

export function unquote(t: string): string {
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1).replace(/''/g, "'");
  return identifierText(t);
}

export function ruleName(c: ParserRuleContext): string {
  return P.FlinkSqlParser.ruleNames[c.ruleIndex] ?? 'expression';
}

export const clip = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t);

export function words(c: ParserRuleContext, n: number): string {
  const out: string[] = [];
  const walk = (t: ParserRuleContext | TerminalNode) => {
    if (out.length >= n) return;
    if (t instanceof TerminalNode) out.push(t.getText());
    else for (let i = 0; i < t.getChildCount(); i++) walk(t.getChild(i) as ParserRuleContext | TerminalNode);
  };
  walk(c);
  return out.join(' ');
}

/**
 * A select item the grammar matched as a column name (`selectLiteralColumnName`), as Flink reads
 * it. dt-sql-parser's rule takes `id + 1` for the column `id` followed by the expression `+ 1`
 * (its `columnName KW_AS? expression` alternative), and a bare `1` or `'text'` for a column name
 * (its identifiers admit digits and single-quoted strings); Flink reads one expression in each.
 * Those items are read again as one expression; `id AS <expression>` is refused.
 */
export function literalColumnItem(c: P.ColumnProjectItemContext, build: (e: P.ExpressionContext) => Expr): Expr {
  const name = c.selectLiteralColumnName()!.columnName();
  const trailing = c.expression();
  if (trailing !== null && c.KW_AS() !== null) fail(trailing, `an alias is a name, not an expression: "${trailing.getText()}"`);
  if (trailing === null && !/^(\d|')/.test(name.getText())) return columnRef(name);
  const whole = reparseExpression(name.start!, (trailing ?? name).stop!);
  if (whole === null) return fail(c, `"${c.getText()}" is not supported yet in the select list`);
  return build(whole);
}
