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

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The marks as HTML: an empty, invisible `<i class="lab-record-mark">` centred on each dot with
 * `data-record` (id), `data-step`, `data-key`, `data-ts`, `data-fate` and `data-current` on the
 * current step's, so a test can ask where any record is at any step and hover it (the layer
 * lets the pointer through to the canvas, whose tip and click serve users). One string, set at
 * once: thousands of dots in view cost one parse, not thousands of element updates.
 */
export function recordMarksHtml(marks: readonly RecordMark[]): string {
  let html = '';
  for (const m of marks) {
    html += `<i class="lab-record-mark" data-record="${m.id}" data-step="${m.step}" data-key="${attr(m.key)}" data-ts="${m.ts}" data-fate="${m.fate}"${m.current ? ' data-current=""' : ''} style="left:${Math.round(m.x)}px;top:${Math.round(m.y)}px"></i>`;
  }
  return html;
}
