/**
 * Immutable reads and writes at a path inside plain JSON values. Writing `undefined` removes
 * the key, so a cleared form field leaves no `"x": null` behind and the format's default applies.
 */

export type Path = readonly (string | number)[];

/** The value at `path`, or undefined when any step is missing. */
export function getAt(value: unknown, path: Path): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * A copy of `value` with `next` at `path` (containers on the way are copied, missing ones
 * created); `undefined` deletes the key. Untouched branches keep their identity.
 */
export function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = value !== null && typeof value === 'object' ? value : typeof head === 'number' ? [] : {};
  const child = setAt((container as Record<string | number, unknown>)[head], rest, next);
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[head as number] = child;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) };
  if (child === undefined) delete copy[head];
  else copy[head] = child;
  return copy;
}

/** The path as validation names fields: `params.assigner.sizeMs`, `params.records[2]`. */
export function fieldName(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
