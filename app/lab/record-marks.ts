// The record dots of a lab timeline as elements: the canvas draws them, these say which is where.

/** One record's dot as drawn, in the canvas's pixels (from its top-left corner as shown). */
export interface RecordMark {
  /** The record's stable identity on its timeline: its index in arrival order (`TimelineRecord.index`). */
  readonly id: number;
  /** The step at which the node took it. */
  readonly step: number;
  readonly key: string;
  readonly ts: number;
  readonly fate: string;
  readonly x: number;
  readonly y: number;
  /** Taken at the step the lab is at. */
  readonly current: boolean;
}

/**
 * A mark's attributes: `data-record` (id), `data-step`, `data-key`, `data-ts`, `data-fate`,
 * `data-current` on the current step's only, and its place (`left`/`top`, whole pixels).
 */
export function recordMarkAttributes(m: RecordMark): Record<string, string> {
  const a: Record<string, string> = { 'data-record': String(m.id), 'data-step': String(m.step), 'data-key': m.key, 'data-ts': String(m.ts), 'data-fate': m.fate, style: `left:${Math.round(m.x)}px;top:${Math.round(m.y)}px` };
  if (m.current) a['data-current'] = '';
  return a;
}

/** What each layer shows: per record id, its element and the attributes it was given. */
const shownIn = new WeakMap<HTMLElement, Map<number, { el: HTMLElement; sig: string }>>();
/** The marks each layer is to show next, and whether a pass over them is scheduled. */
const wantedIn = new WeakMap<HTMLElement, readonly RecordMark[]>();
const scheduled = new WeakSet<HTMLElement>();
/** How long one pass may touch the DOM before it yields (a frame's share). */
const SLICE_MS = 8;

/**
 * Brings `layer` to show `marks`, soon after (in idle slices of a few milliseconds, the latest
 * call winning): an empty, invisible `<i class="lab-record-mark">` centred on each dot with
 * `recordMarkAttributes`, so a test can ask where any record is at any step and hover it (the
 * layer lets the pointer through to the canvas, whose tip and click serve users). Only marks
 * that changed touch the DOM, and never for long at once: thousands of dots in view would
 * otherwise make each step of a large trace a long task.
 */
export function syncRecordMarks(layer: HTMLElement, marks: readonly RecordMark[]): void {
  wantedIn.set(layer, marks);
  if (scheduled.has(layer)) return;
  scheduled.add(layer);
  const pass = () => {
    if (applySlice(layer, wantedIn.get(layer) ?? [])) scheduled.delete(layer);
    else later(pass);
  };
  later(pass);
}

const later = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 100 }) : setTimeout(f, 0));

/** Applies changes for up to `SLICE_MS`; true when the layer shows `marks`. */
function applySlice(layer: HTMLElement, marks: readonly RecordMark[]): boolean {
  let shown = shownIn.get(layer);
  if (shown === undefined) shownIn.set(layer, (shown = new Map()));
  const until = performance.now() + SLICE_MS;
  let changes = 0;
  const overBudget = () => ++changes % 64 === 0 && performance.now() > until;
  const keep = new Set<number>();
  for (const m of marks) keep.add(m.id);
  for (const [id, { el }] of shown) {
    if (keep.has(id)) continue;
    el.remove();
    shown.delete(id);
    if (overBudget()) return false;
  }
  for (const m of marks) {
    const attrs = recordMarkAttributes(m);
    const sig = Object.entries(attrs).join('\u0000');
    const had = shown.get(m.id);
    if (had?.sig === sig) continue;
    const el = had?.el ?? layer.appendChild(layer.ownerDocument.createElement('i'));
    el.className = 'lab-record-mark';
    if (had) for (const name of el.getAttributeNames()) if (name !== 'class' && !(name in attrs)) el.removeAttribute(name);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    shown.set(m.id, { el, sig });
    if (overBudget()) return false;
  }
  return true;
}
