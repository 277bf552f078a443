import { describe, expect, it } from 'vitest';
import { eventText } from './step-text';

describe('CEP events in words', () => {
  it('lists the partial matches a pattern holds for a key, and its matches', () => {
    const partial = {
      type: 'cep.partial',
      node: 'cep',
      key: 'x',
      watermark: 2,
      partial: [
        { stage: 'fail', start: 1, match: { fail: [{ ts: 1 }, { ts: 2 }] } },
        { stage: 'ok', start: 2, match: { fail: [{ ts: 2 }] } },
      ],
    };
    expect(eventText(partial)).toBe('partial matches at cep for "x": fail×2 → waiting in fail; fail×1 → waiting in ok');
    expect(eventText({ ...partial, partial: [] })).toBe('partial matches at cep for "x": none');
    expect(eventText({ type: 'cep.match', node: 'cep', key: 'x', ts: 3000, result: 'x:2' })).toMatch(/^pattern matched at cep for "x" @ .+ → "x:2"$/);
  });
});
