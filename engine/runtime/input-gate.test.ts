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

  /** A gate over `inputs` (channel → input index) that logs each aligned checkpoint with its alignment time. */
  function timedGate(inputs: Array<0 | 1>, clock: { now: number }) {
    const channels = inputs.map(() => new LocalChannel(8));
    const aligned: Array<[number, number]> = [];
    const unaligned: number[] = [];
    const gate = new InputGate(
      channels.map((receiver, i) => ({ receiver, input: inputs[i]! })),
      inputs.includes(1) ? 2 : 1,
      {
        onRecord: () => {},
        onWatermark: () => {},
        onIdle: () => {},
        onInputEnded: () => {},
        onBarrier: (id, ms) => aligned.push([id, ms]),
        onUnalignedBarrier: () => {},
        onUnalignedComplete: (id) => unaligned.push(id),
        now: () => clock.now,
      },
      'exactly-once',
    );
    const drain = () => {
      while (gate.step());
    };
    return { channels, aligned, unaligned, drain };
  }

  it('times each checkpoint from its own first barrier, and a single barrier aligns in 0 ms', () => {
    const clock = { now: 0 };
    const { channels, aligned, drain } = timedGate([0, 0], clock);
    const [c0, c1] = channels;
    c0!.send({ kind: 'barrier', id: 1, unaligned: false });
    drain();
    clock.now = 40;
    c1!.send({ kind: 'barrier', id: 1, unaligned: false });
    drain();
    // Checkpoint 2 starts later; the clock before its first barrier does not count.
    clock.now = 500;
    c1!.send({ kind: 'barrier', id: 2, unaligned: false });
    drain();
    clock.now = 515;
    c0!.send({ kind: 'barrier', id: 2, unaligned: false });
    drain();
    expect(aligned).toEqual([
      [1, 40],
      [2, 15],
    ]);
    const one = timedGate([0], clock);
    clock.now = 900;
    one.channels[0]!.send({ kind: 'barrier', id: 1, unaligned: false });
    one.drain();
    expect(one.aligned).toEqual([[1, 0]]);
  });

  it('a two-input operator aligns over the channels of both inputs', () => {
    const clock = { now: 100 };
    const { channels, aligned, drain } = timedGate([0, 1, 1], clock);
    channels[1]!.send({ kind: 'barrier', id: 3, unaligned: false });
    drain();
    clock.now = 130;
    channels[0]!.send({ kind: 'barrier', id: 3, unaligned: false });
    drain();
    expect(aligned).toEqual([]);
    clock.now = 175;
    channels[2]!.send({ kind: 'barrier', id: 3, unaligned: false });
    drain();
    expect(aligned).toEqual([[3, 75]]);
  });

  it('an unaligned barrier is not aligned: the checkpoint completes without an alignment time', () => {
    const clock = { now: 0 };
    const { channels, aligned, unaligned, drain } = timedGate([0, 0], clock);
    channels[0]!.send({ kind: 'barrier', id: 1, unaligned: true });
    drain();
    clock.now = 300;
    channels[1]!.send({ kind: 'barrier', id: 1, unaligned: true });
    drain();
    expect(unaligned).toEqual([1]);
    expect(aligned).toEqual([]);
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
