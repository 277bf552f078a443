/**
 * Keyboard shortcuts written as text: `Mod+Shift+Z`, `Delete`, `Mod+Enter`. `Mod` is ⌘ on a
 * Mac and Ctrl elsewhere; either one matches, so a shortcut works whatever keyboard drives it.
 */

/** The parts of a keyboard event a shortcut looks at. */
export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

interface Parsed {
  readonly key: string;
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

function parse(shortcut: string): Parsed {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  return { key: key.toLowerCase(), mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

/** True when the event is exactly this shortcut (no modifier more, none less). */
export function matchesShortcut(shortcut: string, e: KeyInput): boolean {
  const s = parse(shortcut);
  return e.key.toLowerCase() === s.key && (e.ctrlKey || e.metaKey) === s.mod && e.shiftKey === s.shift && e.altKey === s.alt;
}

/** How a shortcut reads in a tooltip on this platform: `Ctrl+Shift+Z` or `⌘⇧Z`. */
export function shortcutLabel(shortcut: string, mac: boolean): string {
  const s = parse(shortcut);
  const named: Record<string, string> = { ' ': 'Space', arrowright: '→', arrowleft: '←' };
  const key = named[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : shortcut.split('+').pop()!);
  if (mac) return `${s.mod ? '⌘' : ''}${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${key === 'Enter' ? '↩' : key}`;
  return [s.mod ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}
