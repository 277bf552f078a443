/** The statements and expressions of the supported subset, as the planner reads them. */
import type { SqlType } from './types.js';

/** Where a construct starts in the script (1-based). */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

export type Expr =
  | { kind: 'column'; pos: Pos; name: string; /** `t` of `t.name`: a table's name or alias. */ qualifier?: string }
  | { kind: 'literal'; pos: Pos; value: string | number | boolean | null; type: SqlType }
  | { kind: 'interval'; pos: Pos; ms: number }
  | { kind: 'binary'; pos: Pos; op: string; left: Expr; right: Expr }
  | { kind: 'unary'; pos: Pos; op: 'NOT' | '-' | 'IS NULL' | 'IS NOT NULL' | 'IS TRUE' | 'IS NOT TRUE' | 'IS FALSE' | 'IS NOT FALSE'; arg: Expr }
  | { kind: 'between'; pos: Pos; arg: Expr; low: Expr; high: Expr; not: boolean }
  | { kind: 'call'; pos: Pos; name: string; args: Expr[]; star: boolean; distinct: boolean }
  | { kind: 'cast'; pos: Pos; arg: Expr; type: SqlType }
  | { kind: 'in'; pos: Pos; arg: Expr; list: Expr[]; not: boolean }
  | { kind: 'like'; pos: Pos; arg: Expr; pattern: Expr; escape: string | null; not: boolean }
  /** `CASE [operand] WHEN w THEN result ... [ELSE otherwise] END`: with an operand, each `w` is a value compared with it. */
  | { kind: 'case'; pos: Pos; operand: Expr | null; whens: Array<{ when: Expr; result: Expr }>; otherwise: Expr | null }
  /** `agg(x) OVER (…)` / `agg(x) OVER w` (a window of the WINDOW clause): a select item of an OVER aggregation. */
  | { kind: 'over'; pos: Pos; call: Expr; window: OverWindow | { name: string; pos: Pos } }
  /** `x [NOT] IN (SELECT …)` (`arg` x) or `EXISTS (SELECT …)` (`arg` null; NOT EXISTS is a NOT of it): a SEMI / ANTI join in WHERE. */
  | { kind: 'subquery'; pos: Pos; arg: Expr | null; not: boolean; query: Select };

/** `(PARTITION BY … ORDER BY t ROWS|RANGE BETWEEN … PRECEDING AND CURRENT ROW)`. */
export interface OverWindow {
  pos: Pos;
  partitionBy: Array<{ name: string; pos: Pos }>;
  orderBy: Array<{ name: string; pos: Pos; desc: boolean }>;
  /** `preceding`: rows (ROWS) or ms (RANGE) before the current row; null: UNBOUNDED PRECEDING. */
  frame: { unit: 'ROWS' | 'RANGE'; preceding: number | null };
}

export interface ColumnDef {
  readonly name: string;
  readonly pos: Pos;
  readonly type: SqlType | null;
  /** `name AS expr`: a computed column. */
  readonly computed?: Expr;
}

export interface CreateTable {
  kind: 'createTable';
  pos: Pos;
  name: string;
  columns: ColumnDef[];
  watermark: { column: string; pos: Pos; expr: Expr } | null;
  /** `PRIMARY KEY (a, b) NOT ENFORCED`. */
  primaryKey?: { columns: string[]; pos: Pos };
  options: Map<string, { value: string; pos: Pos }>;
}

export interface SelectItem {
  expr: Expr | 'star';
  alias: string | null;
  pos: Pos;
}

export interface WindowTvf {
  fn: 'TUMBLE' | 'HOP' | 'CUMULATE' | 'SESSION';
  pos: Pos;
  table: string;
  tablePos: Pos;
  timeCol: string;
  timeColPos: Pos;
  /** The interval arguments after the descriptor, in ms, in order. */
  intervals: number[];
  /** `TABLE t PARTITION BY k, …` (SESSION). */
  partitionBy?: Array<{ name: string; pos: Pos }>;
}

/**
 * `(SELECT ..., ROW_NUMBER() OVER (PARTITION BY window_start, window_end, ... ORDER BY ...) AS rn
 * FROM TABLE(<window TVF>))`: the relation of a Window Top-N or window deduplication.
 */
export interface WindowRank {
  pos: Pos;
  /** The window TVF ranked; null for a Top-N / deduplication over a table (`table`). */
  tvf: WindowTvf | null;
  table?: TableRef;
  /** The inner select list without ROW_NUMBER: `*` and columns. */
  items: SelectItem[];
  where: Expr | null;
  rankName: string;
  rankPos: Pos;
  partitionBy: Array<{ name: string; pos: Pos }>;
  /** `nulls`: an explicit NULLS FIRST / NULLS LAST (absent: NULL is the smallest value). */
  orderBy: Array<{ name: string; pos: Pos; desc: boolean; nulls?: 'FIRST' | 'LAST' }>;
}

/** A table in FROM. */
export interface TableRef {
  table: string;
  pos: Pos;
  alias: string | null;
  /** `(SELECT ...) AS alias`: a subquery (then `table` is its alias). */
  query?: Select;
  /** `FOR SYSTEM_TIME AS OF expr`: a temporal join's time. */
  asOf?: Expr;
  /** `a JOIN b ... JOIN c`: the join on the left of another (left-deep; then `table` is '(join)'). */
  join?: JoinClause;
}

/** `a [INNER | LEFT | RIGHT | FULL] JOIN b ON ...`, `a CROSS JOIN b` or `a, b` (inner, no ON). */
export interface JoinClause {
  type: 'inner' | 'left' | 'right' | 'full';
  pos: Pos;
  left: TableRef;
  right: TableRef;
  on: Expr | null;
  /** `JOIN ... USING (a, b)`. */
  using?: Array<{ name: string; pos: Pos }>;
  /** `NATURAL JOIN`: USING every column both sides have. */
  natural?: boolean;
}

/** One pattern variable of PATTERN (...) with its quantifier: `max` -1 for unbounded. */
export interface PatternVariable {
  name: string;
  pos: Pos;
  min: number;
  max: number;
  /** False for a reluctant quantifier (`B+?`). */
  greedy: boolean;
  /** Whether the variable has a quantifier at all (`A` versus `A{1}`). */
  quantified: boolean;
}

/** `t MATCH_RECOGNIZE (PARTITION BY … ORDER BY … MEASURES … PATTERN (…) DEFINE …) [AS alias]`. */
export interface MatchRecognize {
  pos: Pos;
  table: string;
  tablePos: Pos;
  partitionBy: Array<{ name: string; pos: Pos }>;
  orderBy: Array<{ name: string; pos: Pos; desc: boolean }>;
  measures: Array<{ expr: Expr; name: string; pos: Pos }>;
  /** ALL ROWS PER MATCH (refused, as in Flink) or ONE ROW PER MATCH (the default). */
  allRows: Pos | null;
  /** AFTER MATCH SKIP …; null when omitted. */
  skip: { kind: 'pastLastRow' | 'toNextRow' | 'toFirst' | 'toLast'; variable?: string; pos: Pos } | null;
  pattern: PatternVariable[];
  patternPos: Pos;
  /** WITHIN INTERVAL …, in ms. */
  withinMs: number | null;
  define: Array<{ name: string; pos: Pos; expr: Expr }>;
  alias: string | null;
}

export interface Select {
  kind: 'select';
  pos: Pos;
  items: SelectItem[];
  from: TableRef | { tvf: WindowTvf } | { rank: WindowRank } | { join: JoinClause } | { match: MatchRecognize };
  where: Expr | null;
  /** The plain GROUP BY items (null: no GROUP BY). */
  groupBy: Expr[] | null;
  /** Each GROUPING SETS / ROLLUP / CUBE item of the GROUP BY, as its list of sets. */
  groupingSets: Array<{ pos: Pos; sets: Expr[][] }>;
  having: Expr | null;
  /** SELECT DISTINCT. */
  distinct?: boolean;
  /** The WINDOW clause's named OVER windows. */
  windows?: Map<string, OverWindow>;
}

export interface Insert {
  kind: 'insert';
  pos: Pos;
  table: string;
  tablePos: Pos;
  query: Select;
}

export interface SetOption {
  kind: 'set';
  pos: Pos;
  key: string;
  value: string;
}

export interface Explain {
  kind: 'explain';
  pos: Pos;
  statement: Select | Insert;
}

/** `CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(c, …)] AS query`. */
export interface CreateView {
  kind: 'createView';
  pos: Pos;
  name: string;
  temporary: boolean;
  ifNotExists: boolean;
  /** The view's column names, renaming the query's in order. */
  columns: Array<{ name: string; pos: Pos }> | null;
  query: Select;
}

/** `DROP [TEMPORARY] VIEW [IF EXISTS] name`. */
export interface DropView {
  kind: 'dropView';
  pos: Pos;
  name: string;
  temporary: boolean;
  ifExists: boolean;
}

export type Statement = CreateTable | CreateView | DropView | Select | Insert | SetOption | Explain;
