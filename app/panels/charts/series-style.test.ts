import { describe, expect, it } from 'vitest';
import { DASHES, ROLE_FALLBACK, byRole, mix, seriesStyles } from './series-style';

const colours = { roles: ROLE_FALLBACK, text: '#333333', bg: '#ffffff', other: '#888888' };
const roles: Record<string, string> = { 'gen-0': 'Sources', 'gen-1': 'Sources', 'map-0': 'Transforms', 'out-0': 'Sinks' };

describe('seriesStyles', () => {
  it('draws each line in its node role’s colour, whatever its position', () => {
    const styles = seriesStyles(['out-0', 'map-0', 'gen-0'], (n) => roles[n], colours);
    expect(styles.map((s) => [s.name, s.role, s.stroke])).toEqual([
      ['out-0', 'Sinks', ROLE_FALLBACK.Sinks],
      ['map-0', 'Transforms', ROLE_FALLBACK.Transforms],
      ['gen-0', 'Sources', ROLE_FALLBACK.Sources],
    ]);
  });

  it('tells twelve lines of one role apart by shade and dash', () => {
    const names = Array.from({ length: 12 }, (_, i) => `gen-${i}`);
    const styles = seriesStyles(names, () => 'Sources', colours);
    const looks = new Set(styles.map((s) => `${s.stroke}|${s.dash.join(',')}`));
    expect(looks.size).toBe(12);
    expect(styles[0]!.dash).toEqual([]);
    expect(styles[3]!.dash).toEqual(DASHES[1]);
    // The second shade leans toward the text colour (darker in the light theme), the third toward the background.
    expect(styles[1]!.stroke).toBe(mix(ROLE_FALLBACK.Sources, '#333333', 0.38));
    expect(styles[2]!.stroke).toBe(mix(ROLE_FALLBACK.Sources, '#ffffff', 0.38));
  });

  it('gives a node without a role (deleted since the run, unknown kind) the neutral colour', () => {
    expect(seriesStyles(['gone'], () => undefined, colours)[0]).toMatchObject({ role: null, stroke: '#888888' });
  });
});

describe('byRole', () => {
  it('groups a legend by role in the canvas palette’s order, lines without a role last', () => {
    const groups = byRole(seriesStyles(['gone', 'out-0', 'gen-1', 'map-0', 'gen-0'], (n) => roles[n], colours));
    expect(groups.map((g) => [g.role, g.series.map((s) => s.name)])).toEqual([
      ['Sources', ['gen-1', 'gen-0']],
      ['Transforms', ['map-0']],
      ['Sinks', ['out-0']],
      [null, ['gone']],
    ]);
  });
});

describe('mix', () => {
  it('moves a hex colour toward another, and leaves what it cannot parse', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('rgb(128, 128, 128)');
    expect(mix('#fff', '#000', 0.25)).toBe('rgb(191, 191, 191)');
    expect(mix('rgb(1, 2, 3)', '#000', 0.5)).toBe('rgb(1, 2, 3)');
  });
});
