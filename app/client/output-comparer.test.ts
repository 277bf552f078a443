import { describe, expect, it } from 'vitest';
import { compareOutputs } from './exactly-once-check';
import { inThreadOutputComparer } from './output-comparer';

describe('the output comparer (the worker serves this same object)', () => {
  it('answers as compareOutputs: a duplicated record and a missing one, with the limit', async () => {
    const expected = [
      { sink: 'out', value: { k: 'a', n: 1 } },
      { sink: 'out', value: { k: 'b', n: 2 } },
      { sink: 'out', value: { k: 'c', n: 3 }, op: '-U' },
    ];
    const actual = [expected[0]!, expected[0]!, expected[2]!];
    const got = await inThreadOutputComparer().compare(actual, expected, 1);
    expect(got).toEqual(compareOutputs(actual, expected, 1));
    expect(got).toMatchObject({ equal: false, actualCount: 3, expectedCount: 3, differing: 2 });
    expect(got.differences).toEqual([{ sink: 'out', value: { k: 'a', n: 1 }, actual: 2, expected: 1 }]);
  });

  it('finds equal outputs equal whatever their order', async () => {
    const a = [
      { sink: 'out', value: 1 },
      { sink: 'late', value: 2 },
    ];
    expect((await inThreadOutputComparer().compare([...a].reverse(), a)).equal).toBe(true);
  });
});
