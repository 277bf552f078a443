import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchBuilder, type ChannelItem, type RecordBatch } from './channel.js';
import { ForwardPartitioner } from './partitioner.js';
import { PortChannelReceiver, PortChannelSender, type PortLike } from './port-channel.js';
import { BATCH_BYTES, RecordWriter } from './record-writer.js';

const open: MessageChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A sender and a receiver over a real MessageChannel. */
function pair(capacity: number) {
  const mc = new MessageChannel();
  open.push(mc);
  const sender = new PortChannelSender(mc.port1 as unknown as PortLike);
  const receiver = new PortChannelReceiver(mc.port2 as unknown as PortLike, capacity);
  return { sender, receiver };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

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
    const { sender, receiver } = pair(2);
    await settle();
    expect(sender.canSend()).toBe(true);
    for (let i = 0; i < 4; i++) sender.send(batch(i));
    expect(sender.canSend()).toBe(false);
    expect(sender.backlog).toBe(2);
    expect(sender.bufferUsage()).toBe(1);
    await settle();
    // Reading a batch returns its buffer: the credit that lets a pending batch go.
    expect(drain(receiver)).toHaveLength(2);
    await settle();
    expect(drain(receiver).map((b) => (b as RecordBatch).values)).toEqual([[{ v: 2 }], [{ v: 3 }]]);
    await settle();
    expect(sender.backlog).toBe(0);
    expect(sender.bufferUsage()).toBe(0);
  });

  it('an unaligned barrier overtakes what waits for credit and what the receiver has not read', async () => {
    const { sender, receiver } = pair(1);
    await settle();
    sender.send(batch(1)); // in flight
    sender.send(batch(2)); // waits for credit
    await settle();
    const overtaken = sender.sendAhead({ kind: 'barrier', id: 7, unaligned: true });
    expect(overtaken.map((b) => b.values)).toEqual([[{ v: 2 }]]);
    await settle();
    const first = receiver.poll();
    expect(first).toEqual({ kind: 'barrier', id: 7, unaligned: true, overtaken: 1 });
    await settle();
    const rest = [...drain(receiver)];
    await settle();
    rest.push(...drain(receiver));
    expect(rest.map((b) => (b as RecordBatch).values)).toEqual([[{ v: 1 }], [{ v: 2 }]]);
  });

  it('cuts batches of large records near 32 KiB instead of at the record count', async () => {
    const { sender, receiver } = pair(64);
    await settle();
    const writer = new RecordWriter([sender], new ForwardPartitioner(), 1024);
    const big = 'x'.repeat(1000);
    // Distinct strings: the codec interns repeated ones.
    for (let i = 0; i < 3000; i++) writer.write({ i, big: big + i }, i);
    writer.flush();
    const sizes: number[] = [];
    // Batches beyond the receiver's buffers follow as credits come back.
    for (let round = 0; round < 20 && sizes.reduce((x, y) => x + y, 0) < 3000; round++) {
      await settle();
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
