/**
 * A virtualized table of one sink's records: only the rows in view (and a few around) are in
 * the DOM, positioned inside a spacer as tall as all rows, so 100 000 rows scroll smoothly.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { cellText, columnsOf, visibleRows } from './virtual-range';

const ROW_HEIGHT = 24;

/** `values` is the sink's live list: the parent re-renders this table whenever it grows. */
export function ResultsTable({ sink, values }: { sink: string; values: readonly unknown[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(200);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  // Columns come from the first records only, so they settle once those are in.
  const sampled = Math.min(values.length, 200);
  const columns = useMemo(() => columnsOf(values.slice(0, sampled)), [values, sampled]);
  const count = values.length;
  const { start, end } = visibleRows(scrollTop, height, ROW_HEIGHT, count);
  const single = columns.length === 1 && columns[0] === 'value';
  const template = `64px repeat(${columns.length}, minmax(90px, 1fr))`;
  const rows = [];
  for (let i = start; i < end; i++) {
    const v = values[i];
    rows.push(
      <div role="row" aria-rowindex={i + 2} className="vt-row" key={i} style={{ top: i * ROW_HEIGHT, gridTemplateColumns: template }}>
        <span role="cell" className="vt-index">
          {i + 1}
        </span>
        {columns.map((c) => (
          <span role="cell" key={c}>
            {cellText(single ? v : (v as Record<string, unknown>)[c])}
          </span>
        ))}
      </div>,
    );
  }
  return (
    <div className="vt" role="table" aria-label={`Records of ${sink}`} aria-rowcount={count + 1}>
      <div role="row" aria-rowindex={1} className="vt-head" style={{ gridTemplateColumns: template }}>
        <span role="columnheader">#</span>
        {columns.map((c) => (
          <span role="columnheader" key={c}>
            {c}
          </span>
        ))}
      </div>
      <div className="vt-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="results-scroll">
        <div className="vt-spacer" style={{ height: count * ROW_HEIGHT }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
