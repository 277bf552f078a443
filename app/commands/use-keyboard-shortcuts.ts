/**
 * Routes key presses anywhere on the page to the dispatcher. While the user types in a field or
 * the code editor, only commands marked `whileTyping` (run, save) take the key, so text
 * editing keeps its own undo, copy and delete.
 */
import { useEffect } from 'react';
import type { Dispatcher } from './dispatcher';

/** True when the key press is text input: a field, a select, editable content, or Monaco. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.monaco-editor')) return true;
  if (target.isContentEditable) return true;
  // A control group that uses the arrow keys itself (a lesson's options).
  if (target.closest('[data-own-keys]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}

export function useKeyboardShortcuts<S>(dispatcher: Dispatcher<S>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      if (dispatcher.handleKey(e, isTyping(e.target)) === 'ran') {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    // Capture: the code editor must not turn Ctrl+Enter into a new line before Run sees it.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [dispatcher]);
}
