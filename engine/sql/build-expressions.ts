/**
 * Parse tree → `ast.ts` for the predicates and conditional expressions of `expressions.ts`:
 * `IN (…)`, `LIKE … [ESCAPE 'c']`, `IS [NOT] TRUE/FALSE/UNKNOWN`, `CASE` (both forms) and
 * `POSITION(a IN b)`. `build.ts` hands each such node here with its own `expr` and `fail`, so
 * positions and messages stay the same as for every other construct.
 */
import type { ParserRuleContext } from 'antlr4ng';
import * as P from './grammar/generated/FlinkSqlParser.js';
import type { Expr, Pos } from './ast.js';

/** What build.ts lends: its expression builder, where a node starts, and its error. */
export interface BuildTools {
  expr: (c: ParserRuleContext) => Expr;
  pos: (c: ParserRuleContext) => Pos;
  fail: (c: ParserRuleContext, message: string) => never;
  source: (c: ParserRuleContext) => string;
}

const unquote = (t: string) => t.slice(1, -1).replace(/''/g, "'");

/** `left <predicate>` for IN, LIKE and IS [NOT] TRUE/FALSE/UNKNOWN; null for the others. */
export function predicateExpr(c: ParserRuleContext, p: P.PredicateContext, left: Expr, t: BuildTools): Expr | null {
  const not = p.KW_NOT() !== null;
  const kind = p._kind?.text?.toUpperCase();
  if (p.KW_IN() && kind === 'IN') {
    return { kind: 'in', pos: t.pos(c), arg: left, list: p.expression().map(t.expr), not };
  }
  const like = p.likePredicate();
  if (like) {
    if (like._quantifier) return t.fail(like, `LIKE ${like._quantifier.text?.toUpperCase()} (…) is not supported yet; combine LIKEs with OR / AND`);
    const escapeChar = like.stringLiteral();
    return { kind: 'like', pos: t.pos(c), arg: left, pattern: t.expr(like.valueExpression()!), escape: escapeChar ? unquote(escapeChar.getText()) : null, not: like.KW_NOT() !== null };
  }
  if (p.getChild(0)?.getText().toUpperCase() === 'IS' && (kind === 'TRUE' || kind === 'FALSE')) {
    return { kind: 'unary', pos: t.pos(c), op: `IS ${not ? 'NOT ' : ''}${kind}`, arg: left };
  }
  if (kind === 'UNKNOWN') return { kind: 'unary', pos: t.pos(c), op: not ? 'IS NOT NULL' : 'IS NULL', arg: left };
  return null;
}

/** `CASE …`, `POSITION(a IN b)`; null for other primary expressions. */
export function primaryExpr(c: ParserRuleContext, t: BuildTools): Expr | null {
  if (c instanceof P.SearchedCaseContext) {
    const whens = c.whenClause().map((w) => ({ when: t.expr(w._condition!), result: t.expr(w._result!) }));
    return { kind: 'case', pos: t.pos(c), operand: null, whens, otherwise: c._elseExpression ? t.expr(c._elseExpression) : null };
  }
  if (c instanceof P.SimpleCaseContext) {
    const whens = c.whenClause().map((w) => ({ when: t.expr(w._condition!), result: t.expr(w._result!) }));
    return { kind: 'case', pos: t.pos(c), operand: t.expr(c._value!), whens, otherwise: c._elseExpression ? t.expr(c._elseExpression) : null };
  }
  if (c instanceof P.PositionContext) return { kind: 'call', pos: t.pos(c), name: 'POSITION', args: [t.expr(c._substr!), t.expr(c._str!)], star: false, distinct: false };
  return null;
}
