/**
 * Job.java for the nodes only Flink's SQL planner has an operator for (rank / deduplication,
 * regular, semi / anti and temporal joins): each becomes one SQL query over tables of its inputs.
 */
import type { NodeOf } from '../graph/schema.js';
import { ExportError } from './export-error.js';
import type { JavaEmitter } from './java-emitter.js';
import { str } from './java-windows.js';

/**
 * A node only Flink's SQL planner has an operator for (Top-N / deduplication, regular, semi /
 * anti and temporal joins): its inputs become tables of `(k, v, …)` rows (TableRows), the node
 * one SQL query over them, and the query's changelog stream Eddy's records again (TableRecords).
 * The planner's operators get uids `<node id>-<exec node id>_<transformation>` (table.exec.uid.format).
 */
export function plannerNode(e: JavaEmitter, n: NodeOf<'rank' | 'join.temporal' | 'join.semiAnti' | 'join.regular'>): string {
  const { streamVar, ops, input, edgesInto, keySelectors, port, keySelector, addCode, declare } = e;
  const v = streamVar(n.id);
  const lines: string[] = [];
  const set = (k: string, value: string) => lines.push(`        tEnv.getConfig().set(${str(k)}, ${str(value)});`);
  set('table.exec.uid.format', `${n.id}-<id>_<transformation>`);
  // The option outlives the node: a later planner node without a parallelism resets it (-1: the job's).
  if (n.parallelism !== undefined || e.plannerParallelism) set('table.exec.resource.default-parallelism', String(n.parallelism ?? -1));
  e.plannerParallelism = n.parallelism !== undefined;
  const table = (name: string, from: string, key: string, order: readonly string[], time: string | null, primaryKey: boolean, role: string) => {
    lines.push(
      `        tEnv.createTemporaryView(${str(name)}, tEnv.fromChangelogStream(${from}
              .map(new TableRows(${key}, java.util.List.of(${order.map(str).join(', ')})), TableRows.type(${order.length}))
              .uid(${str(`${n.id}-${role}`)})
              .name(${str(`${n.name ?? n.id}: ${role}`)})${n.parallelism !== undefined ? `
              .setParallelism(${n.parallelism})` : ''},
          TableRows.schema(${order.length}, ${time === null ? 'null' : str(time)}, ${primaryKey})));`,
    );
  };
  let query: string;
  let out = 'TableRecords.pairs()';
  if (n.kind === 'rank') {
    const p = n.params;
    const i = input(n);
    const keyEdge = edgesInto(n.id)[0];
    const key = i.keyed && keyEdge !== undefined ? keySelectors.get(keyEdge.from) : undefined;
    if (key === undefined) throw new ExportError(n.id, null, 'a rank needs a keyed input (add a keyBy before it)');
    const time = p.deduplicate ? (p.time === 'processing' ? 'processing' : 'event') : null;
    const fields = time === null ? p.orderBy.map((o) => o.field) : [];
    const order = time === null
      ? p.orderBy.map((o, k) => `o${k} ${o.desc ? 'DESC' : 'ASC'}${o.nulls !== undefined ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`).join(', ')
      : `${time === 'event' ? 'rt' : 'pt'} ${p.orderBy[0]!.desc ? 'DESC' : 'ASC'}`;
    table(`${v}_in`, i.expr, key, fields, time, false, 'rows');
    const cols = ['v', ...(p.rankNumber !== undefined ? ['rn'] : []), ...(time === 'event' ? ['rt'] : [])].join(', ');
    query = `SELECT ${cols} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ${order}) AS rn FROM ${v}_in) WHERE rn ${p.deduplicate ? '= 1' : `<= ${p.limit}`}`;
    out = `TableRecords.rows(${p.rankNumber !== undefined ? str(p.rankNumber) : 'null'})`;
  } else {
    const p = n.params;
    const temporal = n.kind === 'join.temporal';
    table(`${v}_left`, port(n, 'in1').expr, keySelector(n.id, 'leftKey', p.leftKey), [], temporal ? 'event' : null, false, 'left');
    table(`${v}_right`, port(n, 'in2').expr, keySelector(n.id, 'rightKey', p.rightKey), [], temporal ? 'event' : null, temporal, 'right');
    let condition = '';
    if (p.condition !== undefined) {
      addCode(n.id, 'condition', p.condition);
      lines.push(`        tEnv.createTemporarySystemFunction(${str(`${v}_condition`)}, new JsJoinCondition(${str(n.id)}));`);
      condition = ` AND ${v}_condition(L.v, R.v)`;
    }
    if (n.kind === 'join.semiAnti') {
      query = `SELECT L.v FROM ${v}_left AS L WHERE ${n.params.type === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${v}_right AS R WHERE R.k = L.k${condition})`;
      out = 'TableRecords.rows(null)';
    } else if (n.kind === 'join.temporal') {
      query = `SELECT L.v AS l, R.v AS r, L.rt FROM ${v}_left AS L ${n.params.type === 'left' ? 'LEFT ' : ''}JOIN ${v}_right FOR SYSTEM_TIME AS OF L.rt AS R ON L.k = R.k${condition}`;
    } else {
      query = `SELECT L.v AS l, R.v AS r FROM ${v}_left AS L ${(n.params.type ?? 'inner').toUpperCase()} JOIN ${v}_right AS R ON L.k = R.k${condition}`;
    }
  }
  lines.push(declare(v, `tEnv\n        .toChangelogStream(tEnv.sqlQuery(${str(query)}))\n        .map(${out}, Records.TYPE)${ops(n)}`));
  return lines.join('\n');
}
