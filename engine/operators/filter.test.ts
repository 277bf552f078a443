import { describe, expect, it } from 'vitest';
import { FilterOperator } from './filter.js';
import { OperatorHarness } from './harness.js';

describe('filter', () => {
  it('keeps exactly the records for which fn is truthy, with their timestamps', () => {
    const h = new OperatorHarness(new FilterOperator(), { params: { code: '(r) => r.amount > 0' } });
    h.processElements([
      [{ amount: 3 }, 1],
      [{ amount: 0 }, 2],
      [{ amount: -1 }, 3],
      [{ amount: 9 }, 4],
    ]);
    expect(h.recordsWithTimestamps()).toEqual([
      [{ amount: 3 }, 1],
      [{ amount: 9 }, 4],
    ]);
  });
});
