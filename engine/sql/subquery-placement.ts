/**
 * Where Eddy plans an `IN` / `EXISTS` subquery: as a condition of its own in the WHERE of a query
 * over one table, view or window TVF, joined to the rest by AND (a SEMI / ANTI join, see
 * semi-join.ts), and `[NOT] IN (SELECT …)` under AND / OR as joins with the subquery's count and
 * values (subquery-or.ts). Flink plans more — EXISTS under OR the same way (Calcite's
 * SubQueryRemoveRule: a changelog), in the WHERE of a join a SEMI / ANTI join after the join —
 * which Eddy does not yet: these checks say so where the subquery stands, before the expression
 * compiler meets it.
 */
import type { Expr, Pos } from './ast.js';
import { PlanError, subqueryText } from './codegen.js';

type SubqueryExpr = Extract<Expr, { kind: 'subquery' }>;

interface Found {
  /** `IN (SELECT …)`, `NOT IN (SELECT …)`, `EXISTS (SELECT …)` or `NOT EXISTS (SELECT …)`. */
  text: string;
  pos: Pos;
  underOr: boolean;
}

/** The first subquery in `v` (not looking into subqueries), a NOT around it included, and whether an OR encloses it. */
function firstSubquery(v: unknown, underOr = false): Found | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const found = firstSubquery(x, underOr);
      if (found) return found;
    }
    return null;
  }
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (o.kind === 'subquery' && 'pos' in o) return { text: subqueryText(o as SubqueryExpr), pos: o.pos as Pos, underOr };
  if (o.kind === 'unary' && o.op === 'NOT' && (o.arg as Expr).kind === 'subquery') {
    const e = o.arg as SubqueryExpr;
    return { text: e.arg === null ? 'NOT EXISTS (SELECT …)' : subqueryText({ ...e, not: !e.not }), pos: o.pos as Pos, underOr };
  }
  if (o.kind === 'select') return null;
  const or = underOr || (o.kind === 'binary' && o.op === 'OR');
  for (const k of Object.keys(o)) {
    const found = firstSubquery(o[k], or);
    if (found) return found;
  }
  return null;
}

/**
 * `rest`: a WHERE without its subquery conditions (splitSubqueries). A subquery left in it is
 * under OR (or inside another expression): refused, naming where it stands.
 */
export function refuseNestedSubquery(rest: Expr | null): void {
  const found = rest === null ? null : firstSubquery(rest);
  if (!found?.underOr) return;
  throw new PlanError(
    found.pos,
    `${found.text} under OR (or under NOT) is not supported yet: Flink runs it by LEFT joining the rows with the subquery's distinct values (for IN also with its row count) and testing for a match (a changelog); Eddy runs [NOT] IN (SELECT …) and EXISTS correlated by one equality so in the WHERE of a query over one table or view (when no other subquery stands on its own there), and NOT EXISTS only as a condition of its own, joined to the rest of the WHERE by AND (a SEMI / ANTI join)`,
  );
}

/** The WHERE of a join: a subquery there is refused, naming what to do instead. */
export function refuseSubqueryInJoin(where: Expr | null): void {
  const found = where === null ? null : firstSubquery(where);
  if (!found) return;
  throw new PlanError(
    found.pos,
    `${found.text} in the WHERE of a join is not supported yet (Flink runs it as a SEMI / ANTI join after the join); filter one of the joined tables with it in a view (CREATE VIEW v AS SELECT * FROM t WHERE … IN (SELECT …)) and join the view`,
  );
}
