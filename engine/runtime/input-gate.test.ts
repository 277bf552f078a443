import { describe, expect, it } from 'vitest';
import { BatchBuilder, type ChannelItem } from '../net/channel.js';
import { LocalChannel } from '../net/local-channel.js';
import { InputGate } from './input-gate.js';

const batch = (...values: number[]): ChannelItem => {
  const b = new BatchBuilder(values.length);
  for (const v of values) b.add(v, v);
  return b.take();
};

describe('InputGate barrier alignment', () => {
  it("times alignment with the host's clock: from the first barrier to the last", () => {
    const c0 = new LocalChannel(8);
    const c1 = new LocalChannel(8);
    let clock = 1000;
    const aligned: Array<[number, number]> = [];
    const records: number[] = [];
    const gate = new InputGate(
      [
        { receiver: c0, input: 0 },
        { receiver: c1, input: 0 },
      ],
      1,
      {
        onRecord: (v) => records.push(v as number),
        onWatermark: () => {},
        onIdle: () => {},
        onInputEnded: () => {},
        onBarrier: (id, ms) => aligned.push([id, ms]),
        onUnalignedBarrier: () => {},
        onUnalignedComplete: () => {},
        now: () => clock,
      },
      'exactly-once',
    );
    c0.send({ kind: 'barrier', id: 1, unaligned: false });
    c0.send(batch(1));
    c1.send(batch(10));
    while (gate.step());
    // Channel 0 is blocked behind its barrier; channel 1's record still goes.
    expect(records).toEqual([10]);
    expect(aligned).toEqual([]);
    clock = 1250;
    c1.send({ kind: 'barrier', id: 1, unaligned: false });
    while (gate.step());
    expect(aligned).toEqual([[1, 250]]);
    expect(records).toEqual([10, 1]);
  });

  it('at-least-once does not block a channel behind its barrier: its records go on, and the barrier is taken when the last channel delivers it', () => {
    const c0 = new LocalChannel(8);
    const c1 = new LocalChannel(8);
    const snapshots: Array<{ id: number; before: number[] }> = [];
    const records: number[] = [];
    const gate = new InputGate(
      [
        { receiver: c0, input: 0 },
        { receiver: c1, input: 0 },
      ],
      1,
      {
        onRecord: (v) => records.push(v as number),
        onWatermark: () => {},
        onIdle: () => {},
        onInputEnded: () => {},
        onBarrier: (id) => snapshots.push({ id, before: [...records] }),
        onUnalignedBarrier: () => {},
        onUnalignedComplete: () => {},
        now: () => 0,
      },
      'at-least-once',
    );
    c0.send({ kind: 'barrier', id: 1, unaligned: false });
    c0.send(batch(1));
    c1.send(batch(10));
    while (gate.step());
    // Channel 0's record after its barrier is not held back (it will be in the snapshot too: at least once).
    expect(records.sort((a, b) => a - b)).toEqual([1, 10]);
    expect(snapshots).toEqual([]);
    c1.send({ kind: 'barrier', id: 1, unaligned: false });
    while (gate.step());
    expect(snapshots).toEqual([{ id: 1, before: [1, 10] }]);
  });
});
