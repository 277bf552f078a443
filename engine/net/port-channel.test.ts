import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchBuilder, type ChannelItem, type RecordBatch } from './channel.js';
import { ForwardPartitioner } from './partitioner.js';
import { PortChannelReceiver, PortChannelSender, type PortLike } from './port-channel.js';
import { BATCH_BYTES, RecordWriter } from './record-writer.js';
import { until } from '../testing/until.js';

const open: MessageChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A sender and a receiver over a real MessageChannel; `arrived()` counts the items delivered. */
function pair(capacity: number) {
  const mc = new MessageChannel();
  open.push(mc);
  let arrivals = 0;
  const sender = new PortChannelSender(mc.port1 as unknown as PortLike);
  const receiver = new PortChannelReceiver(mc.port2 as unknown as PortLike, capacity, () => arrivals++);
  return { sender, receiver, arrived: () => arrivals };
}

const batch = (...values: number[]): RecordBatch => {
  const b = new BatchBuilder(values.length);
  for (const v of values) b.add({ v }, v);
  return b.take() as RecordBatch;
};

const drain = (receiver: PortChannelReceiver) => {
  const items: ChannelItem[] = [];
  for (let item = receiver.poll(); item !== undefined; item = receiver.poll()) items.push(item);
  return items;
};

describe('PortChannel (credit-based flow control over a MessagePort)', () => {
  it('sends only against credit, keeps the rest pending, and counts its buffers as in use', async () => {
    const { sender, receiver, arrived } = pair(2);
    await until(() => sender.canSend());
    for (let i = 0; i < 4; i++) sender.send(batch(i));
    expect(sender.canSend()).toBe(false);
    expect(sender.backlog).toBe(2);
    expect(sender.bufferUsage()).toBe(1);
    await until(() => arrived() === 2);
    // Reading a batch returns its buffer: the credit that lets a pending batch go.
    expect(drain(receiver)).toHaveLength(2);
    await until(() => arrived() === 4);
    expect(sender.backlog).toBe(0);
    expect(drain(receiver).map((b) => (b as RecordBatch).values)).toEqual([[{ v: 2 }], [{ v: 3 }]]);
    await until(() => sender.bufferUsage() === 0);
    expect(sender.backlog).toBe(0);
    expect(arrived()).toBe(4);
  });

  it('an unaligned barrier overtakes what waits for credit and what the receiver has not read', async () => {
    const { sender, receiver, arrived } = pair(1);
    await until(() => sender.canSend());
    sender.send(batch(1)); // in flight
    sender.send(batch(2)); // waits for credit
    await until(() => arrived() === 1);
    const overtaken = sender.sendAhead({ kind: 'barrier', id: 7, unaligned: true });
    expect(overtaken.map((b) => b.values)).toEqual([[{ v: 2 }]]);
    await until(() => arrived() === 2);
    const first = receiver.poll();
    expect(first).toEqual({ kind: 'barrier', id: 7, unaligned: true, overtaken: 1 });
    // Reading batch 1 returns the credit that lets batch 2 go.
    const rest = [...drain(receiver)];
    await until(() => arrived() === 3);
    rest.push(...drain(receiver));
    expect(rest.map((b) => (b as RecordBatch).values)).toEqual([[{ v: 1 }], [{ v: 2 }]]);
  });

  it('keyed batches overtaken by an unaligned barrier still decode, keys to the same strings as before', async () => {
    const { sender, receiver, arrived } = pair(1);
    await until(() => sender.canSend());
    const keyed = (from: number) => {
      const b = new BatchBuilder(3);
      for (let i = 0; i < 3; i++) b.add({ key: `k${i}`, v: from + i }, from + i);
      return b.take();
    };
    sender.send(keyed(0)); // in flight: adds k0…k2 to the channel's dictionary
    const firstBytes = sender.recordBytes;
    sender.send(keyed(3)); // waits for credit; will refer to k0…k2 by id
    sender.send(keyed(6));
    await until(() => arrived() === 1);
    sender.sendAhead({ kind: 'barrier', id: 1, unaligned: true });
    await until(() => arrived() === 2);
    expect(receiver.poll()).toMatchObject({ kind: 'barrier', overtaken: 1 });
    const batches: RecordBatch[] = [];
    while (batches.length < 3) {
      await until(() => receiver.hasItem());
      for (const item of drain(receiver)) batches.push(item as RecordBatch);
    }
    expect(batches.map((b) => b.values)).toEqual([0, 3, 6].map((from) => [0, 1, 2].map((i) => ({ key: `k${i}`, v: from + i }))));
    for (const b of batches.slice(1)) {
      for (let i = 0; i < 3; i++) expect((b.values[i] as { key: string }).key).toBe((batches[0]!.values[i] as { key: string }).key);
    }
    // Ids instead of text: the last batch is smaller than the first.
    expect(sender.recordBytes).toBeLessThan(firstBytes);
    // A new pair (a restarted or restored job deploys new channels) starts with empty dictionaries.
    const next = pair(1);
    await until(() => next.sender.canSend());
    next.sender.send(keyed(9));
    await until(() => next.arrived() === 1);
    expect((drain(next.receiver)[0] as RecordBatch).values).toEqual([0, 1, 2].map((i) => ({ key: `k${i}`, v: 9 + i })));
  });

  it('cuts batches of large records near 32 KiB instead of at the record count', async () => {
    const { sender, receiver } = pair(64);
    await until(() => sender.canSend());
    const writer = new RecordWriter([sender], new ForwardPartitioner(), 1024);
    const big = 'x'.repeat(1000);
    // Distinct strings: the codec interns repeated ones.
    for (let i = 0; i < 3000; i++) writer.write({ i, big: big + i }, i);
    writer.flush();
    const sizes: number[] = [];
    // Batches beyond the receiver's buffers follow as credits come back.
    while (sizes.reduce((x, y) => x + y, 0) < 3000) {
      await until(() => receiver.hasItem());
      for (const item of drain(receiver)) if (item.kind === 'batch') sizes.push(item.length);
    }
    // The first batch is cut at the record count (no size known yet); the next ones near the byte budget.
    expect(sizes[0]).toBe(1024);
    const perRecord = sender.recordBytes;
    expect(perRecord).toBeGreaterThan(1000);
    const expected = Math.floor(BATCH_BYTES / perRecord);
    for (const n of sizes.slice(1, -1)) expect(Math.abs(n - expected)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3000);
  });
});
