/**
 * The canvas node's context menu (React Flow's `onNodeContextMenu`, or Shift+F10 / the
 * context-menu key on a focused node): a WAI-ARIA menu — arrow keys, Home/End move, Enter or
 * Space choose, Escape or Tab close and give the focus back to the node. Its items come from
 * `node-menu` and follow the store (a breakpoint toggled elsewhere shows checked here too).
 */
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { nodeMenuItems } from './node-menu';

export interface NodeMenuAt {
  readonly node: string;
  /** Where it opens, relative to the canvas. */
  readonly x: number;
  readonly y: number;
}

export function NodeContextMenu({ at, onClose }: { at: NodeMenuAt; onClose(refocus: boolean): void }) {
  const store = useAppStore();
  // Re-render when what the items show changes.
  useApp((s) => s.labBreakpoints);
  useApp((s) => s.labStatus);
  const items = nodeMenuItems(store.getState(), store, at.node);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => {
      if (menu.current && !menu.current.contains(e.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const i = entries.indexOf(document.activeElement as HTMLElement);
    const focus = (j: number) => entries[(j + entries.length) % entries.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        focus(i + 1);
        break;
      case 'ArrowUp':
        focus(i - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(entries.length - 1);
        break;
      case 'Escape':
      case 'Tab':
        onClose(true);
        break;
      default:
        return;
    }
    e.preventDefault();
    // Keys in the menu are the menu's: not the lab's → / ← nor the canvas's Delete.
    e.stopPropagation();
  };

  return (
    <div ref={menu} className="node-menu" role="menu" aria-label={`Node ${at.node}`} data-own-keys style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const choose = () => {
          item.perform();
          onClose(true);
        };
        return item.checked === undefined ? (
          <button key={item.id} type="button" role="menuitem" tabIndex={-1} onClick={choose}>
            <MenuCheck on={item.checked === true} />
            {item.label}
          </button>
        ) : (
          <button key={item.id} type="button" role="menuitemcheckbox" aria-checked={item.checked} tabIndex={-1} onClick={choose}>
            <MenuCheck on={item.checked === true} />
            {item.label}
          </button>
        );
      })}
    </div>
  );
}

function MenuCheck({ on }: { on: boolean }) {
  return (
    <span className="node-menu-check" aria-hidden="true">
      {on ? '✓' : ''}
    </span>
  );
}
