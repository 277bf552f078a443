/**
 * A text file read as a stream of whole lines, in chunks, for the CLI's `source.file`
 * (`OperatorIO.readLines` with a file path): the source asks for the lines from a line number on
 * and gets those of one chunk (at least one whole line), so a file of any size is never held whole.
 *
 * Lines are cut at "\n" bytes, which never occur inside a multi-byte UTF-8 character, so only
 * whole lines are decoded: a character split across two chunks is read again whole with the next
 * answer. "\r" stays at the end of a line (the source drops it). A last line without a newline is
 * answered as it is, with `end`. Each answer says at which byte its first line starts. A restored
 * source asks for its checkpointed line with that line's byte offset (from its checkpoint): the
 * reader seeks there directly. Without one (a checkpoint from before offsets were kept), it goes
 * back to the nearest answer it started before that line (it keeps only where answers started, two
 * numbers each) and counts lines from there.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { StreamedLines } from '../../operators/operator.js';

/** The bytes one read takes from the file (an answer is these, cut at the last newline). */
export const FILE_CHUNK_BYTES = 1 << 16;

const NEWLINE = 0x0a;

export class FileLines {
  private fd: number | null = null;
  private size = 0;
  /** The next line to answer and its byte offset. */
  private line = 0;
  private byte = 0;
  /** Where answers started: line numbers and their byte offsets, ascending (line 0 at byte 0 first). */
  private readonly indexLine: number[] = [0];
  private readonly indexByte: number[] = [0];
  /** The most bytes the reader held at once (its buffer): at most a chunk plus one line. */
  peakHeldBytes = 0;
  /** Bytes read from the file so far (answers, and lines counted to reach a line). */
  bytesRead = 0;

  constructor(
    private readonly path: string,
    private readonly chunkBytes: number = FILE_CHUNK_BYTES,
  ) {
    if (!(chunkBytes >= 1)) throw new Error(`chunk size must be at least 1 byte, got ${chunkBytes}`);
  }

  /**
   * Whole lines from line `fromLine` (0-based) on: one chunk's worth, at least one line, or "" with
   * `end`. `fromByte`, when the caller knows it, is where line `fromLine` starts in the file.
   */
  read(fromLine: number, fromByte?: number): StreamedLines {
    if (this.fd === null || fromLine !== this.line) {
      this.open();
      if (fromByte !== undefined && this.startsLine(fromByte)) this.record(fromLine, fromByte);
      this.seek(fromLine);
    }
    const start = this.byte;
    if (start >= this.size) {
      this.close();
      return { text: '', end: true, origin: 0, byte: start };
    }
    let buffer = this.take(start, Math.min(this.chunkBytes, this.size - start));
    let cut = buffer.lastIndexOf(NEWLINE);
    // A line longer than a chunk: read on until it ends (the buffer holds that one line).
    while (cut < 0 && start + buffer.length < this.size) {
      const more = this.take(start + buffer.length, Math.min(this.chunkBytes, this.size - start - buffer.length));
      buffer = Buffer.concat([buffer, more]);
      this.held(buffer.length);
      cut = buffer.lastIndexOf(NEWLINE);
    }
    const whole = cut < 0 ? buffer : buffer.subarray(0, cut + 1);
    this.record(this.line, start);
    this.byte = start + whole.length;
    this.line += countNewlines(whole) + (cut < 0 ? 1 : 0);
    const end = this.byte >= this.size;
    if (end) this.close();
    return { text: whole.toString('utf8'), end, origin: 0, byte: start };
  }

  /** Lets the file go (a later `read` opens it again). */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    if (this.fd !== null) return;
    this.fd = openSync(this.path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** Whether a line starts at `byte` (the file's start, or just after a newline): an offset from another file is not taken. */
  private startsLine(byte: number): boolean {
    if (!Number.isInteger(byte) || byte < 0 || byte > this.size) return false;
    return byte === 0 || this.take(byte - 1, 1)[0] === NEWLINE;
  }

  /** Goes to line `target`: from the nearest recorded line start at or before it, counting newlines. */
  private seek(target: number): void {
    let k = this.indexLine.length - 1;
    while (this.indexLine[k]! > target) k--;
    let line = this.indexLine[k]!;
    let byte = this.indexByte[k]!;
    while (line < target && byte < this.size) {
      const buffer = this.take(byte, Math.min(this.chunkBytes, this.size - byte));
      let at = -1;
      while (line < target) {
        const nl = buffer.indexOf(NEWLINE, at + 1);
        if (nl < 0) break;
        at = nl;
        line++;
      }
      byte += line < target ? buffer.length : at + 1;
    }
    // Past the end: nothing more to answer (a last line without newline counts as a line).
    if (line < target) line = target;
    this.line = line;
    this.byte = Math.min(byte, this.size);
  }

  private take(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const n = readSync(this.fd!, buffer, filled, length - filled, position + filled);
      if (n === 0) break;
      filled += n;
    }
    this.held(filled);
    this.bytesRead += filled;
    return filled === length ? buffer : buffer.subarray(0, filled);
  }

  private held(bytes: number): void {
    if (bytes > this.peakHeldBytes) this.peakHeldBytes = bytes;
  }

  /** Keeps where line `line` starts, in line order (a line start given for a restore may fall between two). */
  private record(line: number, byte: number): void {
    let k = this.indexLine.length;
    while (k > 0 && this.indexLine[k - 1]! > line) k--;
    if (k > 0 && this.indexLine[k - 1] === line) return;
    this.indexLine.splice(k, 0, line);
    this.indexByte.splice(k, 0, byte);
  }
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
}
