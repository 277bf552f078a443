import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { FLUSH_LINES, FileSinkOperator, STDOUT_FLUSH_MS, csvField } from './sink-file.js';

const sink = (params: Record<string, unknown>) => new OperatorHarness(new FileSinkOperator(), { nodeId: 's1', kind: 'sink.file', params });

describe('sink.file', () => {
  it('writes one JSON line per record at finish', () => {
    const h = sink({ path: 'out.jsonl', format: 'jsonl' });
    h.processElement({ a: 1 }, 1).processElement([1, 'x'], 2);
    expect(h.written['out.jsonl']).toBeUndefined();
    h.endInput();
    expect(h.written['out.jsonl']).toBe('{"a":1}\n[1,"x"]\n');
  });

  it('writes CSV with a header from the first record and RFC 4180 quoting', () => {
    const h = sink({ path: 'out.csv', format: 'csv' });
    h.processElement({ name: 'Ann', note: 'says "hi", twice', tags: ['a', 'b'] }, 1);
    h.processElement({ name: 'Bo\nb', extra: 1 }, 2);
    h.endInput();
    expect(h.written['out.csv']).toBe('name,note,tags\n' + 'Ann,"says ""hi"", twice","[""a"",""b""]"\n' + '"Bo\nb",,\n');
  });

  it('path "-" (standard output): lines leave STDOUT_FLUSH_MS after they were buffered, not only at the end', () => {
    const h = sink({ path: '-', format: 'jsonl' });
    h.processElement({ a: 1 }, 1).processElement({ a: 2 }, 2);
    h.setProcessingTime(STDOUT_FLUSH_MS - 1);
    expect(h.written['-']).toBeUndefined();
    h.setProcessingTime(STDOUT_FLUSH_MS);
    expect(h.written['-']).toBe('{"a":1}\n{"a":2}\n');
    h.processElement({ a: 3 }, 3);
    h.setProcessingTime(2 * STDOUT_FLUSH_MS);
    expect(h.written['-']).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');
    // A file's lines wait for FLUSH_LINES, a checkpoint or the end.
    const file = sink({ path: 'o', format: 'jsonl' }).processElement(1, 1).setProcessingTime(10_000);
    expect(file.written['o']).toBeUndefined();
  });

  it('writes to the node id when no path is given', () => {
    const h = sink({ format: 'jsonl' }).processElement(1, 1).endInput();
    expect(h.written['s1']).toBe('1\n');
  });

  it('appends in chunks of FLUSH_LINES lines', () => {
    const h = sink({ path: 'o', format: 'jsonl' });
    for (let i = 0; i < FLUSH_LINES; i++) h.processElement(i, i);
    expect(h.written['o']!.split('\n').length - 1).toBe(FLUSH_LINES);
    h.processElement('last', 0);
    expect(h.written['o']!.endsWith('"last"\n')).toBe(false);
    h.endInput();
    expect(h.written['o']!.endsWith('"last"\n')).toBe(true);
  });

  it('flushes buffered lines before a snapshot', () => {
    const h = sink({ path: 'o', format: 'jsonl' }).processElement(1, 1);
    h.snapshot();
    expect(h.written['o']).toBe('1\n');
  });

  it('quotes only the fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(null)).toBe('');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });

  it('rejects an unknown format, naming the field', () => {
    expect(() => sink({ format: 'xml' })).toThrow(/sink\.file node "s1", params\.format: must be "jsonl" or "csv"/);
  });
});
