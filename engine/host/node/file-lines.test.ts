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

/** Every answer from line `from` on, read to the end: the texts joined, and the answers. */
function readAll(reader: FileLines, from = 0): { text: string; answers: string[] } {
  const answers: string[] = [];
  let line = from;
  for (;;) {
    const a = reader.read(line);
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
      expect(reader.read(2)).toEqual({ text: '', end: true, origin: 0 });
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
    expect(new FileLines(path, 16).read(50)).toEqual({ text: '', end: true, origin: 0 });
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
