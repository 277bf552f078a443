/**
 * The browser's long tables (windows, timers, diffs): a plain table while it is short, and from
 * `PLAIN_ROWS` rows on a virtualized grid — only the rows in view are in the DOM (the
 * `visibleRows` range KeyedTable uses; no list library is a dependency), so 10 000 keys' windows
 * render and scroll as fast as 10. Rows keep the table's roles (`table` / `row` / `cell`, with
 * `aria-rowcount` and `aria-rowindex`), so both forms read the same to a screen reader and a test.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { visibleRows } from '../panels/virtual-range';
import { BrowserTable } from './BrowserTable';

/** Up to this many rows a table is drawn whole. */
export const PLAIN_ROWS = 200;
const ROW_HEIGHT = 24;

export interface BrowserCell {
  readonly content: ReactNode;
  readonly className?: string;
  readonly title?: string;
}

export interface BrowserRow {
  readonly key: string;
  readonly className?: string;
  readonly cells: readonly BrowserCell[];
}

/** `row(i, virtual)`: row i; `virtual` says its cells are one line high (JSON trees float when opened). */
export function VirtualBrowserTable(props: {
  label: string;
  headers: readonly string[];
  count: number;
  row: (i: number, virtual: boolean) => BrowserRow;
  className?: string;
  /** Grid columns of the virtualized form. */
  columns?: string;
}) {
  const { label, headers, count, row, className } = props;
  if (count <= PLAIN_ROWS) {
    const rows = [];
    for (let i = 0; i < count; i++) {
      const r = row(i, false);
      rows.push(
        <tr key={r.key} className={r.className}>
          {r.cells.map((c, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
            <td key={j} className={c.className} title={c.title}>
              {c.content}
            </td>
          ))}
        </tr>,
      );
    }
    return (
      <BrowserTable label={label} headers={headers} className={className}>
        {rows}
      </BrowserTable>
    );
  }
  return <VirtualGrid {...props} />;
}

function VirtualGrid({ label, headers, count, row, className, columns }: Parameters<typeof VirtualBrowserTable>[0]) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const { start, end } = visibleRows(scrollTop, height, ROW_HEIGHT, count);
  const template = columns ?? `repeat(${headers.length}, minmax(80px, 1fr))`;
  const rows = [];
  for (let i = start; i < end; i++) {
    const r = row(i, true);
    rows.push(
      <div role="row" aria-rowindex={i + 2} className={r.className === undefined ? 'vt-row' : `vt-row ${r.className}`} key={r.key} style={{ top: i * ROW_HEIGHT, gridTemplateColumns: template }}>
        {r.cells.map((c, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
          <span role="cell" key={j} className={c.className} title={c.title}>
            {c.content}
          </span>
        ))}
      </div>,
    );
  }
  return (
    <div className={`vt-wrap cp-virtual${className === undefined ? '' : ` ${className}`}`}>
      <div className="vt" role="table" aria-label={label} aria-rowcount={count + 1}>
        <div role="row" aria-rowindex={1} className="vt-head" style={{ gridTemplateColumns: template }}>
          {headers.map((h) => (
            <span role="columnheader" key={h}>
              {h}
            </span>
          ))}
        </div>
        <div className="vt-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div className="vt-spacer" style={{ height: count * ROW_HEIGHT }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
