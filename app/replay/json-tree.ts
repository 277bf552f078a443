/**
 * The JSON tree's model (pure, no React): what kind a state value is, the one-line summary of an
 * object or array (its short JSON when it fits, else `{ 3 keys }` / `[ 12 items ]`), its children
 * one level down, and a leaf's text truncated with the full value kept for the tooltip.
 */

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'other';

/** Summaries and leaves longer than this are shortened. */
export const MAX_INLINE = 48;

export function jsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

/** The children one level down: an array's items by index, an object's fields in their order. */
export function jsonChildren(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (jsonKind(value) === 'object') return Object.entries(value as Record<string, unknown>);
  return [];
}

/** Whether the value can be expanded: a non-empty object or array. */
export function isBranch(value: unknown): boolean {
  return jsonChildren(value).length > 0;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** An object's or array's one-line summary: its JSON when that fits in `max`, else a count. */
export function jsonSummary(value: unknown, max = MAX_INLINE): string {
  const kind = jsonKind(value);
  if (kind !== 'object' && kind !== 'array') return leafText(value, max).text;
  const json = safeJson(value);
  if (json.length <= max) return json;
  const n = jsonChildren(value).length;
  return kind === 'array' ? `[ ${plural(n, 'item', 'items')} ]` : `{ ${plural(n, 'key', 'keys')} }`;
}

/** A leaf's text (strings quoted, as in JSON), cut to `max` characters; `full` is the whole value for the tooltip. */
export function leafText(value: unknown, max = MAX_INLINE): { text: string; full: string; truncated: boolean } {
  const full = value === undefined ? 'undefined' : typeof value === 'bigint' ? String(value) : safeJson(value);
  if (full.length <= max) return { text: full, full, truncated: false };
  return { text: `${full.slice(0, max - 1)}…`, full, truncated: true };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
