/**
 * Pieces of the join planner (join.ts) that read expressions: rewriting a condition's column
 * references, and recognising an interval join's time bounds on the two sides' rowtimes.
 */
import type { Expr } from './ast.js';

type ColumnExpr = Extract<Expr, { kind: 'column' }>;
type Side = 'left' | 'right';

/** Every column reference of `e` replaced by `f`'s (any expression kind: the walk is generic). */
export function rewriteColumns(e: Expr, f: (c: ColumnExpr) => Expr): Expr {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (o.kind === 'column' && typeof o.name === 'string' && 'pos' in o) return f(o as ColumnExpr);
    if ('line' in o && 'column' in o && Object.keys(o).length === 2) return o;
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(o)) copy[k] = walk(o[k]);
    return copy;
  };
  return walk(e) as Expr;
}

/**
 * A bound on (right rowtime − left rowtime) from one conjunct comparing the two tables' rowtime
 * columns (each optionally ± an INTERVAL): `{ lower }`, `{ upper }` or both (BETWEEN); null when
 * the conjunct is something else.
 */
export function timeBound(e: Expr, resolve: (c: ColumnExpr) => { side: Side; column: { name: string } }, rowtime: (side: Side) => string[]): { lower?: number; upper?: number } | null {
  // A rowtime column plus an offset in ms.
  const term = (x: Expr): { side: Side; offset: number } | null => {
    if (x.kind === 'column') {
      const c = resolve(x);
      return rowtime(c.side).includes(c.column.name) ? { side: c.side, offset: 0 } : null;
    }
    if (x.kind === 'binary' && (x.op === '+' || x.op === '-') && x.right.kind === 'interval') {
      const t = term(x.left);
      return t ? { side: t.side, offset: t.offset + (x.op === '+' ? x.right.ms : -x.right.ms) } : null;
    }
    if (x.kind === 'binary' && x.op === '+' && x.left.kind === 'interval') {
      const t = term(x.right);
      return t ? { side: t.side, offset: t.offset + x.left.ms } : null;
    }
    return null;
  };
  // `a op b` as a bound on d = right − left.
  const compare = (a: Expr, op: string, b: Expr): { lower?: number; upper?: number } | null => {
    const ta = term(a);
    const tb = term(b);
    if (!ta || !tb || ta.side === tb.side) return null;
    // a.t + oa  op  b.t + ob; with d = right − left.
    let dOp = op;
    let c: number;
    if (ta.side === 'right') c = tb.offset - ta.offset; // d op c
    else {
      c = ta.offset - tb.offset; // left − right op −c … so d flip(op) c
      dOp = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' }[op]!;
    }
    if (dOp === '>=') return { lower: c };
    if (dOp === '>') return { lower: c + 1 };
    if (dOp === '<=') return { upper: c };
    if (dOp === '<') return { upper: c - 1 };
    return null;
  };
  if (e.kind === 'binary' && ['>=', '>', '<=', '<'].includes(e.op)) return compare(e.left, e.op, e.right);
  if (e.kind === 'between' && !e.not) {
    const lo = compare(e.arg, '>=', e.low);
    const hi = compare(e.arg, '<=', e.high);
    if (lo && hi) return { ...lo, ...hi };
  }
  return null;
}

