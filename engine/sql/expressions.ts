/**
 * The predicates and conditional expressions of Flink SQL beyond arithmetic — `CASE` (searched
 * and simple), `IN` / `NOT IN`, `LIKE` (`%`, `_`, `ESCAPE`), `IS [NOT] TRUE/FALSE`, comparisons
 * with Flink's type rules — and the string functions, as JavaScript for the generated code.
 * SQL's three-valued logic: a NULL operand gives NULL (UNKNOWN), except where Flink says otherwise
 * (`IS [NOT] TRUE/FALSE` never return NULL; `IN` is TRUE on a match even when the list holds a
 * NULL; `CONCAT_WS` skips NULL arguments).
 */
import type { Expr, Pos } from './ast.js';
import { PlanError } from './plan-error.js';
import { isNumeric, isTimestamp, type SqlType, T, typeText } from './types.js';

type Code = { code: string; type: SqlType };
type Go = (e: Expr) => Code;

/** Helpers the generated functions start with, after codegen's (they use `$n`, `$eq`). */
export const EXPRESSION_RUNTIME = String.raw`const $in = (v, xs) => { if ($n(v)) return null; let u = false; for (const x of xs) { if ($n(x)) u = true; else if (x === v) return true; } return u ? null : false; };
const $re = (s) => s.replace(/[.*+?^$(){}|[\]\\]/g, '\\$&');
const $likeRe = new Map();
const $like = (s, p, e) => {
  if ($n(s) || $n(p)) return null;
  const key = (e ?? '') + '\u0000' + p;
  let re = $likeRe.get(key);
  if (!re) {
    let src = '';
    const cs = [...p];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (e !== null && c === e) {
        const x = cs[i + 1];
        if (x !== '_' && x !== '%' && x !== e) throw new Error('LIKE: invalid escape sequence in the pattern ' + JSON.stringify(p));
        src += $re(x); i++;
      } else src += c === '%' ? '.*' : c === '_' ? '.' : $re(c);
    }
    re = new RegExp('^' + src + '$', 'su');
    $likeRe.set(key, re);
  }
  return re.test(s);
};
const $nc = (f) => (...a) => (a.some($n) ? null : f(...a));
const $cp = (s) => [...s];
const $substr = $nc((s, p, l) => {
  const cs = $cp(s);
  if (l !== undefined && l < 0) return null;
  let start = p > 0 ? p - 1 : p < 0 ? cs.length + p : 0;
  if (start >= cs.length || start < 0) return '';
  return cs.slice(start, l === undefined ? cs.length : start + l).join('');
});
const $pad = (left) => $nc((s, len, pad) => {
  if (len < 0) return null;
  const cs = $cp(s), ps = $cp(pad);
  if (len <= cs.length) return cs.slice(0, len).join('');
  if (ps.length === 0) return s;
  const fill = [];
  while (fill.length < len - cs.length) fill.push(ps[fill.length % ps.length]);
  return left ? fill.join('') + s : s + fill.join('');
});
const $sf = {
  SUBSTRING: $substr, SUBSTR: $substr,
  TRIM: $nc((s) => s.replace(/^ +| +$/g, '')), LTRIM: $nc((s) => s.replace(/^ +/, '')), RTRIM: $nc((s) => s.replace(/ +$/, '')),
  CONCAT: $nc((...a) => a.join('')),
  CONCAT_WS: (sep, ...a) => ($n(sep) ? null : a.filter((x) => !$n(x)).join(sep)),
  REPLACE: $nc((s, a, b) => (a === '' ? s : s.split(a).join(b))),
  POSITION: $nc((a, b) => { const i = b.indexOf(a); return i < 0 ? 0 : $cp(b.slice(0, i)).length + 1; }),
  LOCATE: $nc((a, b, from) => { const cs = $cp(b); const f = from === undefined ? 1 : from; if (f < 1) return 0; const i = cs.slice(f - 1).join('').indexOf(a); return i < 0 ? 0 : f + $cp(cs.slice(f - 1).join('').slice(0, i)).length; }),
  INITCAP: $nc((s) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (m, a, b) => a + b.toUpperCase())),
  LPAD: $pad(true), RPAD: $pad(false),
  REPEAT: $nc((s, n) => (n <= 0 ? '' : s.repeat(n))),
  REVERSE: $nc((s) => $cp(s).reverse().join('')),
  SPLIT_INDEX: $nc((s, sep, i) => { if (i < 0) return null; const parts = sep === '' ? [s] : s.split(sep); return i < parts.length ? parts[i] : null; }),
  REGEXP_REPLACE: $nc((s, re, rep) => s.replace(new RegExp(re, 'gu'), rep)),
  REGEXP_EXTRACT: $nc((s, re, i) => { const m = new RegExp(re, 'u').exec(s); const g = i === undefined ? 1 : i; return m && g >= 0 && g < m.length ? (m[g] ?? null) : null; }),
};
`;

/**
 * The string functions: name → [parameter types ('S' string, 'I' integer), minimum arity,
 * result type]. Every one returns NULL when an argument is NULL, but CONCAT_WS.
 */
const STRING_FUNCTIONS: Record<string, { params: string; min: number; result: SqlType; variadic?: true }> = {
  SUBSTRING: { params: 'SII', min: 2, result: T.STRING },
  SUBSTR: { params: 'SII', min: 2, result: T.STRING },
  TRIM: { params: 'S', min: 1, result: T.STRING },
  LTRIM: { params: 'S', min: 1, result: T.STRING },
  RTRIM: { params: 'S', min: 1, result: T.STRING },
  CONCAT: { params: 'S', min: 1, result: T.STRING, variadic: true },
  CONCAT_WS: { params: 'S', min: 2, result: T.STRING, variadic: true },
  REPLACE: { params: 'SSS', min: 3, result: T.STRING },
  POSITION: { params: 'SS', min: 2, result: T.INT },
  LOCATE: { params: 'SSI', min: 2, result: T.INT },
  INITCAP: { params: 'S', min: 1, result: T.STRING },
  LPAD: { params: 'SIS', min: 3, result: T.STRING },
  RPAD: { params: 'SIS', min: 3, result: T.STRING },
  REPEAT: { params: 'SI', min: 2, result: T.STRING },
  REVERSE: { params: 'S', min: 1, result: T.STRING },
  SPLIT_INDEX: { params: 'SSI', min: 3, result: T.STRING },
  REGEXP_REPLACE: { params: 'SSS', min: 3, result: T.STRING },
  REGEXP_EXTRACT: { params: 'SSI', min: 2, result: T.STRING },
};

/** The string functions Eddy runs, for messages and completion. */
export const STRING_FUNCTION_NAMES = Object.keys(STRING_FUNCTIONS);

/** How an expression is named in a message: the column, the literal, or where it starts. */
export function describe(e: Expr): string {
  if (e.kind === 'column') return `column ${e.name}`;
  if (e.kind === 'literal') return e.value === null ? 'NULL' : typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
  return `the expression at ${e.pos.line}:${e.pos.column}`;
}

/** The direct sub-expressions of `e` (for walks such as "does it call an aggregate"). */
export function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'unary':
    case 'cast':
      return [e.arg];
    case 'between':
      return [e.arg, e.low, e.high];
    case 'call':
      return e.args;
    case 'in':
      return [e.arg, ...e.list];
    case 'like':
      return [e.arg, e.pattern];
    case 'case':
      return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.result]), ...(e.otherwise ? [e.otherwise] : [])];
    default:
      return [];
  }
}

type Family = 'number' | 'string' | 'boolean' | 'timestamp' | 'null';
const family = (t: SqlType): Family => (isNumeric(t) ? 'number' : isTimestamp(t) ? 'timestamp' : t.name === 'STRING' ? 'string' : t.name === 'BOOLEAN' ? 'boolean' : 'null');

/**
 * The type values of `types` share (Calcite's least restrictive type): numbers widen (INT <
 * BIGINT < DECIMAL < DOUBLE; DECIMAL keeps the widest integer part and scale), strings are
 * STRING; NULL fits any. Null when two families mix (Flink's "Illegal mixing of types").
 */
export function commonType(types: SqlType[]): SqlType | null {
  const known = types.filter((t) => t.name !== 'NULL');
  if (known.length === 0) return T.NULL;
  const fam = family(known[0]!);
  if (known.some((t) => family(t) !== fam)) return null;
  if (fam === 'string') return T.STRING;
  if (fam === 'boolean') return T.BOOLEAN;
  if (fam === 'timestamp') return known.every((t) => t.name === 'TIMESTAMP_LTZ') ? known[0]! : T.TIMESTAMP3;
  if (known.some((t) => t.name === 'DOUBLE' || t.name === 'FLOAT')) return T.DOUBLE;
  if (known.some((t) => t.name === 'DECIMAL')) {
    const digits = (t: SqlType) => (t.name === 'DECIMAL' ? (t.precision ?? 10) - (t.scale ?? 0) : t.name === 'BIGINT' ? 19 : 10);
    const scale = Math.max(...known.map((t) => (t.name === 'DECIMAL' ? (t.scale ?? 0) : 0)));
    return { name: 'DECIMAL', precision: Math.min(38, Math.max(...known.map(digits)) + scale), scale };
  }
  return known.some((t) => t.name === 'BIGINT') ? T.BIGINT : T.INT;
}

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const COMPARE_FN: Record<string, string> = { '=': '$eq', '<>': '$ne', '<': '$lt', '<=': '$le', '>': '$gt', '>=': '$ge' };

/** A STRING operand compared with a number, timestamp or boolean is cast to it at run time, as Flink does (a bad value fails the job). */
function coerce(c: Code, e: Expr, to: SqlType): string {
  const name = JSON.stringify(e.kind === 'column' ? e.name : 'CAST');
  if (isTimestamp(to)) return `$ts(${c.code}, ${name})`;
  if (to.name === 'BOOLEAN') return `$bool(${c.code}, ${name})`;
  return `$num(${c.code}, ${name})`;
}

function compare(op: string, pos: Pos, le: Expr, re: Expr, l: Code, r: Code): string {
  const fl = family(l.type);
  const fr = family(r.type);
  let lc = l.code;
  let rc = r.code;
  if (fl !== fr && fl !== 'null' && fr !== 'null') {
    if (fl === 'string') lc = coerce(l, le, r.type);
    else if (fr === 'string') rc = coerce(r, re, l.type);
    else throw new PlanError(pos, `cannot compare ${describe(le)} (${typeText(l.type)}) with ${describe(re)} (${typeText(r.type)})`);
  }
  return `${COMPARE_FN[op]}(${lc}, ${rc})`;
}

function needString(e: Expr, c: Code, what: string): void {
  if (c.type.name !== 'STRING' && c.type.name !== 'NULL') throw new PlanError(e.pos, `${what} needs a string, but ${describe(e)} is ${typeText(c.type)}`);
}

function needBoolean(e: Expr, c: Code, what: string): void {
  if (c.type.name !== 'BOOLEAN' && c.type.name !== 'NULL') throw new PlanError(e.pos, `${what} needs a condition (BOOLEAN), but ${describe(e)} is ${typeText(c.type)}`);
}

/** Code for the expressions this module owns, or null for the others (codegen handles them). */
export function expressionCode(e: Expr, go: Go): Code | null {
  switch (e.kind) {
    case 'binary':
      return COMPARISONS.has(e.op) ? { code: compare(e.op, e.pos, e.left, e.right, go(e.left), go(e.right)), type: T.BOOLEAN } : null;
    case 'unary': {
      if (!e.op.endsWith('TRUE') && !e.op.endsWith('FALSE')) return null;
      const a = go(e.arg);
      needBoolean(e.arg, a, e.op);
      const code = { 'IS TRUE': `(${a.code} === true)`, 'IS NOT TRUE': `(${a.code} !== true)`, 'IS FALSE': `(${a.code} === false)`, 'IS NOT FALSE': `(${a.code} !== false)` }[e.op as 'IS TRUE'];
      return { code, type: T.BOOLEAN };
    }
    case 'in': {
      const a = go(e.arg);
      const list = e.list.map(go);
      if (commonType(list.map((x) => x.type)) === null) throw new PlanError(e.pos, `the values of ${e.not ? 'NOT IN' : 'IN'} (…) must have compatible types: ${e.list.map((x, i) => `${describe(x)} is ${typeText(list[i]!.type)}`).join(', ')}`);
      if (commonType([a.type, ...list.map((x) => x.type)]) === null) throw new PlanError(e.pos, `${describe(e.arg)} (${typeText(a.type)}) cannot be compared with the values of ${e.not ? 'NOT IN' : 'IN'} (…) (${typeText(commonType(list.map((x) => x.type))!)})`);
      const code = `$in(${a.code}, [${list.map((x) => x.code).join(', ')}])`;
      return { code: e.not ? `$not(${code})` : code, type: T.BOOLEAN };
    }
    case 'like': {
      const a = go(e.arg);
      const p = go(e.pattern);
      needString(e.arg, a, 'LIKE');
      needString(e.pattern, p, 'the pattern of LIKE');
      if (e.escape !== null && [...e.escape].length !== 1) throw new PlanError(e.pos, `the ESCAPE of LIKE must be one character, not '${e.escape}'`);
      const code = `$like(${a.code}, ${p.code}, ${JSON.stringify(e.escape)})`;
      return { code: e.not ? `$not(${code})` : code, type: T.BOOLEAN };
    }
    case 'case':
      return caseCode(e, go);
    case 'call': {
      const spec = STRING_FUNCTIONS[e.name];
      if (!spec) return null;
      const args = e.args.map(go);
      if (args.length < spec.min || (!spec.variadic && args.length > spec.params.length)) {
        throw new PlanError(e.pos, `${e.name} takes ${spec.variadic ? `at least ${spec.min}` : spec.min === spec.params.length ? spec.min : `${spec.min} to ${spec.params.length}`} argument${spec.min === 1 && !spec.variadic ? '' : 's'}, not ${args.length}`);
      }
      args.forEach((a, i) => {
        const want = spec.params[Math.min(i, spec.params.length - 1)];
        if (want === 'S') needString(e.args[i]!, a, e.name);
        else if (a.type.name !== 'INT' && a.type.name !== 'BIGINT' && a.type.name !== 'NULL') throw new PlanError(e.args[i]!.pos, `${e.name} needs a whole number here, but ${describe(e.args[i]!)} is ${typeText(a.type)}`);
      });
      return { code: `$sf[${JSON.stringify(e.name)}](${args.map((a) => a.code).join(', ')})`, type: spec.result };
    }
    default:
      return null;
  }
}

function caseCode(e: Extract<Expr, { kind: 'case' }>, go: Go): Code {
  const operand = e.operand ? go(e.operand) : null;
  const results = [...e.whens.map((w) => w.result), ...(e.otherwise ? [e.otherwise] : [])];
  const codes = results.map(go);
  const type = commonType(codes.map((c) => c.type));
  if (type === null) throw new PlanError(e.pos, `CASE mixes types: ${results.map((r, i) => `${describe(r)} is ${typeText(codes[i]!.type)}`).join(', ')} (Flink: illegal mixing of types in CASE)`);
  let code = e.otherwise ? codes[codes.length - 1]!.code : 'null';
  for (let i = e.whens.length - 1; i >= 0; i--) {
    const w = e.whens[i]!;
    const cond = go(w.when);
    const test = operand && e.operand ? compare('=', w.when.pos, e.operand, w.when, { code: '$v', type: operand.type }, cond) : cond.code;
    if (!operand) needBoolean(w.when, cond, 'WHEN');
    code = `(${test} === true ? ${codes[i]!.code} : ${code})`;
  }
  if (type.name === 'DECIMAL') code = `$round(${code}, ${type.scale})`;
  return { code: operand ? `(($v) => ${code})(${operand.code})` : code, type };
}
