/**
 * A toolbar menu of commands (WAI-ARIA menu button): the button opens a `role="menu"` list of
 * `menuitem`s run through the same dispatcher as shortcuts. Keyboard: ↓ / Enter / Space on the
 * button open it at the first item, ↑ at the last; ↑ ↓ Home End move; Enter runs; Escape closes
 * back to the button; Tab or a click outside closes. A disabled item stays focusable and says why
 * in its tooltip, as the toolbar's buttons do.
 */
import { type KeyboardEvent, memo, useEffect, useId, useRef, useState } from 'react';
import { useCommand } from '../commands/CommandsContext';

export interface MenuEntry {
  readonly id: string;
  /** Opens a dialog or a file picker: the label ends in "…". */
  readonly ellipsis?: boolean;
}

function menuItemsIn(el: HTMLElement | null): HTMLElement[] {
  return [...(el?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
}

export function CommandMenu({ label, entries }: { label: string; entries: readonly MenuEntry[] }) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const items = () => menuItemsIn(root.current);

  useEffect(() => {
    if (!open) return;
    const all = menuItemsIn(root.current);
    (open === 'last' ? all.at(-1) : all[0])?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = (focusTrigger: boolean) => {
    setOpen(false);
    if (focusTrigger) trigger.current?.focus();
  };
  const onTriggerKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(e.key === 'ArrowUp' ? 'last' : 'first');
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="menu-root" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => (o ? false : 'first'))}
        onKeyDown={onTriggerKey}
      >
        {label}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div className="menu" role="menu" id={menuId} aria-label={label} onKeyDown={onMenuKey}>
          {entries.map((entry) => (
            <MenuCommand key={entry.id} entry={entry} onRun={() => close(true)} />
          ))}
        </div>
      )}
    </div>
  );
}

const MenuCommand = memo(function MenuCommand({ entry, onRun }: { entry: MenuEntry; onRun: () => void }) {
  const { command, disabledReason, title, run } = useCommand(entry.id);
  const disabled = disabledReason !== '';
  const shortcut = /\((.+)\)$/.exec(title)?.[1];
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-label={command.label}
      aria-disabled={disabled || undefined}
      title={title}
      onClick={() => {
        if (disabled) return;
        onRun();
        run();
      }}
    >
      {command.label}
      {entry.ellipsis && '…'}
      {shortcut && !disabled && (
        <span className="menu-shortcut" aria-hidden="true">
          {shortcut}
        </span>
      )}
    </button>
  );
});
