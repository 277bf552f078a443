/**
 * The lab's edge-label boxes' sizes, measured once per kind of content instead of on every step.
 * Reading a box's size (`offsetWidth`) right after a step's render has written the page forces the
 * browser to lay the whole page out there and then, inside the step's task: that was most of the
 * long frames left while stepping a big trace. A box's size depends only on its tag, whether its
 * watermark is idle, and the watermark's text — which is set in tabular figures, so every text of
 * the same shape ("10:00:05.120", "10:00:07.945") is as wide: the digits are left out of the key.
 * A step that only moves the watermark on measures nothing.
 */

export interface LabelSize {
  readonly width: number;
  readonly height: number;
}

/** What a label box's size depends on: its tag, idle or not, and its watermark text with every digit as 0. */
export function labelSizeKey(tag: string | undefined, text: string, idle: boolean): string {
  return `${idle ? 'i' : 'w'}\u0000${tag ?? ''}\u0000${text.replace(/[0-9]/g, '0')}`;
}

/** Bounds the cache on a page that shows many kinds of label over time; a handful is the norm. */
const MAX_KEYS = 512;

/** Sizes by `labelSizeKey`, shared by a page's edges: the first box of a kind is measured, the rest reuse its size. */
export class LabelSizes {
  private readonly sizes = new Map<string, LabelSize>();

  /** The size of a box whose content is `key`, if one of that kind was measured; undefined when it must be measured. */
  known(key: string): LabelSize | undefined {
    return this.sizes.get(key);
  }

  /** A box of kind `key` measured `size`. An unlaid-out box (not in the document yet, or hidden) measures 0: not remembered. */
  remember(key: string, size: LabelSize): void {
    if (size.width <= 0 || size.height <= 0) return;
    if (this.sizes.size >= MAX_KEYS) this.sizes.clear();
    this.sizes.set(key, size);
  }
}

/** The lab canvases' label sizes (the same CSS everywhere in the page). */
export const labelSizes = new LabelSizes();
