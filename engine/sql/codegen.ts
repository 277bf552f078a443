/**
 * Expressions → JavaScript source for map / filter / window code params. Column names and
 * literals enter the code only through JSON.stringify, never as the user's text; SQL's
 * three-valued logic and NULL propagation live in a fixed runtime preamble.
 */
import type { Expr } from './ast.js';
import { EXPRESSION_RUNTIME, expressionCode, STRING_FUNCTION_NAMES } from './expressions.js';
import { PlanError } from './plan-error.js';
import { arithmeticType, isInteger, isNumeric, isTimestamp, T, type SqlType, typeText } from './types.js';

export { PlanError };

/** Helpers every generated function starts with (NULL-aware operators, timestamps). */
export const RUNTIME = `const $n = (v) => v === null || v === undefined;
const $ar = (f) => (a, b) => ($n(a) || $n(b) ? null : f(a, b));
const $add = $ar((a, b) => a + b), $sub = $ar((a, b) => a - b), $mul = $ar((a, b) => a * b);
const $div = $ar((a, b) => { if (b === 0) throw new Error('division by zero'); return a / b; });
const $idiv = $ar((a, b) => { if (b === 0) throw new Error('division by zero'); return Math.trunc(a / b); });
const $mod = $ar((a, b) => a % b), $cat = $ar((a, b) => String(a) + String(b));
const $cmp = (op) => $ar(op);
const $eq = $cmp((a, b) => a === b), $ne = $cmp((a, b) => a !== b), $lt = $cmp((a, b) => a < b);
const $le = $cmp((a, b) => a <= b), $gt = $cmp((a, b) => a > b), $ge = $cmp((a, b) => a >= b);
const $and = (a, b) => (a === false || b === false ? false : $n(a) || $n(b) ? null : true);
const $or = (a, b) => (a === true || b === true ? true : $n(a) || $n(b) ? null : false);
const $not = (a) => ($n(a) ? null : !a);
const $neg = (a) => ($n(a) ? null : -a);
// Flink rounds a DECIMAL half away from zero (BigDecimal HALF_UP): -0.005 is -0.01, not -0.00.
// The product is read at 15 digits first, so 1.005 (a double just below it) counts as a half too.
const $round = (v, s) => ($n(v) ? null : (Math.sign(v) * Math.round(Number((Math.abs(v) * 10 ** s).toPrecision(15)))) / 10 ** s);
const $ts = (v, col) => {
  if ($n(v)) return null;
  if (typeof v === 'number') return Math.trunc(v);
  const m = /^(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?Z?$/.exec(String(v).trim());
  if (!m) throw new Error('column ' + col + ': ' + JSON.stringify(v) + ' is not a timestamp (yyyy-MM-dd HH:mm:ss[.SSS])');
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0), m[7] ? +m[7].slice(0, 3).padEnd(3, '0') : 0);
};
const $fmt = (ms) => {
  if ($n(ms)) return null;
  if (typeof ms === 'string') return ms;
  const d = new Date(ms), p = (n, w = 2) => String(n).padStart(w, '0');
  return p(d.getUTCFullYear(), 4) + '-' + p(d.getUTCMonth() + 1) + '-' + p(d.getUTCDate()) + ' ' + p(d.getUTCHours()) + ':' + p(d.getUTCMinutes()) + ':' + p(d.getUTCSeconds()) + '.' + p(d.getUTCMilliseconds(), 3);
};
// A timestamp moved by ms, kept as it came: epoch ms, or the text a subquery's row holds.
const $shift = (v, ms) => ($n(v) ? null : typeof v === 'string' ? $fmt($ts(v, 'timestamp') + ms) : v + ms);
const $num = (v, col) => {
  if ($n(v)) return null;
  const x = typeof v === 'number' ? v : Number(String(v).trim());
  if (String(v).trim() === '' || !Number.isFinite(x)) throw new Error('column ' + col + ': ' + JSON.stringify(v) + ' is not a number');
  return x;
};
const $int = (v, col) => { const x = $num(v, col); return x === null ? null : Math.trunc(x); };
const $str = (v) => ($n(v) ? null : String(v));
${EXPRESSION_RUNTIME}const $bool = (v, col) => { if ($n(v)) return null; if (typeof v === 'boolean') return v; const s = String(v).trim().toLowerCase(); if (s === 'true') return true; if (s === 'false') return false; throw new Error('column ' + col + ': ' + JSON.stringify(v) + ' is not a boolean'); };
`;

/** How a column reference becomes code in one context (a row, or a window's group). */
export type Resolve = (e: Extract<Expr, { kind: 'column' }>) => { code: string; type: SqlType };
/** How an aggregate call becomes code (null where aggregates are not allowed). */
export type ResolveAggregate = ((e: Extract<Expr, { kind: 'call' }>) => { code: string; type: SqlType }) | null;

export const AGGREGATES = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);

/** Code reading `name` from the row variable `r`. */
export const field = (row: string, name: string) => `${row}[${JSON.stringify(name)}]`;

/** The value of `v` converted to `type` (CAST, and reading a source row). */
export function castCode(code: string, type: SqlType, col: string): string {
  const c = JSON.stringify(col);
  if (isTimestamp(type)) return `$ts(${code}, ${c})`;
  if (isInteger(type)) return `$int(${code}, ${c})`;
  if (type.name === 'DECIMAL') return `$round($num(${code}, ${c}), ${type.scale ?? 0})`;
  if (isNumeric(type)) return `$num(${code}, ${c})`;
  if (type.name === 'BOOLEAN') return `$bool(${code}, ${c})`;
  return `$str(${code})`;
}

const BINARY: Record<string, string> = { '+': '$add', '-': '$sub', '*': '$mul', '%': '$mod', '||': '$cat', '=': '$eq', '<>': '$ne', '<': '$lt', '<=': '$le', '>': '$gt', '>=': '$ge', AND: '$and', OR: '$or' };

/** Code and SQL type of `e`. */
export function exprCode(e: Expr, resolve: Resolve, agg: ResolveAggregate): { code: string; type: SqlType } {
  const go = (x: Expr) => exprCode(x, resolve, agg);
  const owned = expressionCode(e, go);
  if (owned) return owned;
  switch (e.kind) {
    case 'column':
      return resolve(e);
    case 'literal':
      return { code: JSON.stringify(e.value), type: e.type };
    case 'interval':
      throw new PlanError(e.pos, 'an INTERVAL is only supported added to or subtracted from a timestamp (ts - INTERVAL \'1\' MINUTE), in window functions and in WATERMARK definitions yet');
    case 'cast': {
      const a = go(e.arg);
      return { code: isTimestamp(a.type) && e.type.name === 'STRING' ? `$fmt(${a.code})` : castCode(a.code, e.type, 'CAST'), type: e.type };
    }
    case 'unary': {
      const a = go(e.arg);
      if (e.op === 'NOT') return { code: `$not(${a.code})`, type: T.BOOLEAN };
      if (e.op === '-') return { code: `$neg(${a.code})`, type: a.type };
      return { code: `${e.op === 'IS NULL' ? '' : '!'}$n(${a.code})`, type: T.BOOLEAN };
    }
    case 'between': {
      const a = go(e.arg);
      const code = `((v) => $and($ge(v, ${go(e.low).code}), $le(v, ${go(e.high).code})))(${a.code})`;
      return { code: e.not ? `$not(${code})` : code, type: T.BOOLEAN };
    }
    case 'binary': {
      const shifted = timestampShift(e, go);
      if (shifted) return shifted;
      const l = go(e.left);
      const r = go(e.right);
      if (['+', '-', '*', '/', '%'].includes(e.op)) {
        for (const [x, side] of [[l, e.left], [r, e.right]] as const) {
          if (!isNumeric(x.type) && x.type.name !== 'NULL') throw new PlanError(side.pos, `${e.op} needs numbers, but this is ${typeText(x.type)}`);
        }
        const type = arithmeticType(e.op, l.type, r.type);
        const fn = e.op === '/' ? (isInteger(type) ? '$idiv' : '$div') : BINARY[e.op]!;
        const code = `${fn}(${l.code}, ${r.code})`;
        return { code: type.name === 'DECIMAL' ? `$round(${code}, ${type.scale})` : code, type };
      }
      const fn = BINARY[e.op];
      if (!fn) throw new PlanError(e.pos, `the operator ${e.op} is not supported yet`);
      return { code: `${fn}(${l.code}, ${r.code})`, type: e.op === '||' ? T.STRING : T.BOOLEAN };
    }
    case 'call': {
      if (AGGREGATES.has(e.name)) {
        if (!agg) throw new PlanError(e.pos, `${e.name} is an aggregate: it is not allowed here (in WHERE, in GROUP BY, or inside another aggregate)`);
        return agg(e);
      }
      const args = e.args.map(go);
      const one = (f: string, type: SqlType) => {
        if (args.length !== 1) throw new PlanError(e.pos, `${e.name} takes one argument`);
        return { code: `((v) => ($n(v) ? null : ${f}))(${args[0]!.code})`, type };
      };
      switch (e.name) {
        case 'UPPER':
          return one('String(v).toUpperCase()', T.STRING);
        case 'LOWER':
          return one('String(v).toLowerCase()', T.STRING);
        case 'CHAR_LENGTH':
        case 'CHARACTER_LENGTH':
          return one('[...String(v)].length', T.INT);
        case 'ABS':
          return one('Math.abs(v)', args[0]!.type);
        case 'TO_TIMESTAMP_LTZ': {
          // TO_TIMESTAMP_LTZ(epoch, precision): seconds (0) or milliseconds (3) since the epoch, as Flink's.
          const precision = e.args[1];
          const p = precision?.kind === 'literal' && typeof precision.value === 'number' ? precision.value : -1;
          if (args.length !== 2 || (p !== 0 && p !== 3)) throw new PlanError(e.pos, 'TO_TIMESTAMP_LTZ takes (epoch, 0) for seconds or (epoch, 3) for milliseconds');
          if (!isNumeric(args[0]!.type) && args[0]!.type.name !== 'NULL') throw new PlanError(e.args[0]!.pos, `TO_TIMESTAMP_LTZ needs a number of ${p === 0 ? 'seconds' : 'milliseconds'}, but this is ${typeText(args[0]!.type)}`);
          return { code: `((v) => ($n(v) ? null : Math.floor(Number(v) * ${p === 0 ? 1000 : 1})))(${args[0]!.code})`, type: { name: 'TIMESTAMP_LTZ', precision: 3 } };
        }
        case 'PROCTIME':
          // A computed column `c AS PROCTIME()` is read from the task's clock by the table scan
          // (table-scan.ts); anywhere else the generated code has no clock to read.
          throw new PlanError(e.pos, 'PROCTIME() is supported only as a computed column of a table yet (proc AS PROCTIME() in CREATE TABLE); select that column');
        case 'COALESCE':
          if (args.length === 0) throw new PlanError(e.pos, 'COALESCE needs arguments');
          return { code: `[${args.map((a) => a.code).join(', ')}].find((v) => !$n(v)) ?? null`, type: args.find((a) => a.type.name !== 'NULL')?.type ?? T.NULL };
      }
      throw new PlanError(e.pos, `the function ${e.name} is not supported yet (supported: UPPER, LOWER, CHAR_LENGTH, ${STRING_FUNCTION_NAMES.join(', ')}, ABS, TO_TIMESTAMP_LTZ, COALESCE, CAST and the aggregates COUNT, SUM, MIN, MAX, AVG)`);
    }
    case 'subquery':
      throw new PlanError(e.pos, `${subqueryText(e)} is supported only in the WHERE of a query reading one table or view, as a condition on its own or joined to the others by AND (a SEMI / ANTI join), not here`);
    default:
      throw new PlanError(e.pos, `this ${e.kind} expression is not supported here`);
  }
}

/**
 * `ts ± INTERVAL '…'` and `INTERVAL '…' + ts`: a timestamp moved by a day-time interval, of the
 * timestamp's type (Flink's TIMESTAMP / TIMESTAMP_LTZ plus INTERVAL DAY TO SECOND); null for any
 * other binary expression.
 */
function timestampShift(e: Extract<Expr, { kind: 'binary' }>, go: (x: Expr) => { code: string; type: SqlType }): { code: string; type: SqlType } | null {
  if (e.op !== '+' && e.op !== '-') return null;
  const shift = e.right.kind === 'interval' ? { ts: e.left, ms: e.right.ms, sign: e.op === '+' ? 1 : -1 } : e.left.kind === 'interval' && e.op === '+' ? { ts: e.right, ms: e.left.ms, sign: 1 } : null;
  if (!shift) return null;
  if (shift.ts.kind === 'interval') throw new PlanError(e.pos, 'adding two INTERVALs is not supported yet; add an INTERVAL to a timestamp');
  const t = go(shift.ts);
  if (!isTimestamp(t.type) && t.type.name !== 'NULL') throw new PlanError(shift.ts.pos, `an INTERVAL can only be added to or subtracted from a timestamp, but this is ${typeText(t.type)}`);
  return { code: `$shift(${t.code}, ${shift.sign * shift.ms})`, type: t.type.name === 'NULL' ? { name: 'TIMESTAMP', precision: 3 } : t.type };
}

/** How a message names a subquery predicate: `IN (SELECT …)`, `NOT IN (SELECT …)` or `EXISTS (SELECT …)`. */
export function subqueryText(e: Extract<Expr, { kind: 'subquery' }>): string {
  return e.arg === null ? 'EXISTS (SELECT …)' : `${e.not ? 'NOT IN' : 'IN'} (SELECT …)`;
}

/** Flink's name of an unnamed select item: the column's name, else `EXPR$<index>`. */
export function itemName(e: Expr, index: number): string {
  return e.kind === 'column' ? e.name : `EXPR$${index}`;
}
