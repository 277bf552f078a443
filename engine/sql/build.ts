/**
 * The parse tree → the statements of `ast.ts`. What the grammar accepts but Eddy does not run yet
 * becomes an error naming the construct at its line:column — never a silently different query.
 */
import type { ParserRuleContext } from 'antlr4ng';
import * as P from './grammar/generated/FlinkSqlParser.js';
import type { ColumnDef, CreateTable, CreateView, Expr, Insert, JoinClause, Pos, Select, SelectItem, Statement, TableRef, WindowRank, WindowTvf } from './ast.js';
import { predicateExpr, primaryExpr } from './build-expressions.js';
import { namedWindows, type OverTools, overExpr } from './build-over.js';
import { matchRecognize } from './build-match.js';
import type { SqlError } from './parse.js';
import {
  clip,
  columnName,
  columnRef,
  columnType,
  fail,
  identifier,
  identifierPath,
  identifierText,
  intervalMs,
  literalColumnItem,
  pos,
  ruleName,
  setScript,
  source,
  unquote,
  Unsupported,
  words,
} from './build-parts.js';
import { T } from './types.js';

/** Every statement of the script, or the errors of those that cannot be run. */
export function buildStatements(tree: P.ProgramContext, text: string): { statements: Statement[]; errors: SqlError[] } {
  setScript(text);
  const statements: Statement[] = [];
  const errors: SqlError[] = [];
  for (const s of tree.singleStatement()) {
    const sql = s.sqlStatement();
    if (!sql) continue;
    try {
      statements.push(statement(sql));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      errors.push({ ...e.pos, message: e.message });
    }
  }
  return { statements, errors };
}

function statement(s: P.SqlStatementContext): Statement {
  const ddl = s.ddlStatement();
  if (ddl) {
    const create = ddl.createTable()?.simpleCreateTable();
    if (create) return createTable(create);
    const view = ddl.createView();
    if (view) return createView(view);
    const drop = ddl.dropView();
    if (drop) return { kind: 'dropView', pos: pos(drop), name: viewName(drop.viewPath()), temporary: drop.KW_TEMPORARY() !== null, ifExists: drop.ifExists() !== null };
    return fail(ddl, `${words(ddl, 3)} is not supported yet: Eddy runs CREATE TABLE, CREATE VIEW, DROP VIEW, INSERT INTO, SELECT, SET and EXPLAIN`);
  }
  const dml = s.dmlStatement();
  if (dml) return dmlStatement(dml);
  const explain = s.explainStatement();
  if (explain) {
    const inner = explain.dmlStatement() ?? null;
    const ins = explain.insertSimpleStatement();
    if (explain.explainDetails() || explain.insertMulStatement()) fail(explain, 'EXPLAIN with details or a statement set is not supported yet; write EXPLAIN followed by a SELECT or INSERT');
    const st = inner ? dmlStatement(inner) : ins ? insert(ins) : fail(explain, 'EXPLAIN needs a SELECT or INSERT statement');
    return { kind: 'explain', pos: pos(explain), statement: st as Select | Insert };
  }
  const set = s.setStatement();
  if (set) {
    const prop = set.tableProperty();
    if (!prop) return fail(set, 'SET without a key lists options in Flink\'s SQL client; in a script write SET \'key\' = \'value\'');
    return { kind: 'set', pos: pos(set), key: unquote(prop.tablePropertyKey().getText()), value: unquote(prop.tablePropertyValue()?.getText() ?? '') };
  }
  return fail(s, `${words(s, 2)} is not supported yet: Eddy runs CREATE TABLE, CREATE VIEW, DROP VIEW, INSERT INTO, SELECT, SET and EXPLAIN`);
}

function createView(v: P.CreateViewContext): CreateView {
  const columns = v.columnNameList()?.columnName().map((n) => ({ name: columnName(n), pos: pos(n) })) ?? null;
  return { kind: 'createView', pos: pos(v), name: viewName(v.viewPathCreate()), temporary: v.KW_TEMPORARY() !== null, ifNotExists: v.ifNotExists() !== null, columns, query: query(v.queryStatement()) };
}

function viewName(c: P.ViewPathContext | P.ViewPathCreateContext): string {
  if (c.identifier().length > 1) fail(c, `catalog and database paths (${c.getText()}) are not supported yet; name the view alone`);
  return identifierText(c.getText());
}

function dmlStatement(dml: P.DmlStatementContext): Select | Insert {
  const q = dml.queryStatement();
  if (q) return query(q);
  const ins = dml.insertStatement()?.insertSimpleStatement();
  if (ins) return insert(ins);
  return fail(dml, 'this INSERT form (EXECUTE STATEMENT SET / BEGIN STATEMENT SET) is not supported yet; write one INSERT INTO per statement');
}

function insert(ins: P.InsertSimpleStatementContext): Insert {
  if (ins.KW_OVERWRITE()) fail(ins, 'INSERT OVERWRITE is not supported yet; use INSERT INTO');
  if (ins.insertPartitionDefinition()) fail(ins, 'INSERT with PARTITION is not supported yet');
  if (ins.columnNameList()) fail(ins.columnNameList()!, 'INSERT with a column list is not supported yet; select the sink\'s columns in order');
  const q = ins.queryStatement();
  if (!q) return fail(ins, 'INSERT ... VALUES is not supported yet; insert a SELECT');
  const path = ins.tablePath();
  return { kind: 'insert', pos: pos(ins), table: identifierPath(path), tablePos: pos(path), query: query(q) };
}

function query(q: P.QueryStatementContext): Select {
  if (q.withClause()) fail(q, 'WITH (common table expressions) is not supported yet');
  if (q.orderByClause()) fail(q.orderByClause()!, 'ORDER BY is not supported yet');
  if (q.limitClause()) fail(q.limitClause()!, 'LIMIT is not supported yet');
  if (q.valuesClause()) fail(q, 'VALUES is not supported yet; read rows from a table');
  if (q.KW_UNION() || q.KW_INTERSECT() || q.KW_EXCEPT()) fail(q, `${(q.KW_UNION() ?? q.KW_INTERSECT() ?? q.KW_EXCEPT())!.getText().toUpperCase()} is not supported yet`);
  if (q.queryStatement().length === 1) return query(q.queryStatement(0)!);
  const s = q.selectStatement();
  if (!s) return fail(q, 'this query form is not supported yet; write SELECT ... FROM ...');
  return select(s);
}

function select(s: P.SelectStatementContext): Select {
  const sc = s.selectClause();
  const fromClause = s.fromClause();
  const mr = s.matchRecognizeClause();
  if (mr && fromClause) {
    const items = sc.selectList().columnProjectItem().map(selectItem);
    return { kind: 'select', pos: pos(s), items, from: { match: matchRecognize(fromClause, mr, tools) }, where: null, groupBy: null, groupingSets: [], having: null, distinct: sc.setQuantifier()?.getText().toUpperCase() === 'DISTINCT' };
  }
  if (!fromClause) return fail(s, 'SELECT without FROM is not supported yet; read rows from a table');
  const items = sc.selectList().columnProjectItem().map(selectItem);
  const where = s.whereClause();
  const group = s.groupByClause();
  const having = s.havingClause();
  return {
    kind: 'select',
    pos: pos(s),
    items,
    from: from(fromClause.tableExpression()),
    where: where ? expr(where.booleanExpression()!) : null,
    groupBy: group ? group.groupItemDefinition().flatMap((g) => { const i = groupItem(g); return 'plain' in i ? i.plain : []; }) : null,
    groupingSets: group ? group.groupItemDefinition().flatMap((g) => { const i = groupItem(g); return 'sets' in i ? [i] : []; }) : [],
    having: having ? expr(having.booleanExpression()) : null,
    distinct: sc.setQuantifier()?.getText().toUpperCase() === 'DISTINCT',
    ...(s.windowClause() ? { windows: namedWindows(s.windowClause()!, tools) } : {}),
  };
}

function selectItem(c: P.ColumnProjectItemContext): SelectItem {
  const alias = c.columnAlias();
  const aliasName = alias ? identifier(alias.identifier()) : null;
  const all = c.tableAllColumns();
  if (all) {
    if (all.getText() !== '*') fail(all, `${all.getText()} is not supported yet; write * or name the columns`);
    return { expr: 'star', alias: null, pos: pos(c) };
  }
  if (c.selectLiteralColumnName()) return { expr: literalColumnItem(c, expr), alias: aliasName, pos: pos(c) };
  const e = c.selectExpressionColumnName()?.expression();
  if (e) return { expr: expr(e), alias: aliasName, pos: pos(c) };
  const over = c.selectWindowItemColumnName()?.overWindowItem();
  if (over) return { expr: overExpr(over, tools), alias: identifier(over.identifier()), pos: pos(c) };
  return fail(c, `"${c.getText()}" is not supported yet in the select list`);
}

function from(t: P.TableExpressionContext): Select['from'] {
  if (t.KW_JOIN() || t.tableExpression().length > 0 || t.tableReference().length > 1) return { join: joinClause(t) };
  const tvf = t.windowTVFClause();
  if (tvf) return { tvf: windowTvf(tvf.windowTVFExpression()) };
  const ref = t.tableReference(0);
  if (!ref) return fail(t, `"${t.getText()}" is not supported yet in FROM; name a table`);
  const prim = ref.tablePrimary();
  const path = prim.tablePath();
  const sub = prim.atomExpressionTable()?.queryStatement();
  if (!path && sub && /\bOVER\s*\(/i.test(source(prim))) return { rank: windowRank(sub) };
  // `(SELECT * FROM TABLE(TUMBLE(…))) L`: the outer side of a SEMI / ANTI window join (checked when planned).
  if (!path && sub && ref.tableAlias()) return { table: identifier(ref.tableAlias()!.identifier()), pos: pos(prim), alias: identifier(ref.tableAlias()!.identifier()), query: query(sub) };
  if (!path || prim.systemTimePeriod()) {
    return fail(prim, prim.systemTimePeriod() ? 'FOR SYSTEM_TIME AS OF (temporal joins) is not supported yet' : `"${clip(source(prim))}" (a subquery or table function) is not supported yet in FROM; name a table or a window TVF`);
  }
  const alias = ref.tableAlias();
  return { table: identifierPath(path), pos: pos(path), alias: alias ? identifier(alias.identifier()) : null };
}

/**
 * Tables joined: `a [type] JOIN b ON cond | USING (c, …)`, `a NATURAL JOIN b`, `a CROSS JOIN b`,
 * `a, b, …`; a join on the left of another nests there (left-deep, as Flink plans it).
 */
function joinClause(t: P.TableExpressionContext): JoinClause {
  const refs = t.tableReference();
  if (refs.length > 0) {
    let left = tableRef(refs[0]!);
    let join: JoinClause | null = null;
    for (const r of refs.slice(1)) {
      join = { type: 'inner', pos: pos(t), left, right: tableRef(r), on: null };
      left = { table: '(join)', pos: pos(t), alias: null, join };
    }
    return join!;
  }
  const leftSide = (e: P.TableExpressionContext | null): TableRef => {
    if (!e) return fail(t, 'this join form is not supported yet');
    if (e.KW_JOIN() || e.tableExpression().length > 0 || e.tableReference().length > 1) return { table: '(join)', pos: pos(e), alias: null, join: joinClause(e) };
    if (e.tableReference().length !== 1) return fail(e, e.windowTVFClause() ? 'a window TVF directly in a join is not supported yet; join window TVF subqueries: (SELECT * FROM TABLE(TUMBLE(...))) L JOIN (SELECT * FROM TABLE(TUMBLE(...))) R ON L.window_start = R.window_start AND L.window_end = R.window_end' : 'this join form is not supported yet');
    return tableRef(e.tableReference(0)!);
  };
  const side = (e: P.TableExpressionContext | null): TableRef => {
    if (e && (e.KW_JOIN() || e.tableExpression().length > 0 || e.tableReference().length > 1)) return fail(e, 'a join nested on the right (a JOIN (b JOIN c)) is not supported yet; write the joins one after another: a JOIN b ON … JOIN c ON …');
    return leftSide(e);
  };
  const cond = t.joinCondition();
  const type = t.KW_LEFT() ? 'left' : t.KW_RIGHT() ? 'right' : t.KW_FULL() ? 'full' : 'inner';
  if (t.KW_CROSS() && cond) fail(cond, 'a CROSS JOIN has no ON condition');
  if (t.KW_NATURAL() && cond) fail(cond, `a NATURAL JOIN has no ${cond.KW_USING() ? 'USING' : 'ON'}: it joins on every column both sides have`);
  if (!t.KW_CROSS() && !t.KW_NATURAL() && !cond) fail(t, `${type === 'inner' ? '' : `${type.toUpperCase()} `}JOIN needs ON <condition>`);
  const using = cond?.KW_USING() ? cond.columnNameList()!.columnName().map((n) => ({ name: columnName(n), pos: pos(n) })) : undefined;
  if (cond && !cond.KW_USING() && !cond.booleanExpression()) fail(cond, 'this ON form is not supported yet; write ON a.col = b.col');
  const on = cond?.booleanExpression();
  return { type, pos: pos(t), left: leftSide(t.tableExpression(0)), right: side(t.tableExpression(1)), on: on ? expr(on) : null, ...(using ? { using } : {}), ...(t.KW_NATURAL() ? { natural: true } : {}) };
}

function tableRef(ref: P.TableReferenceContext): TableRef {
  const prim = ref.tablePrimary();
  const path = prim.tablePath();
  const alias = ref.tableAlias();
  if (alias?.identifierList()) fail(alias, 'column aliases on a table (t AS x (a, b)) are not supported yet');
  const sub = prim.atomExpressionTable()?.queryStatement();
  if (!path && sub) {
    if (!alias) return fail(prim, 'a subquery in a join needs an alias: (SELECT ...) AS name');
    const name = identifier(alias.identifier());
    return { table: name, pos: pos(prim), alias: name, query: query(sub) };
  }
  if (!path) return fail(prim, `"${clip(source(prim))}" (a table function) is not supported yet in a join; join tables or subqueries`);
  const period = prim.systemTimePeriod();
  if (period) return { table: identifierPath(path), pos: pos(path), alias: alias ? identifier(alias.identifier()) : null, asOf: expr(period.dateTimeExpression().expression()) };
  return { table: identifierPath(path), pos: pos(path), alias: alias ? identifier(alias.identifier()) : null };
}

/** The subquery of a Window Top-N / window deduplication; other ROW_NUMBER subqueries are errors naming them. */
function windowRank(q: P.QueryStatementContext): WindowRank {
  const s = q.selectStatement();
  if (!s) return fail(q, 'this ROW_NUMBER() subquery form is not supported yet; write SELECT ..., ROW_NUMBER() OVER (...) AS rownum FROM TABLE(<window TVF>)');
  if (s.groupByClause()) fail(s.groupByClause()!, 'ROW_NUMBER() in the SELECT of a GROUP BY is not supported yet; rank a GROUP BY subquery: SELECT ... FROM (SELECT ..., ROW_NUMBER() OVER (...) AS rownum FROM (SELECT ... GROUP BY window_start, window_end, ...))');
  let rank: { name: string; pos: Pos; partitionBy: WindowRank['partitionBy']; orderBy: WindowRank['orderBy'] } | null = null;
  const items: SelectItem[] = [];
  for (const c of s.selectClause().selectList().columnProjectItem()) {
    const w = c.selectWindowItemColumnName()?.overWindowItem();
    if (!w) {
      items.push(selectItem(c));
      continue;
    }
    const call = w.primaryExpression().getText().toUpperCase();
    if (call !== 'ROW_NUMBER()') fail(w, `${clip(source(w.primaryExpression()))} OVER (...) (an OVER aggregation) is not supported yet`);
    if (rank) fail(w, 'a second ROW_NUMBER() is not supported');
    const spec = w.windowSpec();
    if (!spec || spec.windowFrame()) fail(w, 'ROW_NUMBER() needs OVER (PARTITION BY ... ORDER BY ...) without a frame');
    const partitionBy = (spec!.partitionByClause()?.columnName() ?? []).map((n) => ({ name: columnName(n), pos: pos(n) }));
    if ((spec!.partitionByClause()?.primaryExpression() ?? []).length > 0) fail(spec!.partitionByClause()!, 'PARTITION BY an expression is not supported yet; partition by columns');
    const orderBy = (spec!.orderByClause()?.orderItemDefinition() ?? []).map((o) => {
      const n = o.columnName();
      if (!n) return fail(o, 'ORDER BY an expression is not supported yet in ROW_NUMBER() OVER (...); order by columns');
      const nulls = o._nullOrder ? (o._nullOrder.text!.toUpperCase() as 'FIRST' | 'LAST') : undefined;
      return { name: columnName(n), pos: pos(n), desc: o.KW_DESC() !== null, ...(nulls ? { nulls } : {}) };
    });
    if (orderBy.length === 0) fail(w, 'ROW_NUMBER() OVER (...) needs ORDER BY');
    rank = { name: identifier(w.identifier()), pos: pos(w), partitionBy, orderBy };
  }
  if (!rank) return fail(s, 'this ROW_NUMBER() subquery form is not supported yet');
  const t = s.fromClause()?.tableExpression();
  const tvf = t?.windowTVFClause();
  const where = s.whereClause();
  if (t && !tvf && !t.KW_JOIN() && t.tableExpression().length === 0 && t.tableReference().length === 1 && t.tableReference(0)!.tablePrimary().tablePath()) {
    // Top-N or deduplication over a table.
    const table = tableRef(t.tableReference(0)!);
    return { pos: pos(s), tvf: null, table, items, where: where ? expr(where.booleanExpression()!) : null, rankName: rank.name, rankPos: rank.pos, partitionBy: rank.partitionBy, orderBy: rank.orderBy };
  }
  const sub = t && !tvf && !t.KW_JOIN() && t.tableExpression().length === 0 && t.tableReference().length === 1 ? t.tableReference(0)!.tablePrimary().atomExpressionTable()?.queryStatement() : undefined;
  if (sub) {
    // Window Top-N after a window aggregation: ranks the rows of a subquery (checked when planned).
    const ref = t!.tableReference(0)!;
    const alias = ref.tableAlias();
    const table: TableRef = { table: alias ? identifier(alias.identifier()) : '(subquery)', pos: pos(ref), alias: alias ? identifier(alias.identifier()) : null, query: query(sub) };
    return { pos: pos(s), tvf: null, table, items, where: where ? expr(where.booleanExpression()!) : null, rankName: rank.name, rankPos: rank.pos, partitionBy: rank.partitionBy, orderBy: rank.orderBy };
  }
  if (!t || !tvf || t.KW_JOIN() || t.tableReference().length > 0) {
    return fail(s, 'ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) over a join or subquery is not supported yet; rank a table or a window TVF');
  }
  return { pos: pos(s), tvf: windowTvf(tvf.windowTVFExpression()), items, where: where ? expr(where.booleanExpression()!) : null, rankName: rank.name, rankPos: rank.pos, partitionBy: rank.partitionBy, orderBy: rank.orderBy };
}

function windowTvf(w: P.WindowTVFExpressionContext): WindowTvf {
  const fn = w.windowTVFName().getText().toUpperCase();
  if (fn !== 'TUMBLE' && fn !== 'HOP' && fn !== 'CUMULATE' && fn !== 'SESSION') return fail(w, `the ${fn} window function is not supported yet; use TUMBLE, HOP, CUMULATE or SESSION`);
  const params = w.windowTVFParam();
  const first = params[0];
  if (!first?.KW_TABLE() || !first.timeAttrColumn()) return fail(w, `${fn}'s first argument must be TABLE <name>`);
  if (params.some((p) => p.DOUBLE_RIGHT_ARROW())) fail(w, `named arguments (=>) in ${fn} are not supported yet; pass them in order`);
  const desc = params[1]?.columnDescriptor();
  if (!desc) return fail(params[1] ?? w, `${fn}'s second argument must be DESCRIPTOR(<time column>)`);
  const descCol = desc.columnName();
  const intervals: number[] = [];
  for (const p of params.slice(2)) {
    const iv = p.timeIntervalExpression();
    if (!iv) return fail(p, `${fn}'s arguments after the descriptor must be INTERVAL literals`);
    intervals.push(intervalMs(iv));
  }
  const tableCol = first.timeAttrColumn()!;
  const partitionBy = first.KW_PARTITION() ? first.columnName().map((n) => ({ name: columnName(n), pos: pos(n) })) : undefined;
  if (partitionBy && fn !== 'SESSION') fail(first, `TABLE ${tableCol.getText()} PARTITION BY … is only for SESSION windows (as in Flink)`);
  return { fn, pos: pos(w), table: tableCol.getText().replace(/`/g, ''), tablePos: pos(tableCol), timeCol: columnName(descCol), timeColPos: pos(descCol), intervals, ...(partitionBy ? { partitionBy } : {}) };
}

/** A GROUP BY item: plain expressions (`a`, `(a, b)`, `()`), or the grouping sets of GROUPING SETS / ROLLUP / CUBE. */
type GroupItem = { plain: Expr[] } | { pos: Pos; sets: Expr[][] };

function groupItem(g: P.GroupItemDefinitionContext): GroupItem {
  if (g.groupWindowFunction()) return fail(g, 'group window functions (TUMBLE(ts, ...) in GROUP BY) are deprecated in Flink and not supported; use the window TVFs: FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL ...))');
  if (g.groupingSets()) return { pos: pos(g), sets: g.groupItemDefinition().flatMap((x) => { const i = groupItem(x); return 'sets' in i ? i.sets : [i.plain]; }) };
  const notation = g.groupingSetsNotationName();
  if (notation) {
    const cols = g.expression().map(expr);
    // ROLLUP (a, b): (a, b), (a), (); CUBE (a, b): every subset, the full one first.
    const sets = notation.KW_ROLLUP() ? cols.map((_, i) => cols.slice(0, cols.length - i)).concat([[]]) : Array.from({ length: 1 << cols.length }, (_, m) => cols.filter((_c, i) => ((~m >> (cols.length - 1 - i)) & 1) === 1));
    return { pos: pos(g), sets };
  }
  const c = g.columnName();
  if (c) return { plain: [columnRef(c)] };
  const es = g.expression();
  if (g.LR_BRACKET()) return { plain: es.map(expr) };
  if (es.length === 1) return { plain: [expr(es[0]!)] };
  return fail(g, `"${g.getText()}" is not supported yet in GROUP BY`);
}

function createTable(c: P.SimpleCreateTableContext): CreateTable {
  if (c.partitionDefinition()) fail(c.partitionDefinition()!, 'PARTITIONED BY is not supported yet');
  if (c.likeDefinition()) fail(c.likeDefinition()!, 'CREATE TABLE ... LIKE is not supported yet');
  const columns: ColumnDef[] = c.columnOptionDefinition().map((d) => {
    const phys = d.physicalColumnDefinition();
    if (phys) {
      if (phys.columnConstraint?.()) fail(phys, 'column constraints are not supported yet');
      return { name: identifierText(phys.columnNameCreate().getText()), pos: pos(phys), type: columnType(phys.columnType()) };
    }
    const comp = d.computedColumnDefinition();
    if (comp) return { name: identifierText(comp.columnNameCreate().getText()), pos: pos(comp), type: null, computed: expr(comp.computedColumnExpression().expression()) };
    return fail(d, 'metadata columns (METADATA) are not supported yet');
  });
  const wm = c.watermarkDefinition();
  const options = new Map<string, { value: string; pos: Pos }>();
  for (const p of c.withOption().tablePropertyList().tableProperty()) {
    options.set(unquote(p.tablePropertyKey().getText()), { value: unquote(p.tablePropertyValue()?.getText() ?? ''), pos: pos(p) });
  }
  const path = c.tablePathCreate();
  const pk = c.tableConstraint();
  return {
    ...(pk ? { primaryKey: { columns: pk.columnNameList().columnName().map(columnName), pos: pos(pk) } } : {}),
    kind: 'createTable',
    pos: pos(path),
    name: identifierText(path.getText()),
    columns,
    watermark: wm ? { column: columnName(wm.columnName()), pos: pos(wm), expr: expr(wm.expression()) } : null,
    options,
  };
}

// ---- expressions ----

const tools: OverTools = { expr: (c) => expr(c), pos, fail, source, columnName: (c) => columnName(c), intervalMs: (c) => intervalMs(c) };

function expr(c: ParserRuleContext): Expr {
  if (c instanceof P.LogicalBinaryContext) {
    return { kind: 'binary', pos: pos(c), op: c.KW_AND() ? 'AND' : 'OR', left: expr(c.booleanExpression(0)!), right: expr(c.booleanExpression(1)!) };
  }
  if (c instanceof P.ExistsContext) return { kind: 'subquery', pos: pos(c), arg: null, not: false, query: query(c.queryStatement()) };
  if (c instanceof P.LogicalNotContext) return { kind: 'unary', pos: pos(c), op: 'NOT', arg: expr(c.booleanExpression()) };
  if (c instanceof P.PredicatedContext) {
    const left = expr(c.valueExpression());
    const p = c.predicate();
    if (!p) return left;
    const not = p.KW_NOT() !== null;
    if (p.KW_BETWEEN()) {
      if (p.KW_ASYMMETRIC?.() || (p as { KW_SYMMETRIC?: () => unknown }).KW_SYMMETRIC?.()) fail(p, 'BETWEEN SYMMETRIC/ASYMMETRIC is not supported yet');
      return { kind: 'between', pos: pos(c), arg: left, low: expr(p._lower!), high: expr(p._upper!), not };
    }
    if (p.KW_IN() && p.queryStatement()) return { kind: 'subquery', pos: pos(c), arg: left, not, query: query(p.queryStatement()!) };
    const text = p.getText().toUpperCase();
    if (text === 'ISNULL' || text === 'ISNOTNULL') return { kind: 'unary', pos: pos(c), op: not ? 'IS NOT NULL' : 'IS NULL', arg: left };
    return predicateExpr(c, p, left, tools) ?? fail(p, `the predicate "${clip(source(p))}" is not supported yet (IN, LIKE, BETWEEN, IS [NOT] NULL/TRUE/FALSE are)`);
  }
  if (c instanceof P.ComparisonContext) {
    const op = c.comparisonOperator().getText();
    return { kind: 'binary', pos: pos(c), op: op === '!=' ? '<>' : op, left: expr(c.valueExpression(0)!), right: expr(c.valueExpression(1)!) };
  }
  if (c instanceof P.ArithmeticBinaryContext) {
    const op = c._operator?.text ?? '';
    if (!['+', '-', '*', '/', '%', '||'].includes(op)) fail(c, `the operator ${op} is not supported yet`);
    return { kind: 'binary', pos: pos(c), op, left: expr(c.valueExpression(0)!), right: expr(c.valueExpression(1)!) };
  }
  if (c instanceof P.ArithmeticUnaryContext) {
    const arg = expr(c.valueExpression());
    return c.getChild(0)?.getText() === '-' ? { kind: 'unary', pos: pos(c), op: '-', arg } : arg;
  }
  if (c instanceof P.ValueExpressionDefaultContext) return expr(c.primaryExpression());
  if (c instanceof P.ParenthesizedExpressionContext) return expr(c.expression());
  if (c instanceof P.ColumnReferenceContext) return columnRef(c);
  if (c instanceof P.ConstantDefaultContext) return constant(c.constant());
  if (c instanceof P.FunctionCallContext) return call(c.functionCallExpression());
  if (c instanceof P.FirstContext || c instanceof P.LastContext) {
    if (c.KW_IGNORE()) fail(c, `${c instanceof P.FirstContext ? 'FIRST' : 'LAST'}(... IGNORE NULLS) is not supported yet`);
    return { kind: 'call', pos: pos(c), name: c instanceof P.FirstContext ? 'FIRST' : 'LAST', args: [expr(c.expression())], star: false, distinct: false };
  }
  if (c instanceof P.CastContext) return { kind: 'cast', pos: pos(c), arg: expr(c.expression()), type: columnType(c.columnType()) };
  if (c instanceof P.ExpressionContext && c.getChildCount() === 1) return expr(c.getChild(0) as ParserRuleContext);
  const owned = primaryExpr(c, tools);
  if (owned) return owned;
  return fail(c, `"${clip(source(c))}" (${ruleName(c)}) is not supported yet in expressions`);
}

function call(f: P.FunctionCallExpressionContext): Expr {
  const named = f.functionNameWithParams() ?? f.functionNameAndParams();
  if (!named) return fail(f, `the function ${f.getText()} is not supported yet`);
  const name = named.getText().replace(/`/g, '').toUpperCase();
  // `f()` can parse as one empty parameter.
  const params = f.functionParam().filter((p) => p.getText() !== '');
  const star = params.length === 1 && params[0]!.getText() === '*';
  const args = star ? [] : params.map((p) => {
    const e = p.expression?.();
    if (!e) return fail(p, `the argument ${p.getText()} of ${name} is not supported yet`);
    return expr(e);
  });
  return { kind: 'call', pos: pos(f), name, args, star, distinct: f.setQuantifier()?.getText().toUpperCase() === 'DISTINCT' };
}

function constant(k: P.ConstantContext): Expr {
  const p = pos(k);
  const iv = k.timeIntervalExpression();
  if (iv) return { kind: 'interval', pos: p, ms: intervalMs(iv) };
  const s = k.stringLiteral();
  // The grammar lexes `name` as a string literal; in Flink SQL it is a (quoted) column name.
  if (s?.getText().startsWith('`')) return { kind: 'column', pos: p, name: identifierText(s.getText()) };
  if (s) return { kind: 'literal', pos: p, value: unquote(s.getText()), type: T.STRING };
  const b = k.booleanLiteral();
  if (b) {
    const v = b.getText().toUpperCase();
    if (v === 'UNKNOWN') fail(b, 'UNKNOWN is not supported yet');
    return { kind: 'literal', pos: p, value: v === 'TRUE', type: T.BOOLEAN };
  }
  if (k.KW_NULL()) return { kind: 'literal', pos: p, value: null, type: T.NULL };
  const text = k.getText();
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    return { kind: 'literal', pos: p, value: n, type: Math.abs(n) <= 2147483647 ? T.INT : T.BIGINT };
  }
  const dec = /^(-?)(\d*)\.(\d+)$/.exec(text);
  if (dec) return { kind: 'literal', pos: p, value: Number(text), type: { name: 'DECIMAL', precision: Math.max(1, dec[2]!.replace(/^0+/, '').length + dec[3]!.length), scale: dec[3]!.length } };
  if (/^-?[\d.]+E[-+]?\d+$/i.test(text)) return { kind: 'literal', pos: p, value: Number(text), type: T.DOUBLE };
  return fail(k, `the literal ${text} is not supported yet`);
}
