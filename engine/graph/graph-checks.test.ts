import { describe, expect, it } from 'vitest';
import { findCycles, keyedness } from './graph-checks.js';

describe('findCycles', () => {
  it('finds nothing in a diamond', () => {
    expect(findCycles(['a', 'b', 'c', 'd'], [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'd' }, { from: 'c', to: 'd' }])).toEqual([]);
  });

  it('reports a self-loop and each separate loop once, starting at its first node', () => {
    const edges = [
      { from: 'a', to: 'a' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'd' },
      { from: 'd', to: 'b' },
      { from: 'd', to: 'c' },
    ];
    expect(findCycles(['a', 'b', 'c', 'd'], edges)).toEqual([['a'], ['b', 'c', 'd']]);
  });
});

describe('keyedness', () => {
  const kinds: Record<string, 'keyBy' | 'map'> = { k: 'keyBy', m: 'map' };
  const kindOf = (id: string) => kinds[id];

  it('is keyed only when every input is a keyBy main output', () => {
    expect(keyedness([{ from: 'k', fromPort: 'out' }], kindOf)).toBe(true);
    expect(keyedness([{ from: 'k', fromPort: 'out' }, { from: 'm', fromPort: 'out' }], kindOf)).toBe(false);
    expect(keyedness([], kindOf)).toBe(false);
  });

  it('is unknown when an input node has no known kind', () => {
    expect(keyedness([{ from: 'x', fromPort: 'out' }], kindOf)).toBeUndefined();
  });
});
