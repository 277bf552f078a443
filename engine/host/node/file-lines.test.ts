import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileLines } from './file-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'eddy-file-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, content);
  return path;
}

/** Every answer from line `from` on (starting at byte `fromByte`, when given), read to the end: the texts joined, and the answers. */
function readAll(reader: FileLines, from = 0, fromByte?: number): { text: string; answers: string[] } {
  const answers: string[] = [];
  let line = from;
  for (let first = true; ; first = false) {
    const a = first && fromByte !== undefined ? reader.read(line, fromByte) : reader.read(line);
    expect(a.origin).toBe(0);
    if (a.text !== '') answers.push(a.text);
    // Every answer but the last is whole lines.
    if (!a.end) expect(a.text.endsWith('\n')).toBe(true);
    line += a.text.split('\n').length - 1 + (a.text !== '' && !a.text.endsWith('\n') ? 1 : 0);
    if (a.end) return { text: answers.join(''), answers };
  }
}

describe('FileLines: a file read as whole lines, a chunk at a time', () => {
  it('joins a line split over two chunks, at every chunk size', () => {
    const content = 'alpha\nbe\nlonger line here\n\nz\n';
    const path = file(content);
    for (let chunk = 1; chunk <= content.length + 1; chunk++) {
      const { text, answers } = readAll(new FileLines(path, chunk));
      expect(text, `chunk ${chunk}`).toBe(content);
      // A small chunk gives several answers: the file was not read in one piece.
      if (chunk < 10) expect(answers.length).toBeGreaterThan(1);
    }
  });

  it('keeps CRLF line ends whole even when the CR and the LF fall in different chunks', () => {
    const content = 'a\r\nbb\r\nccc\r\n';
    const path = file(content);
    for (let chunk = 1; chunk <= 5; chunk++) {
      const { answers } = readAll(new FileLines(path, chunk));
      expect(answers.join('')).toBe(content);
      for (const a of answers) expect(a.endsWith('\r\n')).toBe(true);
    }
  });

  it('answers a last line without newline, with end', () => {
    const path = file('one\ntwo');
    for (let chunk = 1; chunk <= 8; chunk++) {
      const reader = new FileLines(path, chunk);
      const { text, answers } = readAll(reader);
      expect(text).toBe('one\ntwo');
      expect(answers.at(-1)!.endsWith('two')).toBe(true);
      expect(reader.read(2)).toEqual({ text: '', end: true, origin: 0, byte: 7 });
    }
  });

  it('never splits a multi-byte UTF-8 character across answers', () => {
    const content = 'héllo wörld\n€uro\n𝄞 clef\n日本語\n';
    const path = file(Buffer.from(content, 'utf8'));
    for (let chunk = 1; chunk <= 12; chunk++) {
      const { text, answers } = readAll(new FileLines(path, chunk));
      expect(text, `chunk ${chunk}`).toBe(content);
      for (const a of answers) expect(a).not.toContain('\uFFFD');
    }
  });

  it('answers from any line on (a restored source), going back and forth', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `{"i":${i}}`);
    const content = `${lines.join('\n')}\n`;
    const path = file(content);
    const reader = new FileLines(path, 16);
    readAll(reader);
    for (const from of [0, 1, 17, 49, 30, 3]) {
      expect(readAll(reader, from).text, `from ${from}`).toBe(lines.slice(from).map((l) => `${l}\n`).join(''));
    }
    // A new reader (another process) seeks by counting lines.
    expect(readAll(new FileLines(path, 16), 25).text).toBe(lines.slice(25).map((l) => `${l}\n`).join(''));
    expect(new FileLines(path, 16).read(50)).toEqual({ text: '', end: true, origin: 0, byte: Buffer.byteLength(content) });
  });

  it('says where each answer starts, and a new reader given a line\'s byte offset seeks there without counting lines', () => {
    const chunk = 256;
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"i":${i},"s":"wörld ${'€'.repeat(i % 3)} 𝄞"}${i % 5 === 0 ? '\r' : ''}`);
    const content = `${lines.join('\n')}\n`;
    const path = file(content);
    const startOf = (line: number) => Buffer.byteLength(lines.slice(0, line).map((l) => `${l}\n`).join(''));
    const answers = [];
    const reader = new FileLines(path, chunk);
    for (let line = 0, a = reader.read(0); ; a = reader.read(line)) {
      answers.push({ line, byte: a.byte });
      if (a.end) break;
      line += a.text.split('\n').length - 1;
    }
    for (const a of answers.slice(0, 50)) expect(a.byte, `line ${a.line}`).toBe(startOf(a.line));
    const target = 18_000;
    const rest = lines.slice(target).map((l) => `${l}\n`).join('');
    // With the offset: one chunk read (and the byte before it, to check a line starts there).
    const seeking = new FileLines(path, chunk);
    const first = seeking.read(target, startOf(target));
    expect(first.byte).toBe(startOf(target));
    expect(rest.startsWith(first.text)).toBe(true);
    expect(seeking.bytesRead).toBeLessThanOrEqual(chunk + 1);
    expect(readAll(seeking, target, startOf(target)).text).toBe(rest);
    // Without (a checkpoint from before offsets were kept): the same lines, counted from the start.
    const counting = new FileLines(path, chunk);
    expect(readAll(counting, target).text).toBe(rest);
    expect(counting.bytesRead).toBeGreaterThan(startOf(target));
    // An offset that is no line start (another file's) is not taken: it counts instead.
    const wrong = new FileLines(path, chunk);
    expect(readAll(wrong, target, startOf(target) + 3).text).toBe(rest);
  });

  it('holds at most a chunk plus one line, however large the file', () => {
    const chunk = 64;
    const lines = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(i % 40)}"}`);
    lines[2500] = `{"long":"${'y'.repeat(500)}"}`;
    const content = `${lines.join('\n')}\n`;
    const reader = new FileLines(file(content), chunk);
    const { text, answers } = readAll(reader);
    expect(text).toBe(content);
    const longest = Math.max(...lines.map((l) => Buffer.byteLength(l) + 1));
    expect(content.length).toBeGreaterThan(100 * (chunk + longest));
    expect(reader.peakHeldBytes).toBeLessThanOrEqual(chunk + longest);
    for (const a of answers) expect(Buffer.byteLength(a)).toBeLessThanOrEqual(chunk + longest);
  });
});
