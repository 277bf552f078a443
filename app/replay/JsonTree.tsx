/**
 * A state value as a JSON tree: objects and arrays start collapsed to a one-line summary behind a
 * disclosure button (aria-expanded; Enter/Space or → expands, ← collapses) and open one level at
 * a time; leaves are coloured by type, long ones cut with the full value in their tooltip.
 * `floating` lays the opened first level over the page below its button (for the virtualized
 * table's fixed-height rows, whose scroller would clip it); it closes on scroll and on Escape.
 */
import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { isBranch, jsonChildren, jsonKind, jsonSummary, leafText } from './json-tree';

export function JsonTree({ value, label, floating = false }: { value: unknown; label: string; floating?: boolean }) {
  if (value === undefined) return null;
  return (
    <span className={floating ? 'jt jt-float' : 'jt'}>
      <JsonNode value={value} label={label} floating={floating} />
    </span>
  );
}

function JsonNode({ value, label, floating = false }: { value: unknown; label: string; floating?: boolean }) {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState<CSSProperties | undefined>(undefined);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open || !floating || !button.current) return;
    // Closes when a scroll moves its button (the list would float away from it). A scroll event
    // still pending from focusing the button (scrolled into view before it was opened) moves
    // nothing and leaves it open.
    const el = button.current;
    const opened = el.getBoundingClientRect();
    const onScroll = () => {
      const now = el.getBoundingClientRect();
      if (now.top !== opened.top || now.left !== opened.left) setOpen(false);
    };
    window.addEventListener('scroll', onScroll, { capture: true });
    return () => window.removeEventListener('scroll', onScroll, { capture: true });
  }, [open, floating]);
  if (!isBranch(value)) {
    const leaf = leafText(value);
    return (
      <span className={`jt-leaf jt-${jsonKind(value)}`} title={leaf.truncated ? leaf.full : undefined}>
        {leaf.text}
      </span>
    );
  }
  const summary = jsonSummary(value);
  const toggle = (button: HTMLElement, next: boolean) => {
    if (next && floating) {
      const r = button.getBoundingClientRect();
      setAt({ position: 'fixed', top: r.bottom + 2, left: r.left });
    }
    setOpen(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowRight' && !open) toggle(e.currentTarget, true);
    else if ((e.key === 'ArrowLeft' || (e.key === 'Escape' && floating)) && open) toggle(e.currentTarget, false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <>
      <button ref={button} type="button" className={open ? 'jt-toggle jt-open' : 'jt-toggle'} aria-expanded={open} aria-label={`${label}: ${summary}`} title={summary} onClick={(e) => toggle(e.currentTarget, !open)} onKeyDown={onKeyDown}>
        <span aria-hidden="true" className="jt-caret">
          {open ? '▾' : '▸'}
        </span>{' '}
        {summary}
      </button>
      {open && (
        <ul className="jt-children" aria-label={`${label} fields`} style={floating ? at : undefined}>
          {jsonChildren(value).map(([name, child]) => (
            <li key={name}>
              <span className="jt-key">{name}:</span> <JsonNode value={child} label={`${label}.${name}`} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
