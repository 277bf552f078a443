/**
 * How a live chart draws each node's line: in the colour of the node kind's role — the canvas's
 * `--c-<category>` (sources green, transforms blue, keyed purple, windows orange, joins teal,
 * sinks grey) — so a line reads as the node it belongs to. Lines of one role are told apart by
 * shade (the role's colour, then mixed toward the theme's text colour, then toward its
 * background) and, past three lines, by dash. Pure: the colours come in as read from the theme.
 */

/** The node kinds' roles, as `KIND_INFO` names them, in the order a legend lists them. */
export const ROLES = ['Sources', 'Transforms', 'Keyed', 'Windows', 'Joins', 'Sinks'] as const;
export type Role = (typeof ROLES)[number];

/** The CSS custom property of each role's colour (app.css, light and dark values). */
export const ROLE_VARS: Readonly<Record<Role, string>> = {
  Sources: '--c-sources',
  Transforms: '--c-transforms',
  Keyed: '--c-keyed',
  Windows: '--c-windows',
  Joins: '--c-joins',
  Sinks: '--c-sinks',
};

/** The light theme's values of `ROLE_VARS`, for when the properties cannot be read. */
export const ROLE_FALLBACK: Readonly<Record<Role, string>> = {
  Sources: '#2e7d32',
  Transforms: '#1565c0',
  Keyed: '#6a1b9a',
  Windows: '#ef6c00',
  Joins: '#00838f',
  Sinks: '#455a64',
};

/** Dash patterns (canvas `setLineDash` / SVG `stroke-dasharray`, px): solid, dashed, dotted, dash-dot. */
export const DASHES: readonly (readonly number[])[] = [[], [7, 3], [2, 3], [9, 3, 2, 3]];

/** How far a shade moves toward the theme's text or background colour. */
const SHADE_MIX = 0.38;

export interface SeriesStyle {
  /** The series' name (a node id). */
  readonly name: string;
  /** Its node's role; null for a node the job no longer has or a kind without a role. */
  readonly role: Role | null;
  /** A CSS colour. */
  readonly stroke: string;
  /** Empty for a solid line. */
  readonly dash: readonly number[];
}

export interface ThemeColours {
  /** Each role's colour. */
  readonly roles: Readonly<Record<Role, string>>;
  /** The theme's text colour (the first shade mixes toward it) and background (the second). */
  readonly text: string;
  readonly bg: string;
  /** Lines without a role. */
  readonly other: string;
}

export function isRole(x: string | undefined): x is Role {
  return (ROLES as readonly string[]).includes(x ?? '');
}

/**
 * The style of each series, in `names`' order: the i-th line of a role (counted in `names`'
 * order) has shade i mod 3 and dash ⌊i / 3⌋ mod 4, so twelve lines of one role differ.
 */
export function seriesStyles(names: readonly string[], roleOf: (name: string) => string | undefined, colours: ThemeColours): SeriesStyle[] {
  const seen = new Map<Role | null, number>();
  return names.map((name) => {
    const r = roleOf(name);
    const role = isRole(r) ? r : null;
    const i = seen.get(role) ?? 0;
    seen.set(role, i + 1);
    const base = role === null ? colours.other : colours.roles[role];
    const shade = i % 3;
    const stroke = shade === 0 ? base : mix(base, shade === 1 ? colours.text : colours.bg, SHADE_MIX);
    return { name, role, stroke, dash: DASHES[Math.floor(i / 3) % DASHES.length]! };
  });
}

/** The series grouped by role, in `ROLES` order (lines without a role last), for a legend. */
export function byRole(styles: readonly SeriesStyle[]): { role: Role | null; series: SeriesStyle[] }[] {
  const groups = [...ROLES, null].map((role) => ({ role, series: styles.filter((s) => s.role === role) }));
  return groups.filter((g) => g.series.length > 0);
}

/** `a` moved toward `b` by `t` (0–1) in sRGB, as `rgb(…)`; `a` unchanged when either is not a hex colour. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  if (x === null || y === null) return a;
  const c = x.map((v, k) => Math.round(v + (y[k]! - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function parseHex(s: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s.trim());
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  return [Number.parseInt(h.slice(0, 2), 16), Number.parseInt(h.slice(2, 4), 16), Number.parseInt(h.slice(4, 6), 16)];
}
