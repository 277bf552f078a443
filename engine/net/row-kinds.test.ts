import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { RowKind } from '../operators/operator.js';
import { BatchEncoder, BatchFormatError, decodeBatch } from './batch-codec.js';
import { H, Mode, ROW_KINDS } from './batch-codec-format.js';
import { BatchBuilder, type ChannelSender, type RecordBatch } from './channel.js';
import { ForwardPartitioner } from './partitioner.js';
import { PortChannelReceiver, PortChannelSender, type PortLike } from './port-channel.js';
import { RecordWriter } from './record-writer.js';
import { until } from '../testing/until.js';

const { INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE } = RowKind;
const open: MessageChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

describe('row kinds in record batches (Flink RowKind beside each record)', () => {
  it('a builder makes no kinds for an append-only stream and a byte per record once one is not an INSERT', () => {
    const b = new BatchBuilder(4);
    b.add('a', 1);
    b.add('b', 2);
    expect(b.take().kinds).toBeUndefined();
    b.add('c', 3);
    b.add('d', 4, UPDATE_BEFORE);
    b.add('e', 5, UPDATE_AFTER);
    const changelog = b.take();
    expect([...changelog.kinds!]).toEqual([INSERT, UPDATE_BEFORE, UPDATE_AFTER]);
    // The next batch starts append-only again, full batches included.
    for (const v of ['f', 'g', 'h', 'i']) b.add(v, 0);
    expect(b.take().kinds).toBeUndefined();
    for (const [i, v] of ['j', 'k', 'l', 'm'].entries()) b.add(v, 0, i === 3 ? DELETE : undefined);
    expect([...b.take().kinds!]).toEqual([0, 0, 0, DELETE]);
  });

  it.each([
    ['numbers', [1, 2, 3], Mode.numbers],
    ['strings', ['x', 'y', 'z'], Mode.strings],
    ['columns', [{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }], Mode.columns],
    ['JSON', [{ k: 1 }, [2], null], Mode.json],
  ] as const)('the codec carries them through the %s mode and leaves the values as they were', (_name, values, mode) => {
    const encoder = new BatchEncoder();
    const ts = Float64Array.from([10, 20, -Infinity]);
    const kinds = Uint8Array.from([UPDATE_BEFORE, UPDATE_AFTER, DELETE]);
    const { buffer, byteLength } = encoder.encode(values as readonly unknown[], ts, 3, undefined, kinds);
    expect(new Uint32Array(buffer, 0, 8)[H.mode]).toBe(mode | ROW_KINDS);
    const d = decodeBatch(buffer, byteLength);
    expect(d.values).toEqual(values);
    expect([...d.timestamps]).toEqual([10, 20, -Infinity]);
    expect([...d.kinds!]).toEqual([UPDATE_BEFORE, UPDATE_AFTER, DELETE]);
    // Without kinds the same encoder writes a batch that decodes without them, into the same buffer.
    const plain = encoder.encode(values as readonly unknown[], ts, 3, buffer);
    expect(decodeBatch(plain.buffer, plain.byteLength).kinds).toBeUndefined();
  });

  it('rejects a row-kind byte Flink does not define', () => {
    const { buffer, byteLength } = new BatchEncoder().encode([1, 2], Float64Array.from([0, 0]), 2, undefined, Uint8Array.from([0, 7]));
    expect(() => decodeBatch(buffer, byteLength)).toThrow(BatchFormatError);
    expect(() => decodeBatch(buffer, byteLength)).toThrow(/row kind byte 7/);
  });

  it('they cross a MessagePort channel with their records', async () => {
    const mc = new MessageChannel();
    open.push(mc);
    const sender = new PortChannelSender(mc.port1 as unknown as PortLike);
    const receiver = new PortChannelReceiver(mc.port2 as unknown as PortLike, 2);
    await until(() => sender.canSend());
    const b = new BatchBuilder(8);
    b.add({ word: 'a', n: 1 }, 1);
    b.add({ word: 'a', n: 1 }, 2, UPDATE_BEFORE);
    b.add({ word: 'a', n: 2 }, 2, UPDATE_AFTER);
    sender.send(b.take());
    await until(() => receiver.hasItem());
    const got = receiver.poll() as RecordBatch;
    expect(got.values).toEqual([{ word: 'a', n: 1 }, { word: 'a', n: 1 }, { word: 'a', n: 2 }]);
    expect([...got.kinds!]).toEqual([INSERT, UPDATE_BEFORE, UPDATE_AFTER]);
  });

  it('the in-flight output an unaligned barrier overtakes keeps them', () => {
    const sent: RecordBatch[] = [];
    const channel: ChannelSender = {
      canSend: () => false,
      send: (item) => {
        if (item.kind === 'batch') sent.push(item);
      },
      sendAhead: () => sent.splice(0),
      bufferUsage: () => 1,
    };
    const writer = new RecordWriter([channel], new ForwardPartitioner(), 2);
    writer.write('a', 1);
    writer.write('b', 2, UPDATE_BEFORE);
    writer.write('c', 3, UPDATE_AFTER);
    expect(writer.sendBarrierAhead({ kind: 'barrier', id: 1, unaligned: true })).toEqual({ values: ['a', 'b', 'c'], timestamps: [1, 2, 3], kinds: [INSERT, UPDATE_BEFORE, UPDATE_AFTER] });
    const appendOnly = new RecordWriter([channel], new ForwardPartitioner(), 2);
    appendOnly.write('d', 4);
    expect(appendOnly.sendBarrierAhead({ kind: 'barrier', id: 2, unaligned: true })).toEqual({ values: ['d'], timestamps: [4] });
  });
});
