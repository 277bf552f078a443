import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ByteSource, blobBytes } from './byte-source.js';
import { LineReader } from './line-reader.js';
import { fileBytes } from './node/file-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-line-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** The same reader over both adapters: a file through a Node file handle, and a Blob (an upload). */
const sources: ReadonlyArray<readonly [string, (content: string) => () => ByteSource]> = [
  [
    'a file',
    (content) => {
      const path = join(dir, `f${n++}`);
      writeFileSync(path, content);
      return () => fileBytes(path);
    },
  ],
  ['a Blob', (content) => () => blobBytes(new Blob([content]))],
];

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
const linesFrom = (lines: readonly string[], from: number) => lines.slice(from).map((l) => `${l}\n`).join('');

/** Every answer from line `from` on (starting at byte `fromByte`, when given), read to the end: the texts joined, and the answers. */
async function readAll(reader: LineReader, from = 0, fromByte?: number): Promise<{ text: string; answers: string[] }> {
  const answers: string[] = [];
  let line = from;
  for (let first = true; ; first = false) {
    const a = await (first && fromByte !== undefined ? reader.read(line, fromByte) : reader.read(line));
    expect(a.origin).toBe(0);
    if (a.text !== '') answers.push(a.text);
    // Every answer but the last is whole lines.
    if (!a.end) expect(a.text.endsWith('\n')).toBe(true);
    line += a.text.split('\n').length - 1 + (a.text !== '' && !a.text.endsWith('\n') ? 1 : 0);
    if (a.end) return { text: answers.join(''), answers };
  }
}

describe.each(sources)('LineReader over %s: whole lines, a chunk at a time', (_name, sourceOf) => {
  it('joins a line split over two chunks, at every chunk size', async () => {
    const content = 'alpha\nbe\nlonger line here\n\nz\n';
    const source = sourceOf(content);
    for (let chunk = 1; chunk <= content.length + 1; chunk++) {
      const { text, answers } = await readAll(new LineReader(source(), chunk));
      expect(text, `chunk ${chunk}`).toBe(content);
      // A small chunk gives several answers: the input was not read in one piece.
      if (chunk < 10) expect(answers.length).toBeGreaterThan(1);
    }
  });

  it('keeps CRLF line ends whole even when the CR and the LF fall in different chunks', async () => {
    const content = 'a\r\nbb\r\nccc\r\n';
    const source = sourceOf(content);
    for (let chunk = 1; chunk <= 5; chunk++) {
      const { answers } = await readAll(new LineReader(source(), chunk));
      expect(answers.join('')).toBe(content);
      for (const a of answers) expect(a.endsWith('\r\n')).toBe(true);
    }
  });

  it('answers a last line without newline, with end', async () => {
    const source = sourceOf('one\ntwo');
    for (let chunk = 1; chunk <= 8; chunk++) {
      const reader = new LineReader(source(), chunk);
      const { text, answers } = await readAll(reader);
      expect(text).toBe('one\ntwo');
      expect(answers.at(-1)!.endsWith('two')).toBe(true);
      expect(await reader.read(2)).toEqual({ text: '', end: true, origin: 0, byte: 7 });
    }
  });

  it('never splits a multi-byte UTF-8 character across answers', async () => {
    const content = 'héllo wörld\n€uro\n𝄞 clef\n日本語\n';
    const source = sourceOf(content);
    for (let chunk = 1; chunk <= 12; chunk++) {
      const { text, answers } = await readAll(new LineReader(source(), chunk));
      expect(text, `chunk ${chunk}`).toBe(content);
      for (const a of answers) expect(a).not.toContain('\uFFFD');
    }
  });

  it('answers from any line on (a restarted source), going back and forth', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `{"i":${i}}`);
    const content = `${lines.join('\n')}\n`;
    const source = sourceOf(content);
    const reader = new LineReader(source(), 16);
    await readAll(reader);
    for (const from of [0, 1, 17, 49, 30, 3]) expect((await readAll(reader, from)).text, `from ${from}`).toBe(linesFrom(lines, from));
    // A new reader (another process) without an offset counts lines from the start.
    expect((await readAll(new LineReader(source(), 16), 25)).text).toBe(linesFrom(lines, 25));
    expect(await new LineReader(source(), 16).read(50)).toEqual({ text: '', end: true, origin: 0, byte: utf8(content) });
  });

  it("says where each answer starts, and a new reader given a line's byte offset seeks there without counting lines", async () => {
    const chunk = 256;
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"i":${i},"s":"wörld ${'€'.repeat(i % 3)} 𝄞"}${i % 5 === 0 ? '\r' : ''}`);
    const content = `${lines.join('\n')}\n`;
    const source = sourceOf(content);
    const startOf = (line: number) => utf8(lines.slice(0, line).map((l) => `${l}\n`).join(''));
    const answers = [];
    const reader = new LineReader(source(), chunk);
    for (let line = 0, a = await reader.read(0); ; a = await reader.read(line)) {
      answers.push({ line, byte: a.byte });
      if (a.end) break;
      line += a.text.split('\n').length - 1;
    }
    for (const a of answers.slice(0, 50)) expect(a.byte, `line ${a.line}`).toBe(startOf(a.line));
    const target = 18_000;
    const rest = linesFrom(lines, target);
    // With the offset: one chunk read (and the byte before it, to check a line starts there).
    const seeking = new LineReader(source(), chunk);
    const first = await seeking.read(target, startOf(target));
    expect(first.byte).toBe(startOf(target));
    expect(rest.startsWith(first.text)).toBe(true);
    expect(seeking.bytesRead).toBeLessThanOrEqual(chunk + 1);
    expect((await readAll(seeking, target, startOf(target))).text).toBe(rest);
    // Without (a checkpoint from before offsets were kept): the same lines, counted from the start.
    const counting = new LineReader(source(), chunk);
    expect((await readAll(counting, target)).text).toBe(rest);
    expect(counting.bytesRead).toBeGreaterThan(startOf(target));
    // An offset that is no line start (another file's) is not taken: it counts instead.
    const wrong = new LineReader(source(), chunk);
    expect((await readAll(wrong, target, startOf(target) + 3)).text).toBe(rest);
  });

  it('restores at a byte offset mid-file where a multi-byte character straddles the chunk boundary', async () => {
    // Line 3 holds "𝄞" (4 bytes) across the boundary of the first chunk read from line 3's start.
    const chunk = 8;
    const lines = ['zero', 'one', 'two', 'abcdef𝄞gh', 'fünf €', 'last without newline 日本'];
    const content = lines.join('\n');
    const source = sourceOf(content);
    const startOf = (line: number) => utf8(lines.slice(0, line).map((l) => `${l}\n`).join(''));
    expect(utf8('abcdef')).toBeLessThan(chunk);
    expect(utf8('abcdef𝄞')).toBeGreaterThan(chunk);
    for (const target of [3, 4, 5]) {
      // The lowest offset the reader reads: it seeks, so nothing before the target line but the byte that ends the line before.
      let lowest = Number.POSITIVE_INFINITY;
      const watched = source();
      const reader = new LineReader({ ...watched, read: (offset, length) => ((lowest = Math.min(lowest, offset)), watched.read(offset, length)) }, chunk);
      const { text, answers } = await readAll(reader, target, startOf(target));
      expect(text, `from line ${target}`).toBe(lines.slice(target).join('\n'));
      for (const a of answers) expect(a).not.toContain('\uFFFD');
      expect(lowest).toBe(startOf(target) - 1);
      expect(await reader.read(lines.length)).toEqual({ text: '', end: true, origin: 0, byte: utf8(content) });
    }
  });

  it('holds at most a chunk plus one line, however large the input', async () => {
    const chunk = 64;
    const lines = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(i % 40)}"}`);
    lines[2500] = `{"long":"${'y'.repeat(500)}"}`;
    const content = `${lines.join('\n')}\n`;
    const reader = new LineReader(sourceOf(content)(), chunk);
    const { text, answers } = await readAll(reader);
    expect(text).toBe(content);
    const longest = Math.max(...lines.map((l) => utf8(l) + 1));
    expect(content.length).toBeGreaterThan(100 * (chunk + longest));
    expect(reader.peakHeldBytes).toBeLessThanOrEqual(chunk + longest);
    for (const a of answers) expect(utf8(a)).toBeLessThanOrEqual(chunk + longest);
  });
});

describe('LineReader over a source', () => {
  it('answers overlapping reads one after the other (a restart asking while a read is under way)', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const reader = new LineReader(blobBytes(new Blob([`${lines.join('\n')}\n`])), 20);
    const [a, b] = await Promise.all([reader.read(0), reader.read(10)]);
    expect(a.text.startsWith('line 0\n')).toBe(true);
    expect(b.text.startsWith('line 10\n')).toBe(true);
  });

  it('lets go of the source at the end and opens it again for a later read', async () => {
    let open = 0;
    const bytes = new TextEncoder().encode('a\nb\n');
    const source: ByteSource = {
      size: async () => bytes.length,
      read: async (offset, length) => {
        open = 1;
        return bytes.slice(offset, offset + length);
      },
      close: async () => {
        open = 0;
      },
    };
    const reader = new LineReader(source, 2);
    expect((await readAll(reader)).text).toBe('a\nb\n');
    expect(open).toBe(0);
    expect((await readAll(reader, 1)).text).toBe('b\n');
    expect(open).toBe(0);
  });
});
