/**
 * A state value as a JSON tree, keyboard-driven as WAI-ARIA's tree view: objects and arrays start
 * collapsed to a one-line summary and open one level at a time; ↑/↓ move between the visible
 * items, → opens an item or moves to its first child, ← closes it or moves to its parent, Home /
 * End go to the first / last item, Enter or Space toggles. One tab stop per tree (its root).
 * Leaves are coloured by type, long ones cut with the full value in their tooltip. `floating`
 * lays the opened first level over the page below its item (for the virtualized table's
 * fixed-height rows, whose scroller would clip it); it closes on Escape and when a scroll moves its item.
 */
import { type CSSProperties, type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
import { isBranch, jsonChildren, jsonKind, jsonSummary, leafText } from './json-tree';

export function JsonTree({ value, label, floating = false }: { value: unknown; label: string; floating?: boolean }) {
  if (value === undefined) return null;
  if (!isBranch(value)) return <Leaf value={value} />;
  return (
    <div role="tree" aria-label={label} className={floating ? 'jt jt-float' : 'jt'}>
      <JsonItem value={value} label={label} floating={floating} root />
    </div>
  );
}

function Leaf({ value }: { value: unknown }) {
  const leaf = leafText(value);
  return (
    <span className={`jt-leaf jt-${jsonKind(value)}`} title={leaf.truncated ? leaf.full : undefined}>
      {leaf.text}
    </span>
  );
}

/** The tree's items as they are drawn (children of closed items are not): the visible ones, in order. */
function visibleItems(item: HTMLElement): HTMLElement[] {
  const tree = item.closest('[role="tree"]');
  return tree === null ? [] : [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
}

function focusItem(item: HTMLElement | null | undefined) {
  if (!item) return;
  // An item of a floating level must not scroll the table (a scroll closes the level).
  item.focus({ preventScroll: true });
  if (item.closest('.jt-float') === null) item.scrollIntoView({ block: 'nearest' });
}

/** The keys every item shares: ↑/↓/Home/End between visible items, ← to the parent. Returns whether it handled the key. */
function moveFocus(e: KeyboardEvent<HTMLElement>): boolean {
  const item = e.currentTarget;
  const items = visibleItems(item);
  const at = items.indexOf(item);
  if (e.key === 'ArrowDown') focusItem(items[at + 1]);
  else if (e.key === 'ArrowUp') focusItem(items[at - 1]);
  else if (e.key === 'Home') focusItem(items[0]);
  else if (e.key === 'End') focusItem(items[items.length - 1]);
  else if (e.key === 'ArrowLeft') focusItem(item.parentElement?.closest<HTMLElement>('[role="treeitem"]'));
  else return false;
  return true;
}

function JsonItem({ value, label, name, floating = false, root = false }: { value: unknown; label: string; name?: string; floating?: boolean; root?: boolean }) {
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState<CSSProperties | undefined>(undefined);
  const item = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open || !floating || !item.current) return;
    // Closes when a scroll moves its item (the level would float away from it). A scroll event
    // still pending from focusing the item (scrolled into view before it was opened) moves
    // nothing and leaves it open.
    const el = item.current;
    const opened = el.getBoundingClientRect();
    const onScroll = () => {
      const now = el.getBoundingClientRect();
      if (now.top !== opened.top || now.left !== opened.left) setOpen(false);
    };
    window.addEventListener('scroll', onScroll, { capture: true });
    return () => window.removeEventListener('scroll', onScroll, { capture: true });
  }, [open, floating]);
  const branch = isBranch(value);
  const key = name === undefined ? null : <span className="jt-key">{name}:</span>;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys reach every item up the tree: only the focused one answers.
    if (e.target !== e.currentTarget) return;
    if (!branch || !handleBranchKey(e)) {
      if (!moveFocus(e)) return;
    }
    e.preventDefault();
    e.stopPropagation();
  };
  const toggle = (item: HTMLElement, next: boolean) => {
    if (next && floating) {
      const r = item.getBoundingClientRect();
      setAt({ position: 'fixed', top: r.bottom + 2, left: r.left });
    }
    setOpen(next);
  };
  const handleBranchKey = (e: KeyboardEvent<HTMLDivElement>): boolean => {
    const item = e.currentTarget;
    if (e.key === 'ArrowRight') {
      if (!open) toggle(item, true);
      else focusItem(item.querySelector<HTMLElement>('[role="group"] > [role="treeitem"]'));
    } else if (e.key === 'ArrowLeft' && open) toggle(item, false);
    else if (e.key === 'Enter' || e.key === ' ') toggle(item, !open);
    else if (e.key === 'Escape' && floating && open) toggle(item, false);
    else return false;
    return true;
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    // Clicks in an item's children belong to them.
    if ((e.target as HTMLElement).closest('[role="treeitem"]') !== e.currentTarget) return;
    toggle(e.currentTarget, !open);
  };
  if (!branch) {
    return (
      <div role="treeitem" tabIndex={-1} className="jt-item" onKeyDown={onKeyDown}>
        {key} <Leaf value={value} />
      </div>
    );
  }
  const summary = jsonSummary(value);
  return (
    <div ref={item} role="treeitem" tabIndex={root ? 0 : -1} aria-expanded={open} aria-label={`${label}: ${summary}`} className="jt-item" onKeyDown={onKeyDown} onClick={onClick}>
      {key}
      {key && ' '}
      <span className={open ? 'jt-toggle jt-open' : 'jt-toggle'} title={summary}>
        <span aria-hidden="true" className="jt-caret">
          {open ? '▾' : '▸'}
        </span>{' '}
        {summary}
      </span>
      {open && (
        <div role="group" className="jt-children" aria-label={`${label} fields`} style={floating ? at : undefined}>
          {jsonChildren(value).map(([child, v]) => (
            <JsonItem key={child} value={v} name={child} label={`${label}.${child}`} />
          ))}
        </div>
      )}
    </div>
  );
}
