/**
 * The lines `eddy run SCRIPT.sql` prints: `{"sink":…,"op":"+I","value":{…}}` with Flink's value
 * formats — DECIMAL(p, s) with exactly s decimals (`11.00`), timestamps already formatted by the
 * job. `op` is the row's kind: the engine's lines carry it when it is not `+I` (a changelog query).
 */
import type { SinkSchema } from './compile.js';

/** One output line (no newline) for a row that reached `sink`. */
export function sqlRowLine(sink: string, value: unknown, schemas: ReadonlyMap<string, SinkSchema>, op = '+I'): string {
  const schema = schemas.get(sink);
  const head = `{"sink":${JSON.stringify(sink)},"op":"${op}","value":`;
  if (!schema || value === null || typeof value !== 'object') return `${head}${JSON.stringify(value)}}`;
  const row = value as Record<string, unknown>;
  const parts = schema.columns.map((c) => {
    const v = row[c.name];
    const text = v === undefined || v === null ? 'null' : c.type.name === 'DECIMAL' && typeof v === 'number' ? decimalText(v, c.type.scale ?? 0) : JSON.stringify(v);
    return `${JSON.stringify(c.name)}:${text}`;
  });
  return `${head}{${parts.join(',')}}}`;
}

/**
 * A DECIMAL(p, s) value with exactly `s` decimals (`toFixed`, which rounds the exact binary value
 * half away from zero, as the exported job's `SqlRowLine` does with `BigDecimal`). A value that
 * rounds to zero prints unsigned: a DECIMAL has no negative zero, and `toFixed` would print
 * `-0.00` for -1e-17 (a sum of doubles that is exactly 0 in Flink's decimal arithmetic).
 */
export function decimalText(v: number, scale: number): string {
  const text = v.toFixed(scale);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Rewrites the engine's `{"sink":…,"value":…}` lines, arriving in chunks, into SQL row lines.
 * Partial lines wait for their end.
 */
export function sqlLineWriter(schemas: readonly SinkSchema[], write: (text: string) => void): (chunk: string) => void {
  const bySink = new Map(schemas.map((s) => [s.name, s]));
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    const complete = pending.slice(0, end);
    pending = pending.slice(end + 1);
    let out = '';
    for (const line of complete.split('\n')) {
      if (line === '') continue;
      const r = JSON.parse(line) as { sink: string; op?: string; value: unknown };
      out += sqlRowLine(r.sink, r.value, bySink, r.op) + '\n';
    }
    write(out);
  };
}
