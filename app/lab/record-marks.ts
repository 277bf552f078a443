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

/** A mark as the layer last showed it (or is to show it): whole pixels, and its element once made. */
interface Shown {
  id: number;
  step: number;
  key: string;
  ts: number;
  fate: string;
  x: number;
  y: number;
  current: boolean;
  el: HTMLElement | null;
  /** The draw that last handed it in. */
  drawn: number;
  /** Waiting in the queue of changes to apply. */
  queued: boolean;
}

/** How long one pass may touch the DOM before it yields (a frame's share). */
const SLICE_MS = 8;

const later = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 100 }) : setTimeout(f, 0));

/**
 * The marks of one layer: an empty, invisible `<i class="lab-record-mark">` centred on each dot
 * drawn, with `recordMarkAttributes`, so a test can ask where any record is at any step and hover
 * it (the layer lets the pointer through to the canvas, whose tip and click serve users).
 *
 * A draw hands in every dot it draws (`begin`, `mark` for each, `end`); the layer compares each
 * with what it shows, field by field, and queues only the marks that changed, appeared or went.
 * The queue is applied soon after, in idle slices of a few milliseconds: a step of a large trace
 * adds a dot and moves the current one, so it touches two or three elements, not the thousands in
 * view, and allocates nothing for the marks that stay as they are.
 */
export class RecordMarkLayer {
  private readonly shown = new Map<number, Shown>();
  private queue: Shown[] = [];
  private draw = 0;
  private scheduled = false;

  constructor(private readonly layer: HTMLElement) {}

  /** A draw starts: the marks it hands in are the ones to show. */
  begin(): void {
    this.draw++;
  }

  /** A dot drawn at (x, y) in the layer's pixels. */
  mark(id: number, step: number, key: string, ts: number, fate: string, x: number, y: number, current: boolean): void {
    const rx = Math.round(x);
    const ry = Math.round(y);
    let s = this.shown.get(id);
    if (s === undefined) {
      s = { id, step, key, ts, fate, x: rx, y: ry, current, el: null, drawn: this.draw, queued: false };
      this.shown.set(id, s);
    } else {
      const was = s.drawn;
      s.drawn = this.draw;
      if (was === this.draw - 1 && s.step === step && s.key === key && s.ts === ts && s.fate === fate && s.x === rx && s.y === ry && s.current === current) return;
      s.step = step;
      s.key = key;
      s.ts = ts;
      s.fate = fate;
      s.x = rx;
      s.y = ry;
      s.current = current;
    }
    this.enqueue(s);
  }

  /** The draw is done: the marks it did not hand in go, and the changes are applied soon. */
  end(): void {
    for (const s of this.shown.values()) if (s.drawn !== this.draw) this.enqueue(s);
    if (this.queue.length === 0 || this.scheduled) return;
    this.scheduled = true;
    const pass = () => {
      if (this.applySlice()) this.scheduled = false;
      else later(pass);
    };
    later(pass);
  }

  private enqueue(s: Shown): void {
    if (s.queued) return;
    s.queued = true;
    this.queue.push(s);
  }

  /** Applies queued changes for up to `SLICE_MS`; true when the queue is empty. */
  private applySlice(): boolean {
    const until = performance.now() + SLICE_MS;
    let i = 0;
    for (; i < this.queue.length; i++) {
      if (i % 32 === 31 && performance.now() > until) break;
      const s = this.queue[i]!;
      s.queued = false;
      if (s.drawn !== this.draw) {
        s.el?.remove();
        this.shown.delete(s.id);
        continue;
      }
      const el = s.el ?? this.layer.appendChild(this.layer.ownerDocument.createElement('i'));
      if (s.el === null) {
        el.className = 'lab-record-mark';
        s.el = el;
      }
      for (const [name, value] of Object.entries(recordMarkAttributes(s))) el.setAttribute(name, value);
      if (!s.current) el.removeAttribute('data-current');
    }
    this.queue = i === this.queue.length ? [] : this.queue.slice(i);
    return this.queue.length === 0;
  }
}

const layers = new WeakMap<HTMLElement, RecordMarkLayer>();

/** The marks of `layer` (the element over a timeline's canvas), made on first use. */
export function recordMarkLayer(layer: HTMLElement): RecordMarkLayer {
  let l = layers.get(layer);
  if (l === undefined) layers.set(layer, (l = new RecordMarkLayer(layer)));
  return l;
}
