import { describe, expect, it } from 'vitest';
import { ColoursPerScheme } from './canvas-colours';

describe('ColoursPerScheme', () => {
  it('reads the colours once per scheme, however many redraws ask, and again when the scheme changes', () => {
    const colours = new ColoursPerScheme<'text'>();
    let reads = 0;
    const read = (text: string) => () => {
      reads++;
      return { text };
    };
    for (let i = 0; i < 100; i++) expect(colours.get('light', read('#333'), true)).toEqual({ text: '#333' });
    expect(reads).toBe(1);
    for (let i = 0; i < 100; i++) expect(colours.get('dark', read('#e4e7ec'), true)).toEqual({ text: '#e4e7ec' });
    expect(reads).toBe(2);
    expect(colours.get('light', read('#333'), true)).toEqual({ text: '#333' });
    expect(reads).toBe(2);
  });

  it('does not keep colours read from an element outside the document (its properties were not set)', () => {
    const colours = new ColoursPerScheme<'text'>();
    let reads = 0;
    const read = () => {
      reads++;
      return { text: '#333' };
    };
    colours.get('dark', read, false);
    colours.get('dark', read, false);
    expect(reads).toBe(2);
    colours.get('dark', read, true);
    colours.get('dark', read, true);
    expect(reads).toBe(3);
  });
});
