/**
 * Parse tree → `ast.ts` for MATCH_RECOGNIZE: the table it reads, PARTITION BY / ORDER BY,
 * MEASURES, the rows-per-match mode, AFTER MATCH SKIP, PATTERN with its quantifiers and WITHIN,
 * and DEFINE. Checks that need the table (columns, the time attribute) are the planner's
 * (match-recognize.ts); the ones here are about the clause's own shape.
 */
import type * as P from './grammar/generated/FlinkSqlParser.js';
import type { Expr, MatchRecognize, PatternVariable, Pos } from './ast.js';
import type { OverTools } from './build-over.js';

const ident = (t: string) => (t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t);

/** `SELECT … FROM t MATCH_RECOGNIZE (…)`: `from` is the select's FROM clause. */
export function matchRecognize(from: P.FromClauseContext, m: P.MatchRecognizeClauseContext, t: OverTools): MatchRecognize {
  const te = from.tableExpression();
  const ref = te.tableReference(0);
  const path = ref?.tablePrimary().tablePath();
  if (!ref || !path || te.tableReference().length > 1 || te.KW_JOIN() || te.tableExpression().length > 0 || te.windowTVFClause()) {
    return t.fail(te, 'MATCH_RECOGNIZE reads one table: write FROM <table> MATCH_RECOGNIZE (...)');
  }
  if (ref.tableAlias()) t.fail(ref.tableAlias()!, 'an alias before MATCH_RECOGNIZE is not supported; alias the result after its closing parenthesis: MATCH_RECOGNIZE (...) AS T');
  if (path.identifier().length > 1) t.fail(path, `catalog and database paths (${path.getText()}) are not supported yet; name the table alone`);

  const partition = m.partitionByClause();
  if (partition && partition.primaryExpression().length > 0) t.fail(partition, 'PARTITION BY an expression is not supported yet; partition by columns');
  const partitionBy = (partition?.columnName() ?? []).map((c) => ({ name: t.columnName(c), pos: t.pos(c) }));
  const orderBy = (m.orderByClause()?.orderItemDefinition() ?? []).map((o) => {
    const n = o.columnName();
    if (!n) return t.fail(o, 'MATCH_RECOGNIZE must be ordered by columns: ORDER BY the time attribute first');
    return { name: t.columnName(n), pos: t.pos(n), desc: o.KW_DESC() !== null };
  });
  const measures = (m.measuresClause()?.projectItemDefinition() ?? []).map((p, i) => measure(p, i, t));
  const mode = m.outputMode();
  const after = m.afterMatchStrategy();
  const pd = m.patternDefinition();
  if (!pd) return t.fail(m, 'MATCH_RECOGNIZE needs PATTERN (...)');
  const pattern = pd.patternVariable().map((v) => patternVariable(v, t));
  const within = pd.withinClause();
  const define = m.patternVariablesDefinition().projectItemDefinition().map((p) => definition(p, t));
  const alias = m.identifier();
  return {
    pos: t.pos(m),
    table: ident(path.getText()),
    tablePos: t.pos(path),
    partitionBy,
    orderBy,
    measures,
    allRows: mode?.KW_ALL() ? t.pos(mode) : null,
    skip: after ? skip(after, t) : null,
    pattern,
    patternPos: t.pos(pd),
    withinMs: within ? t.intervalMs(within.timeIntervalExpression()) : null,
    define,
    alias: alias ? ident(alias.getText()) : null,
  };
}

function measure(p: P.ProjectItemDefinitionContext, i: number, t: OverTools): MatchRecognize['measures'][number] {
  if (p.overWindowItem()) return t.fail(p, 'an OVER aggregation is not allowed in MEASURES');
  const e = p.expression();
  const name = p.columnName();
  if (e && name) return { expr: t.expr(e), name: t.columnName(name), pos: t.pos(p) };
  if (name && !e) return t.fail(p, `the measure ${name.getText()} needs a name: write <expression> AS name`);
  return t.fail(p, `the measure "${t.source(p)}" (number ${i + 1}) needs a name: write <expression> AS name`);
}

function definition(p: P.ProjectItemDefinitionContext, t: OverTools): MatchRecognize['define'][number] {
  // `A AS cond` parses as columnName (AS expression); `cond AS A` is not DEFINE's form.
  const name = p.columnName();
  const e = p.expression();
  if (name && e && p.getChild(0) === name) {
    const text = name.getText();
    if (text.includes('.')) t.fail(name, `DEFINE ${text}: a pattern variable is a plain name`);
    return { name: ident(text), pos: t.pos(name), expr: t.expr(e) };
  }
  return t.fail(p, `"${t.source(p)}" is not a DEFINE item; write <pattern variable> AS <condition>`);
}

function skip(a: P.AfterMatchStrategyContext, t: OverTools): NonNullable<MatchRecognize['skip']> {
  const pos: Pos = t.pos(a);
  const v = a.unquotedIdentifier();
  if (a.KW_PAST()) return { kind: 'pastLastRow', pos };
  if (a.KW_NEXT()) return { kind: 'toNextRow', pos };
  return { kind: a.KW_FIRST() ? 'toFirst' : 'toLast', variable: ident(v!.getText()), pos };
}

function patternVariable(v: P.PatternVariableContext, t: OverTools): PatternVariable {
  const name = ident(v.unquotedIdentifier().getText());
  const pos = t.pos(v);
  const q = v.quantifiers();
  if (!q) return { name, pos, min: 1, max: 1, greedy: true, quantified: false };
  const greedy = q._reluctant === undefined || q._reluctant === null;
  const digits = q.DIG_LITERAL().map((d) => Number(d.getText()));
  let min: number;
  let max: number;
  if (q.ASTERISK_SIGN()) [min, max] = [0, -1];
  else if (q.ADD_SIGN()) [min, max] = [1, -1];
  else if (q.LB_BRACKET()) {
    const comma = q.COMMA() !== null;
    const text = q.getText();
    if (!comma) [min, max] = [digits[0]!, digits[0]!];
    else if (/^\{,/.test(text)) t.fail(q, `${name}${text}: Flink refuses {,m} ("The from should be a positive number greater than 0."); write {0,${digits[0]}}`);
    else if (digits.length === 1) [min, max] = [digits[0]!, -1];
    else [min, max] = [digits[0]!, digits[1]!];
  } else [min, max] = [0, 1];
  if (max !== -1 && min > max) t.fail(q, `the quantifier ${q.getText()} of ${name}: the lower bound ${min} is greater than the upper bound ${max}`);
  return { name, pos, min, max, greedy, quantified: true };
}

/** A reference `v.col` or `col` in MEASURES / DEFINE, for messages. */
export const columnText = (e: Extract<Expr, { kind: 'column' }>) => (e.qualifier ? `${e.qualifier}.${e.name}` : e.name);
