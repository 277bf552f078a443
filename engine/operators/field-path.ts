/**
 * Dot paths into records (`"user.address.city"`), compiled once in `setup()` and applied per
 * record. Reading never throws on missing parents; writing never mutates its input: it copies
 * each object along the path, so a record another operator still holds stays as it was.
 */

/** A compiled dot path: its segments. */
export type FieldPath = readonly string[];

/** Splits `path` into segments; an empty segment (`"a..b"`, `""`) is an error naming `field`. */
export function compilePath(path: string, field = 'field'): FieldPath {
  if (typeof path !== 'string' || path === '') throw new Error(`${field} must be a non-empty dot path`);
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new Error(`${field} "${path}" has an empty segment`);
  return parts;
}

/** The value at `path` in `record`, or undefined when a parent is missing. */
export function getPath(record: unknown, path: FieldPath): unknown {
  let cur: any = record;
  for (let i = 0; i < path.length; i++) {
    if (cur == null) return undefined;
    cur = cur[path[i]!];
  }
  return cur;
}

/**
 * A copy of `record` with `value` at `path`. Objects along the path are shallow-copied (arrays
 * stay arrays); missing or non-object parents become fresh objects. `record` is not modified.
 */
export function setPath(record: unknown, path: FieldPath, value: unknown): any {
  return setFrom(record, path, 0, value);
}

function setFrom(node: unknown, path: FieldPath, i: number, value: unknown): any {
  const copy: any = Array.isArray(node) ? node.slice() : node !== null && typeof node === 'object' ? { ...node } : {};
  const name = path[i]!;
  const next = i + 1 === path.length ? value : setFrom(copy[name], path, i + 1, value);
  // defineProperty keeps a segment named "__proto__" an own field instead of a prototype swap.
  Object.defineProperty(copy, name, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}
