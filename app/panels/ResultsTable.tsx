/**
 * A virtualized table of one sink's records: only the rows in view (and a few around) are in
 * the DOM, positioned inside a spacer as tall as all rows, so 100 000 rows scroll smoothly.
 * Columns of event-time instants read as times (`00:01:00.000`, a UTC date for epoch values),
 * with both readings in the tooltip and a toggle to raw milliseconds.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatInstant, instantTitle, isTimeColumn } from '../format/time';
import { RawTimesToggle } from './RawTimesToggle';
import { cellText, columnsOf, visibleRows } from './virtual-range';

const ROW_HEIGHT = 24;

/** How a SQL sink's rows read: its columns in order, each value printed as Flink prints its type, and the row kinds. */
export interface SqlRowView {
  readonly columns: readonly string[];
  cell(column: string, value: unknown): string;
  /** Each row's kind (+I, -U, +U, -D), shown first as `op`; absent for a materialized table. */
  readonly ops?: readonly string[];
  /** Columns whose values need room to be read whole (timestamps). */
  readonly wide?: ReadonlySet<string>;
}

/** `values` is the sink's live list: the parent re-renders this table whenever it grows. */
export function ResultsTable({ sink, values, sql, label }: { sink: string; values: readonly unknown[]; sql?: SqlRowView; label?: string }) {
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
  const sampledColumns = useMemo(() => columnsOf(values.slice(0, sampled)), [values, sampled]);
  const columns = sql ? (sql.ops ? ['op', ...sql.columns] : sql.columns) : sampledColumns;
  const count = values.length;
  const { start, end } = visibleRows(scrollTop, height, ROW_HEIGHT, count);
  const single = !sql && columns.length === 1 && columns[0] === 'value';
  // biome-ignore lint/correctness/useExhaustiveDependencies: columns change with sampledColumns or the SQL schema
  const times = useMemo(() => new Set(sql ? [] : columns.filter((c) => !single && isTimeColumn(c, values.slice(0, sampled).map((v) => (v as Record<string, unknown>)[c])))), [sampledColumns, sql, single, values, sampled]);
  const [raw, setRaw] = useState(false);
  const template = sql ? `64px ${columns.map((c) => (c === 'op' && sql.ops ? '48px' : sql.wide?.has(c) ? 'minmax(190px, 1.5fr)' : 'minmax(80px, 1fr)')).join(' ')}` : `64px repeat(${columns.length}, minmax(90px, 1fr))`;
  const rows = [];
  for (let i = start; i < end; i++) {
    const v = values[i];
    rows.push(
      <div role="row" aria-rowindex={i + 2} className="vt-row" key={i} style={{ top: i * ROW_HEIGHT, gridTemplateColumns: template }}>
        <span role="cell" className="vt-index">
          {i + 1}
        </span>
        {columns.map((c) => {
          if (sql) {
            const text = sql.ops && c === 'op' ? (sql.ops[i] ?? '+I') : sql.cell(c, (v as Record<string, unknown> | null)?.[c]);
            return (
              <span role="cell" key={c} className={c === 'op' && sql.ops ? `op op-${text === '+I' || text === '+U' ? 'add' : 'retract'}` : undefined}>
                {text}
              </span>
            );
          }
          const cell = single ? v : (v as Record<string, unknown>)[c];
          if (times.has(c) && typeof cell === 'number')
            return (
              <span role="cell" key={c} title={instantTitle(cell)}>
                {raw ? String(cell) : formatInstant(cell)}
              </span>
            );
          return (
            <span role="cell" key={c}>
              {cellText(cell)}
            </span>
          );
        })}
      </div>,
    );
  }
  return (
    <div className="vt-wrap">
      {times.size > 0 && <RawTimesToggle raw={raw} onChange={setRaw} />}
      <div className="vt" role="table" aria-label={label ?? `Records of ${sink}`} aria-rowcount={count + 1}>
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
    </div>
  );
}
