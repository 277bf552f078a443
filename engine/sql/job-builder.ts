/** The pieces the SQL planner builds jobs from: tables, columns, the node/edge builder, code wrapping. */
import type { CreateTable, WindowTvf } from './ast.js';
import { RUNTIME } from './codegen.js';
import { isTimestamp, type SqlType } from './types.js';

export interface Column {
  name: string;
  type: SqlType;
}
export interface Table {
  /** A view's: its name, position and rowtime column (no DDL columns, no options). */
  def: CreateTable;
  columns: Column[];
  /** A view: plans its query into `job` where the view is read; the id of its last node. */
  view?: (job: JobBuilder) => string;
  /** CREATE TEMPORARY VIEW. */
  temporary?: boolean;
  /** A view whose window_start and window_end are window properties: a GROUP BY of both is a window aggregation. */
  windowProperties?: WindowSpec;
}

export interface Node {
  id: string;
  kind: string;
  name?: string;
  parallelism?: number;
  params?: Record<string, unknown>;
}
export interface Edge {
  from: string;
  to: string;
  fromPort?: string;
  toPort?: string;
}

export class JobBuilder {
  nodes: Node[] = [];
  edges: Edge[] = [];
  private ids = new Set<string>();
  /**
   * The parallelism of nodes added while set: a file source's rows stay on its one subtask until
   * the first keyBy (Flink chains the scan's Calc into the source), so each key sees them in file
   * order and a changelog query gives the same rows at every parallelism.
   */
  pinned: number | undefined;
  id(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_-]/g, '_') || 'n';
    let id = clean;
    for (let i = 2; this.ids.has(id); i++) id = `${clean}_${i}`;
    this.ids.add(id);
    return id;
  }
  add(base: string, kind: string, params: Record<string, unknown> | undefined, from: string | null, name?: string): string {
    const id = this.id(base);
    this.nodes.push({ id, kind, ...(name ? { name } : {}), ...(this.pinned !== undefined && kind !== 'keyBy' ? { parallelism: this.pinned } : {}), ...(params ? { params } : {}) });
    if (from) this.edges.push({ from, to: id });
    return id;
  }
}


export interface Planned {
  columns: Column[];
  last: string;
  /** The output column that is still a rowtime attribute (the rows' event time), as Flink keeps it through a projection. */
  rowtime?: string;
  /** Its window_start and window_end columns are a window aggregation's window properties (Flink propagates them). */
  windowProperties?: WindowSpec;
  /** The rows of a window join (each emitted once, when its window fires, timestamped window_end − 1). */
  windowJoin?: true;
}

/**
 * The window TVF whose windows a relation's window_start / window_end are (Flink's
 * RelWindowProperties): a window join needs the same one on both sides.
 */
export interface WindowSpec {
  tvf: WindowTvf;
  /** The window node's assigner for `tvf`: equal assigners are equal windows. */
  assigner: Record<string, unknown>;
}


/** A code param: the NULL-aware runtime helpers, then `body`. */
export const fn = (body: string) => `(() => {\n${RUNTIME}return ${body};\n})()`;

/** A value as the sink row holds it: timestamps as Flink prints them. */
export const outputCode = (code: string, type: SqlType) => (isTimestamp(type) ? `$fmt(${code})` : code);
