import { describe, expect, it } from 'vitest';
import { BlobLines } from './blob-lines';

/** Every answer from line `from` on, read to the end: the texts joined, and the answers. */
async function readAll(reader: BlobLines, from = 0): Promise<{ text: string; answers: string[] }> {
  const answers: string[] = [];
  let line = from;
  for (;;) {
    const a = await reader.read(line);
    expect(a.origin).toBe(0);
    if (a.text !== '') answers.push(a.text);
    // Every answer but the last is whole lines.
    if (!a.end) expect(a.text.endsWith('\n')).toBe(true);
    line += a.text.split('\n').length - 1 + (a.text !== '' && !a.text.endsWith('\n') ? 1 : 0);
    if (a.end) return { text: answers.join(''), answers };
  }
}

const blob = (content: string) => new Blob([content]);
const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('BlobLines: an uploaded file read as whole lines, a slice at a time', () => {
  it('joins a line split over two slices, at every slice size', async () => {
    const content = 'alpha\nbe\nlonger line here\n\nz\n';
    for (let slice = 1; slice <= content.length + 1; slice++) {
      const { text, answers } = await readAll(new BlobLines(blob(content), slice));
      expect(text, `slice ${slice}`).toBe(content);
      if (slice < 10) expect(answers.length).toBeGreaterThan(1);
    }
  });

  it('keeps CRLF line ends whole, answers a last line without newline with end', async () => {
    for (let slice = 1; slice <= 5; slice++) {
      const { answers } = await readAll(new BlobLines(blob('a\r\nbb\r\nccc\r\n'), slice));
      expect(answers.join('')).toBe('a\r\nbb\r\nccc\r\n');
      for (const a of answers) expect(a.endsWith('\r\n')).toBe(true);
      const reader = new BlobLines(blob('one\ntwo'), slice);
      expect((await readAll(reader)).text).toBe('one\ntwo');
      expect(await reader.read(2)).toEqual({ text: '', end: true, origin: 0 });
    }
  });

  it('never splits a multi-byte UTF-8 character across answers', async () => {
    const content = 'héllo wörld\n€uro\n𝄞 clef\n日本語\n';
    for (let slice = 1; slice <= 12; slice++) {
      const { text, answers } = await readAll(new BlobLines(blob(content), slice));
      expect(text, `slice ${slice}`).toBe(content);
      for (const a of answers) expect(a).not.toContain('\uFFFD');
    }
  });

  it('answers from any line on (a restored or restarted source), going back and forth', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `{"i":${i}}`);
    const content = `${lines.join('\n')}\n`;
    const reader = new BlobLines(blob(content), 16);
    await readAll(reader);
    for (const from of [0, 1, 17, 49, 30, 3]) {
      expect((await readAll(reader, from)).text, `from ${from}`).toBe(lines.slice(from).map((l) => `${l}\n`).join(''));
    }
    expect((await readAll(new BlobLines(blob(content), 16), 25)).text).toBe(lines.slice(25).map((l) => `${l}\n`).join(''));
    expect(await new BlobLines(blob(content), 16).read(50)).toEqual({ text: '', end: true, origin: 0 });
  });

  it('holds at most a slice plus one line, however large the file', async () => {
    const slice = 64;
    const lines = Array.from({ length: 5000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(i % 40)}"}`);
    lines[2500] = `{"long":"${'y'.repeat(500)}"}`;
    const content = `${lines.join('\n')}\n`;
    const reader = new BlobLines(blob(content), slice);
    const { text, answers } = await readAll(reader);
    expect(text).toBe(content);
    const longest = Math.max(...lines.map((l) => bytes(l) + 1));
    expect(content.length).toBeGreaterThan(100 * (slice + longest));
    expect(reader.peakHeldBytes).toBeLessThanOrEqual(slice + longest);
    for (const a of answers) expect(bytes(a)).toBeLessThanOrEqual(slice + longest);
  });
});
