/** An operator's keyed state: one row per key (key group, owner, owner after a rescale) and a column per state. */
import { useEffect, useRef, useState } from 'react';
import type { CheckpointReader } from '../client/checkpoint-reader';
import { formatInstant } from '../format/time';
import { visibleRows } from '../panels/virtual-range';
import { JsonTree } from './JsonTree';
import { type KeyRow, newOwner } from './state-table';

const ROW_HEIGHT = 24;
/** Rows read from the reader beyond the view on either side, so a short scroll needs no new read. */
const READ_AHEAD = 60;

/**
 * Keys × states, virtualized: only the rows in view are in the DOM, and only the rows about the
 * view are read from the checkpoint reader (its worker holds the `count` keys that match `filter`).
 */
export function KeyedTable(props: {
  reader: CheckpointReader;
  handle: number;
  filter: string;
  node: string;
  states: readonly string[];
  kinds: Readonly<Record<string, string>>;
  count: number;
  maxParallelism: number;
  newParallelism: number | null;
}) {
  const { reader, handle, filter, node, states, kinds, count, maxParallelism, newParallelism } = props;
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
  const { start, end } = visibleRows(scrollTop, height, ROW_HEIGHT, count);
  const [block, setBlock] = useState<{ of: string; start: number; rows: readonly KeyRow[] } | null>(null);
  const of = `${handle}\u0000${node}\u0000${filter}\u0000${count}`;
  const current = block !== null && block.of === of ? block : null;
  const covered = current !== null && current.start <= start && current.start + current.rows.length >= end;
  useEffect(() => {
    if (covered || end <= start) return;
    // Not cancelled by a scroll: while scrolling, each read that lands shows what it can.
    const from = Math.max(0, start - READ_AHEAD);
    reader.keyRows(handle, node, filter, from, end + READ_AHEAD).then((rows) => setBlock({ of, start: from, rows }));
  }, [reader, handle, node, filter, of, start, end, covered]);
  const fixed = newParallelism === null ? 3 : 4;
  const template = `repeat(${fixed}, minmax(70px, 0.6fr)) repeat(${states.length}, minmax(110px, 1fr))`;
  const rows = [];
  for (let i = start; i < end; i++) {
    const k = current?.rows[i - current.start];
    if (k === undefined) continue;
    const moved = newParallelism === null ? null : newOwner(k.keyGroup, maxParallelism, newParallelism);
    rows.push(
      <div role="row" aria-rowindex={i + 2} className="vt-row" key={k.keyText} style={{ top: i * ROW_HEIGHT, gridTemplateColumns: template }}>
        <span role="cell">{k.keyText}</span>
        <span role="cell">{k.keyGroup}</span>
        <span role="cell">{k.subtask}</span>
        {moved !== null && (
          <span role="cell" className={moved !== k.subtask ? 'cp-moved' : undefined}>
            {moved}
          </span>
        )}
        {states.map((s) => {
          const expires = k.expiresAt[s];
          return (
            <span role="cell" key={s} title={cellTitle(k.values[s], expires)} className="cp-mono">
              <JsonTree value={k.values[s]} label={`${s} of ${k.keyText}`} floating />
            </span>
          );
        })}
      </div>,
    );
  }
  return (
    <div className="vt-wrap cp-keyed">
      <div className="vt" role="table" aria-label={`Keyed state of ${node}`} aria-rowcount={count + 1}>
        <div role="row" aria-rowindex={1} className="vt-head" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">Key</span>
          <span role="columnheader">Key group</span>
          <span role="columnheader">Subtask</span>
          {newParallelism !== null && <span role="columnheader">Subtask at {newParallelism}</span>}
          {states.map((s) => (
            <span role="columnheader" key={s} title={`${kinds[s]} state`}>
              {s} ({kinds[s]})
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

function cellTitle(value: unknown, expiresAt: number | number[] | undefined): string {
  const json = value === undefined ? '' : (JSON.stringify(value, null, 2) ?? '');
  if (expiresAt === undefined) return json;
  const when = Array.isArray(expiresAt) ? expiresAt.map(formatInstant).join(', ') : formatInstant(expiresAt);
  return `${json}\nTTL expires at ${when} (processing time)`;
}

