import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, readStateRows } from '../../engine/index';
import { stateWorld, worldCheckpoint } from '../../engine/checkpoint/state-world';
import { keyMatches, newOwner, nodeTables } from './state-table';

describe('checkpoint browser tables', () => {
  const cp = decodeCheckpoint(worldCheckpoint(1, stateWorld()));

  it('gives one row per key with a column per keyed state, and TTL expiry per state', () => {
    const t = nodeTables(readStateRows(cp, { node: 'proc' }));
    expect(t.states).toEqual(['avg', 'byTag', 'items', 'max', 'seen']);
    expect(t.kinds).toMatchObject({ seen: 'value', items: 'list', byTag: 'map', max: 'reducing', avg: 'aggregating' });
    expect(t.keys.map((k) => [k.keyText, k.values.seen, k.values.items])).toEqual([
      ['ann', 2, [3, 5]],
      ['bob', 1, [7]],
    ]);
    expect(t.keys[0]!.expiresAt).toEqual({ seen: 61000 });
    expect(t.timers.map((r) => r.timestamp)).toEqual([1100, 1300, 5000, 1200, 5000]);
  });

  it('puts window contents, merging sets and operator state in their own tables', () => {
    const w = nodeTables(readStateRows(cp, { node: 'sessions' }));
    expect(w.keys).toEqual([]);
    expect(w.windows.map((r) => r.kind)).toEqual(['window', 'merging-window-set', 'window', 'merging-window-set']);
    expect(nodeTables(readStateRows(cp, { node: 'src' })).other).toHaveLength(1);
  });

  it('filters keys by text and places key groups at a new parallelism', () => {
    expect(keyMatches('AN', 'ann')).toBe(true);
    expect(keyMatches('an', 'bob')).toBe(false);
    expect(keyMatches('', 'bob')).toBe(true);
    expect(newOwner(127, 128, 3)).toBe(2);
    expect(newOwner(43, 128, 3)).toBe(1);
  });
});
