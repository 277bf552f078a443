/**
 * Parse tree → `ast.ts` for OVER aggregations: `agg(x) OVER (PARTITION BY … ORDER BY t
 * [ROWS|RANGE BETWEEN … PRECEDING AND CURRENT ROW]) AS name`, `agg(x) OVER w AS name` and the
 * `WINDOW w AS (…)` clause. What the frame may not be in Flink's streaming mode (FOLLOWING, a
 * frame not ending at CURRENT ROW) is an error here.
 */
import type { ParserRuleContext } from 'antlr4ng';
import type * as P from './grammar/generated/FlinkSqlParser.js';
import type { Expr, OverWindow } from './ast.js';
import type { BuildTools } from './build-expressions.js';

/** What build-over needs beyond the expression tools. */
export interface OverTools extends BuildTools {
  columnName: (c: P.ColumnNameContext) => string;
  intervalMs: (c: P.TimeIntervalExpressionContext) => number;
}

const ident = (t: string) => (t.startsWith('`') && t.endsWith('`') ? t.slice(1, -1).replace(/``/g, '`') : t);

/** `agg(x) OVER …` of a select item. */
export function overExpr(w: P.OverWindowItemContext, t: OverTools): Expr {
  const call = t.expr(w.primaryExpression());
  const spec = w.windowSpec();
  const named = w.errorCapturingIdentifier();
  const window = spec ? overWindow(spec, t) : { name: ident(named!.getText()), pos: t.pos(named!) };
  return { kind: 'over', pos: t.pos(w), call, window };
}

/** The WINDOW clause: name → window. */
export function namedWindows(c: P.WindowClauseContext, t: OverTools): Map<string, OverWindow> {
  const out = new Map<string, OverWindow>();
  for (const n of c.namedWindow()) {
    const name = ident(n.errorCapturingIdentifier().getText());
    if (out.has(name)) t.fail(n, `the window ${name} is defined twice`);
    out.set(name, overWindow(n.windowSpec(), t));
  }
  return out;
}

function overWindow(spec: P.WindowSpecContext, t: OverTools): OverWindow {
  if (spec.errorCapturingIdentifier()) t.fail(spec, 'a window based on another named window (OVER (w …)) is not supported yet; write the whole window');
  const part = spec.partitionByClause();
  if (part && part.primaryExpression().length > 0) t.fail(part, 'PARTITION BY an expression is not supported yet in OVER (...); partition by columns');
  const partitionBy = (part?.columnName() ?? []).map((n) => ({ name: t.columnName(n), pos: t.pos(n) }));
  const orderBy = (spec.orderByClause()?.orderItemDefinition() ?? []).map((o) => {
    const n = o.columnName();
    if (!n) return t.fail(o, 'ORDER BY an expression is not supported in OVER (...); order by the time attribute');
    return { name: t.columnName(n), pos: t.pos(n), desc: o.KW_DESC() !== null };
  });
  return { pos: t.pos(spec), partitionBy, orderBy, frame: frame(spec.windowFrame(), t) };
}

function frame(f: P.WindowFrameContext | null, t: OverTools): OverWindow['frame'] {
  // No frame: Flink's default, RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.
  if (!f) return { unit: 'RANGE', preceding: null };
  const unit = f.KW_ROWS() ? 'ROWS' : 'RANGE';
  const iv = f.timeIntervalExpression();
  if (iv) return { unit, preceding: t.intervalMs(iv) };
  const digits = f.DIG_LITERAL();
  if (digits) return { unit, preceding: Number(digits.getText()) };
  const start = f.frameStart()!;
  const end = f.frameEnd()!;
  // Flink's streaming planner (StreamExecOverAggregate) refuses any upper bound but CURRENT ROW, ROWS too.
  if (!end.KW_CURRENT()) t.fail(end, `${words(end)}: an OVER window must end at CURRENT ROW in Flink's streaming mode; Flink refuses it with "OVER RANGE FOLLOWING windows are not supported yet."`);
  if (start.KW_UNBOUNDED()) return { unit, preceding: null };
  if (start.KW_CURRENT()) return { unit, preceding: 0 };
  if (unit === 'RANGE') return t.fail(start, 'RANGE BETWEEN n PRECEDING needs an interval: RANGE BETWEEN INTERVAL \'n\' unit PRECEDING AND CURRENT ROW');
  return { unit, preceding: Number(start.DIG_LITERAL()!.getText()) };
}

const words = (c: ParserRuleContext) => (c.children ?? []).map((x) => x.getText().toUpperCase()).join(' ');
