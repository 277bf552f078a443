/**
 * Which rows of a long list to draw: those in the viewport plus a few either side. A table of
 * 100 000 rows draws a few dozen, so scrolling costs the same at any length.
 */
export interface RowRange {
  /** First row to draw. */
  readonly start: number;
  /** One past the last row to draw. */
  readonly end: number;
}

export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** Column names for record values: the keys of the first records (objects), else one "value". */
export function columnsOf(values: readonly unknown[], sample = 200, max = 16): string[] {
  const keys = new Set<string>();
  let objects = 0;
  for (let i = 0; i < Math.min(values.length, sample); i++) {
    const v = values[i];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return ['value'];
    objects++;
    for (const k of Object.keys(v)) if (keys.size < max) keys.add(k);
  }
  return objects === 0 ? ['value'] : [...keys];
}

/** A cell's text: strings as they are, everything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
