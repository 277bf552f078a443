import { describe, expect, it } from 'vitest';
import { OperatorHarness } from './harness.js';
import { type SourceOperator, SourceStatus } from './operator.js';
import { FileSource } from './source-file.js';

function harness(params: Record<string, unknown>, text: string, extra: { subtaskIndex?: number; parallelism?: number; wiredPorts?: string[] } = {}) {
  return new OperatorHarness(new FileSource(), {
    kind: 'source.file',
    nodeId: 'in',
    params: { path: 'data.txt', ...params },
    files: { 'data.txt': text },
    ...extra,
  });
}

describe('FileSource — jsonl', () => {
  it('emits one record per line, skipping blank lines, then +∞ and END', () => {
    const h = harness({ format: 'jsonl' }, '{"a":1}\n\n  \n{"a":2}\r\n');
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.records()).toEqual([{ a: 1 }, { a: 2 }]);
    expect(h.output.at(-1)).toEqual({ kind: 'watermark', watermark: Infinity });
  });

  it('sends a malformed line to "errors" with its line number, reason and text', () => {
    const h = harness({ format: 'jsonl' }, '{"a":1}\n{"a":\n{"a":3}\n');
    h.runSource();
    expect(h.records()).toEqual([{ a: 1 }, { a: 3 }]);
    const errors = h.side('errors') as Array<{ line: number; reason: string; text: string }>;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.text).toBe('{"a":');
    expect(errors[0]!.reason).toMatch(/JSON/);
  });

  it('fails at a malformed line, naming it, when "errors" is not wired (Flink\'s ignore-parse-errors = false)', () => {
    const h = harness({ format: 'jsonl' }, '{"a":1}\n{"a":\n{"a":3}\n', { wiredPorts: ['out'] });
    expect(() => h.runSource()).toThrow(/^line 2: .*JSON.*text: "\{\\"a\\":"\)\. Wire the "errors" side output/);
    expect(h.records()).toEqual([{ a: 1 }]);
  });

  it('skips and counts malformed lines with ignoreParseErrors when "errors" is not wired', () => {
    const source = new FileSource();
    const h = new OperatorHarness(source, { kind: 'source.file', nodeId: 'in', params: { path: 'd', format: 'csv', ignoreParseErrors: true }, files: { d: 'a,b\n1,2\n3\n4,5\n"6' }, wiredPorts: ['out'] });
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.records()).toEqual([{ a: 1, b: 2 }, { a: 4, b: 5 }]);
    expect(source.skippedLines).toBe(2);
  });

  it('keeps the error in stream order between the records around it', () => {
    const h = harness({ format: 'jsonl' }, '1\nnope\n3');
    h.runSource();
    expect(h.output.map((e) => e.kind)).toEqual(['record', 'side', 'record', 'watermark']);
  });

  it('takes timestamps from timestampField and sends records without one to "errors"', () => {
    const h = harness({ format: 'jsonl', timestampField: 'ts' }, '{"ts":5}\n{"x":1}\n{"ts":"7"}');
    h.runSource();
    expect(h.recordsWithTimestamps()).toEqual([[{ ts: 5 }, 5]]);
    expect(h.side('errors')).toEqual([
      { line: 2, reason: 'record has no numeric timestamp in field "ts" (found nothing)', text: '{"x":1}' },
      { line: 3, reason: 'record has no numeric timestamp in field "ts" (found "7")', text: '{"ts":"7"}' },
    ]);
  });

  it('reads the file through the host by node id when no path is given', () => {
    const h = new OperatorHarness(new FileSource(), { nodeId: 'in', params: { format: 'jsonl' }, files: { in: '{"n":1}' } });
    h.runSource();
    expect(h.records()).toEqual([{ n: 1 }]);
  });
});

describe('FileSource — csv', () => {
  it('uses the header row for field names and converts numeric-looking fields', () => {
    const h = harness({ format: 'csv' }, 'name,age,zip\nada,36,"02139"\n"Lovelace, A",37,007\n');
    h.runSource();
    expect(h.records()).toEqual([
      { name: 'ada', age: 36, zip: '02139' },
      { name: 'Lovelace, A', age: 37, zip: '007' },
    ]);
  });

  it('sends rows with the wrong number of fields or a broken quote to "errors" with line numbers', () => {
    const text = 'a,b\n1,2\n3\n4,"x\n5,6\n7,8"9\n';
    const h = harness({ format: 'csv' }, text);
    h.runSource();
    expect(h.records()).toEqual([
      { a: 1, b: 2 },
      { a: 5, b: 6 },
    ]);
    expect(h.side('errors')).toEqual([
      { line: 3, reason: 'expected 2 fields as in the header, found 1', text: '3' },
      { line: 4, reason: 'quoted field opened at column 3 is never closed', text: '4,"x' },
      { line: 6, reason: 'quote inside an unquoted field at column 4', text: '7,8"9' },
    ]);
  });

  it('reads a quoted field spanning lines as one row, and blames only the first line of a broken one', () => {
    const h = harness({ format: 'csv' }, 'id,note\n1,"line one\nline two"\n2,x\n2,"a\n"b\n');
    h.runSource();
    expect(h.records()).toEqual([
      { id: 1, note: 'line one\nline two' },
      { id: 2, note: 'x' },
    ]);
    expect(h.side('errors')).toEqual([
      { line: 5, reason: 'quoted field opened at column 3 is never closed', text: '2,"a' },
      { line: 6, reason: 'quoted field opened at column 1 is never closed', text: '"b' },
    ]);
  });

  it('reports a malformed header and every row after it', () => {
    const h = harness({ format: 'csv' }, 'a,"b\n1,2\n');
    h.runSource();
    expect(h.records()).toEqual([]);
    expect(h.side('errors')).toEqual([
      { line: 1, reason: 'header: quoted field opened at column 3 is never closed', text: 'a,"b' },
      { line: 2, reason: 'the header row is malformed, so no row can be read', text: '1,2' },
    ]);
  });

  it('takes timestamps from a numeric column', () => {
    const h = harness({ format: 'csv', timestampField: 'ts' }, 'ts,v\n100,a\nlater,b\n');
    h.runSource();
    expect(h.recordsWithTimestamps()).toEqual([[{ ts: 100, v: 'a' }, 100]]);
    expect((h.side('errors') as Array<{ line: number }>)[0]!.line).toBe(3);
  });
});

describe('FileSource — offsets and parallelism', () => {
  it('restores its line offset and resumes with the next line (jsonl)', () => {
    const text = '1\n2\n3\n4\n';
    const h = harness({ format: 'jsonl' }, text);
    const src = h.operator as SourceOperator;
    src.emitNext();
    src.emitNext();
    const snap = h.snapshot();
    expect(snap.operator).toEqual({ line: 2 });
    const r = harness({ format: 'jsonl' }, text).restore(JSON.parse(JSON.stringify(snap)));
    r.runSource();
    expect(r.records()).toEqual([3, 4]);
  });

  it('restores mid-file without re-reading the CSV header as data', () => {
    const text = 'v\n1\n2\n3\n';
    const h = harness({ format: 'csv' }, text);
    (h.operator as SourceOperator).emitNext();
    const r = harness({ format: 'csv' }, text).restore(h.snapshot());
    r.runSource();
    expect(r.records()).toEqual([{ v: 2 }, { v: 3 }]);
  });

  it('reads only on subtask 0; other subtasks end at once', () => {
    const h = harness({ format: 'jsonl' }, '1\n2', { subtaskIndex: 1, parallelism: 2 });
    expect(h.runSource()).toBe(SourceStatus.END);
    expect(h.output).toEqual([{ kind: 'watermark', watermark: Infinity }]);
  });

  it('rejects an unknown format naming the param', () => {
    expect(() => harness({ format: 'xml' }, '')).toThrow('params.format must be "jsonl" or "csv", got "xml"');
  });
});
