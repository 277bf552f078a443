/**
 * The theme's colours for what code draws on a canvas (lab timelines, charts), which cannot use
 * CSS `var()`: read from the CSS custom properties in app.css (light and dark values), and a hook
 * that changes when the system's `prefers-color-scheme` does, so canvases redraw in the new theme.
 * Legends drawn in the DOM use the same properties through `var()` and follow on their own.
 */
import { useEffect, useState } from 'react';

/** The value of each CSS custom property in `names` as the element sees it ('' when unset, the fallback then). */
export function readColours<K extends string>(el: Element, names: Record<K, string>, fallback: Record<K, string>): Record<K, string> {
  const style = getComputedStyle(el);
  const out = {} as Record<K, string>;
  for (const k of Object.keys(names) as K[]) out[k] = style.getPropertyValue(names[k]).trim() || fallback[k];
  return out;
}

const DARK = '(prefers-color-scheme: dark)';

/** 'dark' or 'light': the system's setting now. */
export function currentScheme(): 'light' | 'dark' {
  return globalThis.matchMedia?.(DARK).matches ? 'dark' : 'light';
}

/**
 * Colours read once per light/dark scheme, for code that draws on every step: reading custom
 * properties (`getComputedStyle`) makes the browser recompute the page's style there and then, in
 * the middle of the step's task, after its render has changed the page. The properties change only
 * with the scheme (app.css sets them on :root, per `prefers-color-scheme`).
 */
export class ColoursPerScheme<K extends string> {
  private readonly known = new Map<'light' | 'dark', Record<K, string>>();

  /** The colours for `scheme`: remembered, else `read()` — remembered only when `keep` (read from an element in the document). */
  get(scheme: 'light' | 'dark', read: () => Record<K, string>, keep: boolean): Record<K, string> {
    const had = this.known.get(scheme);
    if (had !== undefined) return had;
    const colours = read();
    if (keep) this.known.set(scheme, colours);
    return colours;
  }
}

/** 'dark' or 'light', following the system setting as it changes. */
export function useColourScheme(): 'light' | 'dark' {
  const [dark, setDark] = useState(() => currentScheme() === 'dark');
  useEffect(() => {
    const q = globalThis.matchMedia?.(DARK);
    if (!q) return;
    const follow = () => setDark(q.matches);
    q.addEventListener('change', follow);
    follow();
    return () => q.removeEventListener('change', follow);
  }, []);
  return dark ? 'dark' : 'light';
}
