/**
 * A SQL result value as Flink prints it: DECIMAL(p, s) with exactly s decimals, booleans as
 * TRUE / FALSE, NULL for a missing value; timestamps arrive already formatted by the job
 * (`yyyy-MM-dd HH:mm:ss.SSS`).
 */
import type { SqlType } from '../../engine/sql/types';

export function sqlCellText(type: SqlType | undefined, v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (type?.name === 'DECIMAL' && typeof v === 'number') return v.toFixed(type.scale ?? 0);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
