/**
 * `SELECT DISTINCT …` is Flink's Calc → GroupAggregate without aggregates: the select list is
 * computed, then grouped by all its columns; a row is emitted (`+I`) the first time its values
 * are seen and never again (under retraction input, `-D` when its last copy is retracted).
 */
import type { Select } from './ast.js';
import { field } from './codegen.js';
import type { Column, JobBuilder } from './job-builder.js';
import { PlanError } from './plan-error.js';

/** Checks that `s` is a DISTINCT Eddy runs: over a table, without GROUP BY or aggregates. */
export function checkDistinct(s: Select, aggregating: boolean): void {
  if (!('table' in s.from)) throw new PlanError(s.pos, 'SELECT DISTINCT over a window TVF is not supported yet; GROUP BY window_start, window_end and the columns');
  if (aggregating) throw new PlanError(s.pos, 'SELECT DISTINCT with GROUP BY or aggregates is not supported yet');
}

/** A keyBy on every column of the select list's rows and a groupAggregate with no aggregates. */
export function distinctRows(job: JobBuilder, columns: readonly Column[], input: string): string {
  const names = columns.map((c) => c.name);
  const key = `(r) => JSON.stringify([${names.map((n) => field('r', n)).join(', ')}])`;
  job.pinned = undefined;
  const keyed = job.add('distinct_by', 'keyBy', { code: key }, input, `DISTINCT ${names.join(', ')}`);
  return job.add('distinct', 'groupAggregate', { keys: names, aggregates: [] }, keyed, 'GroupAggregate (SELECT DISTINCT)');
}
