/** An operator's keyed state: one row per key (key group, owner, owner after a rescale) and a column per state. */
import { useEffect, useRef, useState } from 'react';
import { formatInstant } from '../format/time';
import { visibleRows } from '../panels/virtual-range';
import { JsonTree } from './JsonTree';
import { type KeyRow, newOwner } from './state-table';

const ROW_HEIGHT = 24;

/** Keys × states, virtualized: only the rows in view are in the DOM. */
export function KeyedTable(props: { node: string; states: readonly string[]; kinds: Readonly<Record<string, string>>; keys: readonly KeyRow[]; maxParallelism: number; newParallelism: number | null }) {
  const { node, states, kinds, keys, maxParallelism, newParallelism } = props;
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
  const { start, end } = visibleRows(scrollTop, height, ROW_HEIGHT, keys.length);
  const fixed = newParallelism === null ? 3 : 4;
  const template = `repeat(${fixed}, minmax(70px, 0.6fr)) repeat(${states.length}, minmax(110px, 1fr))`;
  const rows = [];
  for (let i = start; i < end; i++) {
    const k = keys[i]!;
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
      <div className="vt" role="table" aria-label={`Keyed state of ${node}`} aria-rowcount={keys.length + 1}>
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
          <div className="vt-spacer" style={{ height: keys.length * ROW_HEIGHT }}>
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

