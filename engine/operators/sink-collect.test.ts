import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { CollectSinkOperator } from './sink-collect.js';

describe('sink.collect', () => {
  it('publishes every record in order', () => {
    const h = new OperatorHarness(new CollectSinkOperator());
    h.processElement({ a: 1 }, 1).processElement({ a: 2 }, 2);
    expect(h.collected).toEqual([{ a: 1 }, { a: 2 }]);
    expect(h.records()).toEqual([]);
  });

  it('holds records while holdForCommit is on until they are taken and published', () => {
    const sink = new CollectSinkOperator();
    const h = new OperatorHarness(sink);
    sink.holdForCommit = true;
    h.processElement('a', 1).processElement('b', 2);
    expect(h.collected).toEqual([]);
    const batch = sink.takePending();
    h.processElement('c', 3);
    sink.publish(batch);
    expect(h.collected).toEqual(['a', 'b']);
    expect(sink.takePending()).toEqual(['c']);
  });
});
