/** SQL data types of the supported subset, and how values of each are read and printed. */

export type SqlTypeName = 'STRING' | 'BOOLEAN' | 'INT' | 'BIGINT' | 'DOUBLE' | 'FLOAT' | 'DECIMAL' | 'TIMESTAMP' | 'TIMESTAMP_LTZ' | 'NULL';

export interface SqlType {
  readonly name: SqlTypeName;
  /** DECIMAL precision; TIMESTAMP fractional digits. */
  readonly precision?: number;
  /** DECIMAL scale. */
  readonly scale?: number;
}

export const T = {
  STRING: { name: 'STRING' },
  BOOLEAN: { name: 'BOOLEAN' },
  INT: { name: 'INT' },
  BIGINT: { name: 'BIGINT' },
  DOUBLE: { name: 'DOUBLE' },
  NULL: { name: 'NULL' },
  TIMESTAMP3: { name: 'TIMESTAMP', precision: 3 },
} as const satisfies Record<string, SqlType>;

export const isNumeric = (t: SqlType) => t.name === 'INT' || t.name === 'BIGINT' || t.name === 'DOUBLE' || t.name === 'FLOAT' || t.name === 'DECIMAL';
export const isInteger = (t: SqlType) => t.name === 'INT' || t.name === 'BIGINT';
export const isTimestamp = (t: SqlType) => t.name === 'TIMESTAMP' || t.name === 'TIMESTAMP_LTZ';

/** Flink's name of a type, as in error messages. */
export function typeText(t: SqlType): string {
  if (t.name === 'DECIMAL') return `DECIMAL(${t.precision}, ${t.scale})`;
  if (isTimestamp(t)) return `${t.name}(${t.precision ?? 3})`;
  return t.name;
}

/** The type two numeric operands of `+ - *` or `/` widen to (Calcite's rules for DECIMAL). */
export function arithmeticType(op: string, a: SqlType, b: SqlType): SqlType {
  if (a.name === 'DOUBLE' || b.name === 'DOUBLE' || a.name === 'FLOAT' || b.name === 'FLOAT') return T.DOUBLE;
  if (a.name === 'DECIMAL' || b.name === 'DECIMAL') {
    const da = asDecimal(a);
    const db = asDecimal(b);
    if (op === '*') return { name: 'DECIMAL', precision: Math.min(38, da.p + db.p), scale: da.s + db.s };
    if (op === '/') {
      const s = Math.max(6, da.s + db.p + 1);
      return { name: 'DECIMAL', precision: Math.min(38, da.p - da.s + db.s + s), scale: s };
    }
    const s = Math.max(da.s, db.s);
    return { name: 'DECIMAL', precision: Math.min(38, Math.max(da.p - da.s, db.p - db.s) + s + 1), scale: s };
  }
  return a.name === 'BIGINT' || b.name === 'BIGINT' ? T.BIGINT : T.INT;
}

function asDecimal(t: SqlType): { p: number; s: number } {
  if (t.name === 'DECIMAL') return { p: t.precision ?? 10, s: t.scale ?? 0 };
  return { p: t.name === 'BIGINT' ? 19 : 10, s: 0 };
}

/** Flink's result type of an aggregate over `arg` (`COUNT` is BIGINT NOT NULL). */
export function aggregateType(fn: string, arg: SqlType | null): SqlType {
  if (fn === 'COUNT' || arg === null) return T.BIGINT;
  if (fn === 'SUM' && arg.name === 'DECIMAL') return { name: 'DECIMAL', precision: 38, scale: arg.scale ?? 0 };
  if (fn === 'AVG' && arg.name === 'DECIMAL') return { name: 'DECIMAL', precision: 38, scale: Math.max(6, arg.scale ?? 0) };
  return arg;
}

/** `yyyy-MM-dd HH:mm:ss.SSS` of epoch milliseconds, in UTC: how Flink prints TIMESTAMP(3). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

/**
 * Epoch milliseconds of a SQL timestamp text (`2020-04-15 08:05:00[.fff]`, or ISO with `T` / `Z`)
 * read as UTC, or of a number of ms; NaN when it is neither.
 */
export function parseTimestamp(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : Number.NaN;
  if (typeof v !== 'string') return Number.NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z?$/.exec(v.trim());
  if (!m) return Number.NaN;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms);
}

/** The kind of value a type holds, for what an INSERT may write into a sink column. */
function family(t: SqlType): string | null {
  if (t.name === 'NULL') return null;
  if (isNumeric(t)) return 'numeric';
  if (isTimestamp(t)) return 'timestamp';
  return t.name;
}

/**
 * Why the query's columns cannot be written into the sink's, or null. Flink refuses an INSERT
 * whose column types have no implicit cast to the sink's; this refuses the clear cases — a
 * string, number, boolean or timestamp into a column of another kind (a NULL fits any) — and lets
 * numbers widen or narrow among themselves.
 */
export function sinkTypeMismatch(sink: string, query: readonly { name: string; type: SqlType }[], columns: readonly { name: string; type: SqlType }[]): string | null {
  for (let i = 0; i < columns.length; i++) {
    const q = query[i]!.type;
    const c = columns[i]!.type;
    const a = family(q);
    const b = family(c);
    if (a !== null && b !== null && a !== b) {
      return `column types of the query and sink ${sink} do not match: sink column ${columns[i]!.name} (position ${i + 1}) is ${typeText(c)}, the query gives ${typeText(q)} (${query[i]!.name}); CAST it or reorder the columns`;
    }
  }
  return null;
}
