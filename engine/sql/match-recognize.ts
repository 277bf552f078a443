/**
 * MATCH_RECOGNIZE onto Flink CEP, as Flink's planner translates it (StreamExecMatch,
 * MatchCodeGenerator): a keyBy on the PARTITION BY columns (none: one partition) and a
 * `cep.pattern` node whose stages are the pattern variables in order — concatenation is strict
 * contiguity (`next`), `*` is oneOrMore().optional().consecutive(), `+` oneOrMore().consecutive(),
 * `?` optional(), `{n,m}` times(n, m).consecutive(), `{n,}` timesOrMore(n).consecutive(); every
 * quantifier but `?` and `{n}` is greedy unless written reluctant (`+?`). Each DEFINE becomes the
 * stage's condition and MEASURES the match's `select`; an outer `map` is the query's SELECT.
 *
 * Navigation follows MatchCodeGenerator: `A.col` is the last row of A (in DEFINE, the rows of A
 * so far plus the current row when A is the variable being defined); `col` without a variable is
 * the current row in DEFINE, otherwise the last row of all the rows matched so far; `FIRST(x, n)`
 * / `LAST(x, n)` count n rows from the first / last; an aggregate runs over the rows of the one
 * variable its argument names. `MATCH_ROWTIME()` is the timestamp of the row that completed the
 * match. Output rows: the PARTITION BY columns, then the measures, append-only.
 */
import type { Expr, MatchRecognize, PatternVariable, Pos, Select } from './ast.js';
import type { CepStage } from '../graph/schema-cep.js';
import { AGGREGATES, exprCode, field, itemName, PlanError } from './codegen.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned, type Table } from './job-builder.js';
import { aggregateType, isInteger, isNumeric, T, type SqlType, typeText } from './types.js';

type ColumnExpr = Extract<Expr, { kind: 'column' }>;
type CallExpr = Extract<Expr, { kind: 'call' }>;

/** Where a column reference reads from: the navigation FIRST/LAST put around it. */
interface Nav {
  first: boolean;
  offset: number;
}

const MATCH_ROWTIME = '$matchRowtime';

/** Plans `s`, whose FROM is `m` over `table` (scanned into `input`). */
export function planMatchRecognize(s: Select, m: MatchRecognize, table: Table, job: JobBuilder, input: string): Planned {
  const rowtime = table.def.watermark?.column ?? null;
  const columnOf = (name: string, pos: Pos): Column => {
    const c = table.columns.find((x) => x.name === name);
    if (!c) throw new PlanError(pos, `unknown column ${name}; table ${table.def.name} has ${table.columns.map((x) => x.name).join(', ')}`);
    return c;
  };
  if (m.allRows) throw new PlanError(m.allRows, 'ALL ROWS PER MATCH is not supported (as in Flink: "All rows per match mode is not supported yet"); use ONE ROW PER MATCH');
  for (const p of m.partitionBy) columnOf(p.name, p.pos);
  checkOrder(m, table, rowtime, columnOf);
  const names = checkPattern(m);
  const stages = m.pattern.map((v, i) => stage(v, i));
  const defined = new Map<string, MatchRecognize['define'][number]>();
  for (const d of m.define) {
    // Flink accepts (and ignores) the definition of a variable the pattern does not use.
    if (defined.has(d.name)) throw new PlanError(d.pos, `${d.name} is defined twice`);
    defined.set(d.name, d);
  }
  m.pattern.forEach((v, i) => {
    const d = defined.get(v.name);
    if (d) stages[i]!.where = defineCode(d, names.slice(0, i + 1), table, columnOf);
  });

  // ONE ROW PER MATCH: the partition columns, then the measures.
  const out: Column[] = [];
  const parts: string[] = [];
  for (const p of m.partitionBy) {
    const c = columnOf(p.name, p.pos);
    out.push(c);
    parts.push(`${JSON.stringify(c.name)}: $key[${JSON.stringify(c.name)}]`);
  }
  for (const me of m.measures) {
    if (out.some((c) => c.name === me.name)) throw new PlanError(me.pos, `the measure ${me.name} has the name of another output column; rename it`);
    const e = translate(me.expr, { define: null, names, table, columnOf, rowtimeType: rowtime ? columnOf(rowtime, m.pos).type : T.TIMESTAMP3, rowtime });
    out.push({ name: me.name, type: e.type });
    parts.push(`${JSON.stringify(me.name)}: ${e.code}`);
  }
  const select = fn(`(match, ctx) => {
  const $key = ${JSON.stringify(names)}.map((v) => match[v]).find((l) => l !== undefined && l.length > 0)[0];
  const $L = (v) => (v === '*' ? ${JSON.stringify(names)}.flatMap((n) => match[n] ?? []) : match[v] ?? []);
  return { ${parts.join(', ')} };
}`);

  const keys = m.partitionBy.map((p) => p.name);
  const keyCode = keys.length === 0 ? '() => 0' : keys.length === 1 ? `(r) => r[${JSON.stringify(keys[0]!)}]` : `(r) => JSON.stringify([${keys.map((k) => field('r', k)).join(', ')}])`;
  job.pinned = undefined;
  const keyed = job.add('partition_by', 'keyBy', { code: keyCode }, input, keys.length > 0 ? `PARTITION BY ${keys.join(', ')}` : 'one partition');
  const params: Record<string, unknown> = {
    pattern: stages,
    afterMatchSkip: skipStrategy(m),
    select,
    ...(m.withinMs !== null ? { withinMs: m.withinMs } : {}),
  };
  const matched = job.add('match_recognize', 'cep.pattern', params, keyed, `MATCH_RECOGNIZE PATTERN (${m.pattern.map(patternText).join(' ')})`);
  return project(s, m, out, job, matched);
}

function checkOrder(m: MatchRecognize, table: Table, rowtime: string | null, columnOf: (name: string, pos: Pos) => Column): void {
  const first = m.orderBy[0];
  if (!first) throw new PlanError(m.pos, `MATCH_RECOGNIZE needs ORDER BY ${rowtime ?? 'a time attribute'} (as in Flink: "You must specify either rowtime or proctime for order by")`);
  columnOf(first.name, first.pos);
  if (first.name !== rowtime) {
    throw new PlanError(first.pos, `MATCH_RECOGNIZE must be ordered by a time attribute first (as in Flink: "You must specify either rowtime or proctime for order by as the first one"): ${first.name} is not ${table.def.name}'s rowtime${rowtime ? `; order by ${rowtime}` : ' (it has no WATERMARK FOR)'}`);
  }
  if (first.desc) throw new PlanError(first.pos, `ORDER BY ${first.name} DESC: the time order must be ascending (as in Flink: "Primary sort order of a streaming table must be ascending on time")`);
  const second = m.orderBy[1];
  if (second) {
    columnOf(second.name, second.pos);
    throw new PlanError(second.pos, `ORDER BY ${first.name}, ${second.name}: a secondary order is not supported yet; rows with the same ${first.name} are taken in arrival order`);
  }
}

/** The pattern's variable names, after Flink's checks on the pattern's shape. */
function checkPattern(m: MatchRecognize): string[] {
  const names: string[] = [];
  for (const v of m.pattern) {
    if (names.includes(v.name)) throw new PlanError(v.pos, `the pattern variable ${v.name} appears twice (as in Flink: "Pattern variables must be unique")`);
    names.push(v.name);
    if (!v.greedy && v.min === 0 && v.max === 1) throw new PlanError(v.pos, `${patternText(v)}: a reluctant optional variable is not supported (as in Flink: "Reluctant optional variables are not supported yet")`);
  }
  const last = m.pattern[m.pattern.length - 1]!;
  if (isGreedy(last)) {
    throw new PlanError(last.pos, `${patternText(last)} ends the pattern with a greedy quantifier (as in Flink: "Greedy quantifiers are not allowed as the last element of a Pattern yet. Finish your pattern with either a simple variable or reluctant quantifier.")`);
  }
  if (m.pattern.every((v) => v.min === 0)) throw new PlanError(m.patternPos, 'the pattern can match no rows (as in Flink: "Patterns that can produce empty matches are not supported. There must be at least one non-optional state.")');
  m.pattern.forEach((v, i) => {
    const prev = m.pattern[i - 1];
    // Pattern.optional() makes this check; `*` and `?` call it (times(0, m) does not).
    if (prev && isGreedy(prev) && v.min === 0 && (v.max === 1 || v.max === -1)) throw new PlanError(v.pos, `${patternText(v)} is optional and follows the greedy ${patternText(prev)} (as in Flink: "Optional pattern cannot be preceded by greedy pattern")`);
  });
  if (m.skip?.variable !== undefined && !names.includes(m.skip.variable)) {
    throw new PlanError(m.skip.pos, `AFTER MATCH SKIP TO ${m.skip.kind === 'toFirst' ? 'FIRST' : 'LAST'} ${m.skip.variable}: ${m.skip.variable} is not a variable of PATTERN (${names.join(' ')})`);
  }
  const first = m.pattern[0]!;
  if (m.skip?.kind === 'toFirst' && m.skip.variable === first.name && first.min > 0) {
    // Every match starts with a row of it: Flink fails the job at the first match.
    throw new PlanError(m.skip.pos, `AFTER MATCH SKIP TO FIRST ${first.name} would start the next match where this one started (Flink fails the job: "Could not skip to first element of a match.")`);
  }
  return names;
}

/** Flink sets `greedy()` on every quantifier but `?` and `{n}`, unless it is reluctant. */
const isGreedy = (v: PatternVariable) => v.quantified && v.greedy && !(v.min === 0 && v.max === 1) && v.min !== v.max;

function patternText(v: PatternVariable): string {
  if (!v.quantified) return v.name;
  const q = v.min === 0 && v.max === -1 ? '*' : v.min === 1 && v.max === -1 ? '+' : v.min === 0 && v.max === 1 ? '?' : v.max === -1 ? `{${v.min},}` : v.min === v.max ? `{${v.min}}` : `{${v.min},${v.max}}`;
  return `${v.name}${q}${v.greedy ? '' : '?'}`;
}

/** A pattern variable as a `cep.pattern` stage (StreamExecMatch's applyQuantifier). */
function stage(v: PatternVariable, i: number): CepStage {
  const s: CepStage = { name: v.name, type: i === 0 ? 'begin' : 'next' };
  const greedy = isGreedy(v);
  if (v.min === 0 && v.max === -1) Object.assign(s, { oneOrMore: true, optional: true, consecutive: true });
  else if (v.min === 1 && v.max === -1) Object.assign(s, { oneOrMore: true, consecutive: true });
  else if (v.min === 0 && v.max === 1) s.optional = true;
  else if (v.max === -1) Object.assign(s, { timesOrMore: v.min, consecutive: true });
  else if (v.min === v.max) {
    if (v.min !== 1) Object.assign(s, { times: v.min, consecutive: true });
  } else Object.assign(s, { times: { from: v.min, to: v.max }, consecutive: true });
  if (greedy) s.greedy = true;
  return s;
}

function skipStrategy(m: MatchRecognize): unknown {
  const k = m.skip;
  // Calcite's default is SKIP TO NEXT ROW.
  if (k === null || k.kind === 'toNextRow') return 'skipToNext';
  if (k.kind === 'pastLastRow') return 'skipPastLastEvent';
  return k.kind === 'toFirst' ? { skipToFirst: k.variable } : { skipToLast: k.variable };
}

interface Scope {
  /** The variable a DEFINE condition is for (its rows include the current row); null in MEASURES. */
  define: string | null;
  /** The pattern variables visible: in DEFINE those up to the one defined, in order. */
  names: string[];
  table: Table;
  columnOf: (name: string, pos: Pos) => Column;
  rowtimeType: SqlType;
  rowtime: string | null;
}

function defineCode(d: MatchRecognize['define'][number], names: string[], table: Table, columnOf: Scope['columnOf']): string {
  const e = translate(d.expr, { define: d.name, names, table, columnOf, rowtimeType: T.TIMESTAMP3, rowtime: null });
  if (e.type.name !== 'BOOLEAN') throw new PlanError(d.expr.pos, `DEFINE ${d.name} needs a condition, but this is ${typeText(e.type)}`);
  return fn(`(r, ctx) => {
  const $c = {};
  const $L = (v) => $c[v] ??= (v === '*' ? [...${JSON.stringify(names)}.flatMap((n) => ctx.getEventsForPattern(n)), r] : v === ${JSON.stringify(d.name)} ? [...ctx.getEventsForPattern(v), r] : ctx.getEventsForPattern(v));
  return ${e.code} === true;
}`);
}

/** Code and type of a DEFINE or MEASURES expression (the functions `$L` and `ctx` in scope). */
function translate(e: Expr, scope: Scope): { code: string; type: SqlType } {
  const navs = new WeakMap<ColumnExpr, Nav>();
  const rewritten = navigate(e, null, navs, scope);
  const resolve = (c: ColumnExpr) => {
    if (c.name === MATCH_ROWTIME && navs.get(c) === undefined && c.qualifier === '$') return { code: 'ctx.timestamp', type: scope.rowtimeType };
    const col = scope.columnOf(c.name, c.pos);
    const variable = variableOf(c, scope);
    const nav = navs.get(c) ?? { first: false, offset: 0 };
    if (scope.define !== null && variable === '*' && !nav.first && nav.offset === 0) return { code: field('r', col.name), type: col.type };
    const list = `$L(${JSON.stringify(variable)})`;
    const row = nav.first ? `${list}[${nav.offset}]` : `${list}[${list}.length - ${nav.offset + 1}]`;
    return { code: `((x) => (x === undefined ? null : x[${JSON.stringify(col.name)}]))(${row})`, type: col.type };
  };
  const agg = (c: CallExpr) => aggregateCode(c, scope);
  return exprCode(rewritten, resolve, agg);
}

/** `v` of `v.col`, or `*` (every row) for a plain column. */
function variableOf(c: ColumnExpr, scope: Scope): string {
  if (c.qualifier === undefined) return '*';
  if (!scope.names.includes(c.qualifier)) {
    throw new PlanError(c.pos, `${c.qualifier}.${c.name}: ${c.qualifier} is not a pattern variable${scope.define !== null ? ` defined before or as ${scope.define}` : ''} (${scope.names.join(', ')})`);
  }
  return c.qualifier;
}

/** Removes FIRST / LAST / MATCH_ROWTIME() calls, recording their navigation on the columns inside. */
function navigate(e: Expr, nav: Nav | null, navs: WeakMap<ColumnExpr, Nav>, scope: Scope): Expr {
  const go = (x: Expr) => navigate(x, nav, navs, scope);
  switch (e.kind) {
    case 'column': {
      const copy: ColumnExpr = { ...e };
      if (nav) navs.set(copy, nav);
      return copy;
    }
    case 'call': {
      if (e.name === 'FIRST' || e.name === 'LAST') {
        if (nav) throw new PlanError(e.pos, `${e.name} inside ${nav.first ? 'FIRST' : 'LAST'} is not allowed`);
        if (e.args.length < 1 || e.args.length > 2) throw new PlanError(e.pos, `${e.name} takes a column and an optional offset: ${e.name}(A.price[, 1])`);
        const off = e.args[1];
        let offset = 0;
        if (off !== undefined) {
          if (off.kind !== 'literal' || typeof off.value !== 'number' || !Number.isInteger(off.value) || off.value < 0) throw new PlanError(off.pos, `the offset of ${e.name} must be a whole number ≥ 0`);
          offset = off.value;
        }
        return navigate(e.args[0]!, { first: e.name === 'FIRST', offset }, navs, scope);
      }
      if (e.name === 'MATCH_ROWTIME') {
        if (scope.define !== null) throw new PlanError(e.pos, 'MATCH_ROWTIME() is a measure: use it in MEASURES, not in DEFINE');
        const arg = e.args[0];
        if (e.args.length > 1 || (arg !== undefined && (arg.kind !== 'column' || arg.qualifier !== undefined || arg.name !== scope.rowtime))) {
          throw new PlanError(e.pos, `MATCH_ROWTIME takes no argument or the rowtime column${scope.rowtime ? ` (${scope.rowtime})` : ''}`);
        }
        return { kind: 'column', pos: e.pos, name: MATCH_ROWTIME, qualifier: '$' };
      }
      if (e.name === 'PREV' || e.name === 'NEXT') throw new PlanError(e.pos, `${e.name}(...) is refused by Flink ("Flink does not support physical offsets within partition"); use LAST(v.col, 1) for the row before the last one of v`);
      // Flink 2.3 refuses both (its validator has no MATCH_NUMBER, its code generator no CLASSIFIER).
      if (e.name === 'MATCH_NUMBER') throw new PlanError(e.pos, 'MATCH_NUMBER() is not supported, as in Flink ("No match found for function signature MATCH_NUMBER()")');
      if (e.name === 'CLASSIFIER') throw new PlanError(e.pos, 'CLASSIFIER() is not supported, as in Flink ("Unsupported call: CLASSIFIER()"); measure a variable\'s rows instead, e.g. COUNT(A.price) > 0');
      if (e.name === 'MATCH_PROCTIME') throw new PlanError(e.pos, 'MATCH_PROCTIME() is not supported yet (processing time in SQL is not); use MATCH_ROWTIME()');
      if (AGGREGATES.has(e.name)) return e;
      return { ...e, args: e.args.map(go) };
    }
    case 'binary':
      return { ...e, left: go(e.left), right: go(e.right) };
    case 'unary':
      return { ...e, arg: go(e.arg) };
    case 'between':
      return { ...e, arg: go(e.arg), low: go(e.low), high: go(e.high) };
    case 'cast':
      return { ...e, arg: go(e.arg) };
    case 'in':
      return { ...e, arg: go(e.arg), list: e.list.map(go) };
    case 'like':
      return { ...e, arg: go(e.arg), pattern: go(e.pattern) };
    case 'case':
      return { ...e, operand: e.operand ? go(e.operand) : null, whens: e.whens.map((w) => ({ when: go(w.when), result: go(w.result) })), otherwise: e.otherwise ? go(e.otherwise) : null };
    default:
      return e;
  }
}

/** An aggregate over the rows of one pattern variable (`*` for plain columns). */
function aggregateCode(c: CallExpr, scope: Scope): { code: string; type: SqlType } {
  if (c.distinct) throw new PlanError(c.pos, `${c.name}(DISTINCT ...) is not supported in MATCH_RECOGNIZE (as in Flink)`);
  if (c.star || c.args.length === 0) throw new PlanError(c.pos, `${c.name}(*) names no pattern variable; count a variable's rows with ${c.name}(A.col)`);
  if (c.args.length !== 1) throw new PlanError(c.pos, `${c.name} takes one argument`);
  const variables = new Set<string>();
  const collect = (x: Expr): void => {
    if (x.kind === 'column') variables.add(variableOf(x, scope));
    else if (x.kind === 'call') {
      if (AGGREGATES.has(x.name)) throw new PlanError(x.pos, `${x.name} inside ${c.name}: aggregates do not nest`);
      x.args.forEach(collect);
    } else {
      for (const v of Object.values(x)) {
        for (const y of Array.isArray(v) ? v : [v]) if (y && typeof y === 'object' && 'kind' in y) collect(y as Expr);
        if (Array.isArray(v)) for (const w of v) if (w && typeof w === 'object' && 'when' in w) [w.when, w.result].forEach(collect);
      }
    }
  };
  collect(c.args[0]!);
  if (variables.size > 1) throw new PlanError(c.pos, `${c.name} over the rows of ${[...variables].join(' and ')}: an aggregate runs over the rows of one pattern variable (as in Flink)`);
  const variable = [...variables][0] ?? '*';
  // Inside an aggregate every column is read from the row being aggregated.
  const arg = exprCode(c.args[0]!, (col) => {
    const column = scope.columnOf(col.name, col.pos);
    return { code: field('x', column.name), type: column.type };
  }, null);
  if ((c.name === 'SUM' || c.name === 'AVG') && !isNumeric(arg.type)) throw new PlanError(c.args[0]!.pos, `${c.name} needs a number, but this is ${typeText(arg.type)}`);
  const type = aggregateType(c.name, arg.type);
  const round = (x: string) => (type.name === 'DECIMAL' ? `$round(${x}, ${type.scale})` : x);
  const rows = `$L(${JSON.stringify(variable)})`;
  const each = (body: string, init: string, result: string) => `((l) => { ${init} for (const x of l) { const v = ${arg.code}; if (!$n(v)) { ${body} } } return ${result}; })(${rows})`;
  switch (c.name) {
    case 'COUNT':
      return { code: each('a++;', 'let a = 0;', 'a'), type };
    case 'SUM':
      return { code: each('a = (a ?? 0) + v;', 'let a = null;', `a === null ? null : ${round('a')}`), type };
    case 'MIN':
    case 'MAX':
      return { code: each(`if (a === null || v ${c.name === 'MIN' ? '<' : '>'} a) a = v;`, 'let a = null;', 'a'), type };
    case 'AVG':
      return { code: each('a += v; k++;', 'let a = 0, k = 0;', `k === 0 ? null : ${round(isInteger(arg.type) ? 'Math.trunc(a / k)' : 'a / k')}`), type };
  }
  throw new PlanError(c.pos, `the aggregate ${c.name} is not supported in MATCH_RECOGNIZE yet`);
}

/** The query's SELECT over the rows of ONE ROW PER MATCH. */
function project(s: Select, m: MatchRecognize, columns: Column[], job: JobBuilder, input: string): Planned {
  const scope = (e: ColumnExpr) => {
    if (e.qualifier !== undefined && e.qualifier !== m.alias) throw new PlanError(e.pos, `${e.qualifier}.${e.name}: the MATCH_RECOGNIZE result is ${m.alias ? `named ${m.alias}` : 'unnamed (name it: MATCH_RECOGNIZE (...) AS T)'}`);
    const c = columns.find((x) => x.name === e.name);
    if (!c) throw new PlanError(e.pos, `unknown column ${e.name}; MATCH_RECOGNIZE gives the PARTITION BY columns and the measures: ${columns.map((x) => x.name).join(', ')}`);
    return { code: field('r', c.name), type: c.type };
  };
  if (s.distinct) throw new PlanError(s.pos, 'SELECT DISTINCT over MATCH_RECOGNIZE is not supported yet');
  const out: Column[] = [];
  const parts: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') {
      for (const c of columns) {
        out.push(c);
        parts.push(`${JSON.stringify(c.name)}: ${outputCode(field('r', c.name), c.type)}`);
      }
      return;
    }
    const e = exprCode(item.expr, scope, null);
    const name = item.alias ?? itemName(item.expr, i);
    out.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });
  return { columns: out, last: job.add('select', 'map', { code: fn(`(r) => ({ ${parts.join(', ')} })`) }, input, 'SELECT') };
}

