/**
 * Non-windowed aggregation (Flink's GroupAggregate): `GROUP BY k, ...` — or aggregates without a
 * GROUP BY, one global group — onto a Calc-like map computing the grouping columns and each
 * aggregate's argument, a keyBy on the grouping columns, a `groupAggregate` node emitting the
 * changelog (+I, -U/+U), then HAVING as a filter and the select list as a map; both keep each
 * row's kind, as Flink's Calc does.
 */
import type { Expr, Select } from './ast.js';
import { AGGREGATES, exprCode, field, itemName, PlanError } from './codegen.js';
import { type Column, fn, type JobBuilder, outputCode, type Planned } from './job-builder.js';
import { exprChildren } from './expressions.js';
import { EXPAND_ID, expandCode, groupingOf } from './grouping-sets.js';
import { aggregateType, isInteger, isNumeric, type SqlType, typeText } from './types.js';

/** True when `e` calls an aggregate function anywhere. */
export function hasAggregate(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return AGGREGATES.has(e.name) || e.args.some(hasAggregate);
    default:
      return exprChildren(e).some(hasAggregate);
  }
}

interface AggregateSpec {
  name: string;
  fn: 'count' | 'sum' | 'min' | 'max' | 'avg';
  field?: string;
  distinct?: boolean;
  integer?: boolean;
}

export function groupAggregate(s: Select, job: JobBuilder, input: string, rowScope: Parameters<typeof exprCode>[1]): Planned {
  const { keys, sets } = groupingOf(s, (g) => rowScope(g).type);
  // Each aggregate call: its argument is computed before the keyBy into "$argN", its result is "$aggN".
  const args: string[] = [];
  const aggregates: AggregateSpec[] = [];
  const aggScope = (e: Extract<Expr, { kind: 'call' }>) => {
    const i = aggregates.length;
    const name = `$agg${i}`;
    const read = `a[${JSON.stringify(name)}]`;
    if (e.name === 'COUNT' && (e.star || e.args.length === 0)) {
      if (e.distinct) throw new PlanError(e.pos, 'COUNT(DISTINCT *) is not valid SQL; name a column');
      aggregates.push({ name, fn: 'count' });
      return { code: read, type: aggregateType('COUNT', null) };
    }
    if (e.args.length !== 1) throw new PlanError(e.pos, `${e.name} takes one argument`);
    const arg = exprCode(e.args[0]!, rowScope, null);
    if ((e.name === 'SUM' || e.name === 'AVG') && !isNumeric(arg.type)) throw new PlanError(e.args[0]!.pos, `${e.name} needs a number, but this is ${typeText(arg.type)}`);
    const type = aggregateType(e.name, arg.type);
    const argName = `$arg${i}`;
    args.push(`${JSON.stringify(argName)}: ${arg.code}`);
    const spec: AggregateSpec = { name, fn: e.name.toLowerCase() as AggregateSpec['fn'], field: argName };
    if (e.distinct) spec.distinct = true;
    if (e.name === 'AVG' && isInteger(arg.type)) spec.integer = true;
    aggregates.push(spec);
    return { code: type.name === 'DECIMAL' ? `$round(${read}, ${type.scale})` : read, type };
  };
  const groupScope = (e: Extract<Expr, { kind: 'column' }>): { code: string; type: SqlType } => {
    const k = keys.find((x) => x.name === e.name);
    if (!k) {
      rowScope(e);
      throw new PlanError(e.pos, `column ${e.name} is neither in GROUP BY nor inside an aggregate`);
    }
    return { code: field('a', k.name), type: k.type };
  };
  const out: Column[] = [];
  const parts: string[] = [];
  s.items.forEach((item, i) => {
    if (item.expr === 'star') throw new PlanError(item.pos, 'SELECT * is not supported in an aggregation; name the grouped columns and aggregates');
    const e = exprCode(item.expr, groupScope, aggScope);
    const name = item.alias ?? (item.expr.kind === 'call' && AGGREGATES.has(item.expr.name) ? `EXPR$${i}` : itemName(item.expr, i));
    out.push({ name, type: e.type });
    parts.push(`${JSON.stringify(name)}: ${outputCode(e.code, e.type)}`);
  });
  const having = s.having ? exprCode(s.having, groupScope, aggScope) : null;
  if (s.having && having!.type.name !== 'BOOLEAN') throw new PlanError(s.having.pos, `HAVING needs a condition, but this is ${typeText(having!.type)}`);
  const keyFields = sets ? [...keys.map((k) => k.name), EXPAND_ID] : keys.map((k) => k.name);
  const keyParts = keyFields.map((k) => `${JSON.stringify(k)}: ${field('r', k)}`);
  let last = input;
  if (sets) last = job.add('expand', 'flatMap', { code: expandCode(keys, sets) }, last, `GROUPING SETS (${sets.map((x) => `(${x.join(', ')})`).join(', ')})`);
  last = job.add('group_input', 'map', { code: fn(`(r) => ({ ${[...keyParts, ...args].join(', ')} })`) }, last, 'aggregate arguments');
  const keyCode = keyFields.length === 0 ? '() => 0' : keyFields.length === 1 ? `(r) => r[${JSON.stringify(keyFields[0]!)}]` : `(r) => JSON.stringify([${keyFields.map((k) => field('r', k)).join(', ')}])`;
  last = job.add('group_by', 'keyBy', { code: keyCode }, last, keys.length > 0 ? `GROUP BY ${keys.map((k) => k.name).join(', ')}${sets ? ' (per grouping set)' : ''}` : 'one group');
  job.pinned = undefined;
  last = job.add('group_agg', 'groupAggregate', { keys: keyFields, aggregates }, last, 'GroupAggregate (changelog)');
  if (having) last = job.add('having', 'filter', { code: fn(`(a) => ${having.code} === true`) }, last, 'HAVING');
  last = job.add('select', 'map', { code: fn(`(a) => ({ ${parts.join(', ')} })`) }, last, 'SELECT');
  return { columns: out, last };
}
