// Standard input read as a stream for `source.file` with path "-": the spool on the main thread
// and the file source asking it for lines — a real spool over a real stream, no timers.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../operators/harness.js';
import { SourceStatus } from '../../operators/operator.js';
import { FileSource } from '../../operators/source-file.js';
import { until } from '../../testing/until.js';
import { StdinSpool } from './stdin-spool.js';

function spooled() {
  const input = new PassThrough();
  const spool = new StdinSpool(input);
  return { input, spool };
}

/** A file source reading `spool`, counting its requests. */
function source(spool: StdinSpool, params: Record<string, unknown> = {}, wiredPorts?: string[]) {
  const asked: number[] = [];
  const op = new FileSource();
  const h = new OperatorHarness(op, {
    kind: 'source.file',
    nodeId: 'in',
    params: { path: '-', format: 'jsonl', ...params },
    readLines: (_node, from) => {
      asked.push(from);
      return spool.read(from);
    },
    ...(wiredPorts ? { wiredPorts } : {}),
  });
  return { h, op, asked };
}

/** Runs the source as its task does: emit until it waits, then wait for its mail. */
async function runUntilWaiting(h: OperatorHarness): Promise<SourceStatus> {
  for (;;) {
    const status = h.runSource();
    if (status !== SourceStatus.WAIT) return status;
    if (!h.mailPending) return status;
    h.processMail();
  }
}

/** Runs the source to its end, waiting for its mail (the lines it asked for) whenever it waits. */
async function runToEnd(h: OperatorHarness): Promise<void> {
  while (h.runSource() !== SourceStatus.END) {
    await until(() => h.mailPending);
    h.processMail();
  }
}

describe('StdinSpool', () => {
  it('reads its input only while a read waits, and leaves the rest in the stream (back-pressure)', async () => {
    const input = new Readable({ read() {} });
    const spool = new StdinSpool(input);
    const line = `${JSON.stringify({ pad: 'x'.repeat(200) })}\n`;
    for (let i = 0; i < 2000; i++) input.push(line);
    expect(input.readableLength).toBeGreaterThan(300_000);
    const first = await spool.read(0);
    expect(first.text.length).toBeGreaterThan(0);
    expect(first.end).toBe(false);
    const left = input.readableLength;
    // Nobody asks: nothing more is taken from the stream.
    await new Promise((r) => setImmediate(r));
    expect(input.readableLength).toBe(left);
    expect(left).toBeGreaterThan(300_000);
    spool.close();
  });

  it('answers again from any line it spooled (a restored source), whole lines only, then the end', async () => {
    const { input, spool } = spooled();
    input.write('a\nb\nc');
    const r1 = await spool.read(0);
    expect(r1).toEqual({ text: 'a\nb\n', end: false, origin: 0 });
    expect((await spool.read(1)).text).toBe('b\n');
    input.end('\nd');
    expect((await spool.read(2)).text).toBe('c\nd\n');
    expect((await spool.read(3)).text).toBe('d\n');
    expect(await spool.read(4)).toEqual({ text: '', end: true, origin: 0 });
    expect((await spool.read(0)).text).toBe('a\nb\nc\nd\n');
    spool.close();
  });

  it('numbers a new input on from the first line asked for (a savepoint of an earlier pipe)', async () => {
    const { input, spool } = spooled();
    input.end('x\ny\n');
    expect(await spool.read(7)).toEqual({ text: 'x\ny\n', end: false, origin: 7 });
    expect((await spool.read(8)).text).toBe('y\n');
    await expect(spool.read(3)).rejects.toThrow(/line 3 comes before this run's first line 7/);
    spool.close();
  });
});

describe('source.file with path "-" over a stream', () => {
  it('emits each line as it arrives, waiting (not ending) in between, and ends with the input', async () => {
    const { input, spool } = spooled();
    const { h } = source(spool);
    expect(h.runSource()).toBe(SourceStatus.WAIT);
    input.write('{"n":1}\n');
    await until(() => h.mailPending);
    expect(await runUntilWaiting(h)).toBe(SourceStatus.WAIT);
    expect(h.records()).toEqual([{ n: 1 }]);
    input.write('{"n":2}\n{"n":');
    await until(() => h.mailPending);
    await runUntilWaiting(h);
    expect(h.records()).toEqual([{ n: 1 }, { n: 2 }]);
    input.end('3}\n');
    await runToEnd(h);
    expect(h.records()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(h.output.at(-1)).toEqual({ kind: 'watermark', watermark: Infinity });
    spool.close();
  });

  it('asks for more lines only once it emitted those it holds (a back-pressured source asks for nothing)', async () => {
    const { input, spool } = spooled();
    const { h, asked } = source(spool);
    input.write('1\n2\n3\n');
    h.runSource();
    await until(() => h.mailPending);
    h.processMail();
    const op = h.operator as FileSource;
    expect(op.emitNext()).toBe(SourceStatus.MORE);
    expect(op.emitNext()).toBe(SourceStatus.MORE);
    expect(asked).toEqual([0]);
    expect(op.emitNext()).toBe(SourceStatus.MORE);
    expect(op.emitNext()).toBe(SourceStatus.WAIT);
    expect(asked).toEqual([0, 3]);
    input.end();
    spool.close();
  });

  it('sends a malformed line to "errors" with its line number in the input', async () => {
    const { input, spool } = spooled();
    const { h } = source(spool);
    input.end('{"a":1}\n\n{"a":\n{"a":3}\n');
    await runToEnd(h);
    expect(h.records()).toEqual([{ a: 1 }, { a: 3 }]);
    expect(h.side('errors')).toEqual([{ line: 3, reason: expect.stringMatching(/JSON/), text: '{"a":' }]);
    spool.close();
  });

  it('restored from a checkpoint, goes on at its line: the spool gives the lines read since again', async () => {
    const { input, spool } = spooled();
    const a = source(spool, { format: 'csv' });
    input.write('id,name\n1,"a\nb"\n2,c\n');
    a.h.runSource();
    await until(() => a.h.mailPending);
    await runUntilWaiting(a.h);
    expect(a.h.records()).toEqual([
      { id: 1, name: 'a\nb' },
      { id: 2, name: 'c' },
    ]);
    const snapshot = a.h.snapshot();
    expect(snapshot.operator).toEqual({ line: 4, header: ['id', 'name'] });
    input.write('3,d\n4,"e\n');
    a.h.runSource();
    await until(() => a.h.mailPending);
    await runUntilWaiting(a.h);
    // The quoted field of row 4 is still open: it waits for the line that closes it.
    expect(a.h.records().length).toBe(3);

    const b = source(spool, { format: 'csv' });
    b.h.restore(snapshot);
    b.h.runSource();
    await until(() => b.h.mailPending);
    await runUntilWaiting(b.h);
    expect(b.h.records()).toEqual([{ id: 3, name: 'd' }]);
    input.end('f"\n');
    await runToEnd(b.h);
    expect(b.h.records()).toEqual([
      { id: 3, name: 'd' },
      { id: 4, name: 'e\nf' },
    ]);
    spool.close();
  });
});
