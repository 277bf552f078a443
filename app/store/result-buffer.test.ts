import { describe, expect, it } from 'vitest';
import { ResultBuffer, resultsAsJsonLines } from './result-buffer';

describe('ResultBuffer', () => {
  it("keeps each sink's row kinds beside its values: a record's op, +I without one", () => {
    const b = new ResultBuffer();
    b.append([
      { sink: 'result', value: { w: 'a', n: 1 } },
      { sink: 'other', value: 7 },
      { sink: 'result', op: '-U', value: { w: 'a', n: 1 } },
      { sink: 'result', op: '+U', value: { w: 'a', n: 2 } },
    ]);
    expect(b.of('result')).toEqual([{ w: 'a', n: 1 }, { w: 'a', n: 1 }, { w: 'a', n: 2 }]);
    expect(b.opsOf('result')).toEqual(['+I', '-U', '+U']);
    expect(b.opsOf('other')).toEqual(['+I']);
  });

  it('downloads records as the CLI prints them, with op where the record had one', () => {
    expect(resultsAsJsonLines([{ sink: 's', value: 1 }, { sink: 'r', op: '-D', value: { a: 1 } }])).toBe('{"sink":"s","value":1}\n{"sink":"r","op":"-D","value":{"a":1}}\n');
  });
});
