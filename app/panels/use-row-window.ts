/**
 * Which rows of a long live table to render: those in view in its panel and a few either side,
 * between spacer rows as tall as the rows left out. A 100-node job at parallelism 2 has 180
 * operator rows whose figures change on every metrics tick; rewriting all of them (and laying
 * them out and painting them) each tick was most of the page's work while such a job ran. Tables
 * up to `WINDOW_FROM` rows render whole.
 */
import { type RefObject, useEffect, useRef, useState } from 'react';
import { type RowRange, visibleRows } from './virtual-range';

export const WINDOW_FROM = 64;
const OVERSCAN = 10;
/** A live table row's height before one is measured (12 px text, 2 px padding, 1 px border). */
const ROW_HEIGHT_GUESS = 22;

export interface RowWindow extends RowRange {
  /** On the table's `<tbody>`. */
  readonly ref: RefObject<HTMLTableSectionElement | null>;
  /** Heights of the spacer rows before and after the rendered rows (px; 0: no spacer). */
  readonly before: number;
  readonly after: number;
}

export function useRowWindow(count: number): RowWindow {
  const ref = useRef<HTMLTableSectionElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 400, rowHeight: ROW_HEIGHT_GUESS });
  const windowed = count > WINDOW_FROM;
  useEffect(() => {
    const body = ref.current;
    if (!windowed || body === null) return;
    // The panel scrolls (its box, or one inside it): where the tbody is against the panel's box says which rows show.
    const scroller = body.closest<HTMLElement>('.live-panel') ?? document.documentElement;
    let frame = 0;
    const measure = () => {
      const box = scroller.getBoundingClientRect();
      const table = body.getBoundingClientRect();
      const row = body.querySelector<HTMLElement>('tr[aria-rowindex]');
      const rowHeight = row ? row.getBoundingClientRect().height || ROW_HEIGHT_GUESS : ROW_HEIGHT_GUESS;
      const next = { top: Math.round(Math.max(0, box.top - table.top)), height: Math.round(box.height), rowHeight };
      setView((v) => (v.top === next.top && v.height === next.height && Math.abs(v.rowHeight - next.rowHeight) < 0.5 ? v : next));
    };
    const later = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          measure();
        });
    };
    // Scrolls of the panel or of any box inside it (captured: scroll events do not bubble).
    document.addEventListener('scroll', later, { capture: true, passive: true });
    // Measured where layout is fresh: a ResizeObserver reports after layout, and reports the
    // scroller's size as soon as it is observed. Measuring as the table mounted (inside the
    // publication that rendered it) or in the next animation frame (after that frame's
    // publication changed the page) made the browser lay the page out just to answer.
    const resize = new ResizeObserver(measure);
    resize.observe(scroller);
    return () => {
      document.removeEventListener('scroll', later, { capture: true });
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [windowed]);
  if (!windowed) return { ref, start: 0, end: count, before: 0, after: 0 };
  const { start, end } = visibleRows(view.top, view.height, view.rowHeight, count, OVERSCAN);
  return { ref, start, end, before: start * view.rowHeight, after: (count - end) * view.rowHeight };
}
