/**
 * A file source's input read as whole lines, a chunk at a time, from any `ByteSource` — a file in
 * the CLI (`node/file-bytes`), an upload in the browser (`blobBytes`) — for `OperatorIO.readLines`:
 * the source asks for the lines from a line number on and gets those of one chunk (at least one
 * whole line), so an input of any size is never held whole.
 *
 * Lines are cut at "\n" bytes, which never occur inside a multi-byte UTF-8 character, so only whole
 * lines are decoded: a character split across two chunks is read again whole with the next answer.
 * "\r" stays at the end of a line (the source drops it). A last line without a newline is answered
 * as it is, with `end`. Each answer says at which byte its first line starts. A restored source asks
 * for its checkpointed line with that line's byte offset (from its checkpoint): the reader seeks
 * there directly, reading only the byte before it to check that a line starts there. Without one (a
 * checkpoint from before offsets were kept, or an offset that is no line start: another file's), it
 * goes back to the nearest line start it knows before that line (it keeps only where answers
 * started, two numbers each) and counts lines from there.
 */
import type { StreamedLines } from '../operators/operator.js';
import type { ByteSource } from './byte-source.js';

/** The bytes one read takes by default (an answer is these, cut at the last newline). */
export const LINE_CHUNK_BYTES = 1 << 16;

const NEWLINE = 0x0a;

export class LineReader {
  /** The source's size for this pass; null until a read starts one (and again after the end). */
  private size: number | null = null;
  /** The next line to answer and its byte offset. */
  private line = 0;
  private byte = 0;
  /** Known line starts: line numbers and their byte offsets, ascending (line 0 at byte 0 first). */
  private readonly indexLine: number[] = [0];
  private readonly indexByte: number[] = [0];
  private readonly decoder = new TextDecoder('utf-8');
  /** One read at a time: a source asks again only after its answer, but a restart may overlap. */
  private reading: Promise<unknown> = Promise.resolve();
  /** The most bytes the reader held at once (its buffer): at most a chunk plus one line. */
  peakHeldBytes = 0;
  /** Bytes read from the source so far (answers, and lines counted to reach a line). */
  bytesRead = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly chunkBytes: number = LINE_CHUNK_BYTES,
  ) {
    if (!(chunkBytes >= 1)) throw new Error(`chunk size must be at least 1 byte, got ${chunkBytes}`);
  }

  /**
   * Whole lines from line `fromLine` (0-based) on: one chunk's worth, at least one line, or "" with
   * `end`. `fromByte`, when the caller knows it, is where line `fromLine` starts in the source.
   */
  read(fromLine: number, fromByte?: number): Promise<StreamedLines> {
    const answer = this.reading.then(() => this.readNow(fromLine, fromByte));
    this.reading = answer.then(
      () => {},
      () => {},
    );
    return answer;
  }

  /** Lets the source go (a later `read` starts again from what the reader knows). */
  async close(): Promise<void> {
    this.size = null;
    await this.source.close?.();
  }

  private async readNow(fromLine: number, fromByte: number | undefined): Promise<StreamedLines> {
    if (this.size === null || fromLine !== this.line) {
      this.size = await this.source.size();
      if (fromByte !== undefined && (await this.startsLine(fromByte))) this.record(fromLine, fromByte);
      await this.seek(fromLine);
    }
    const size = this.size;
    const start = this.byte;
    if (start >= size) {
      await this.close();
      return { text: '', end: true, origin: 0, byte: start };
    }
    let buffer = await this.take(start, Math.min(this.chunkBytes, size - start));
    // The source shrank since its size was asked: its end is here.
    if (buffer.length === 0) {
      await this.close();
      return { text: '', end: true, origin: 0, byte: start };
    }
    let cut = buffer.lastIndexOf(NEWLINE);
    // A line longer than a chunk: read on until it ends (the buffer holds that one line).
    while (cut < 0 && start + buffer.length < size) {
      const more = await this.take(start + buffer.length, Math.min(this.chunkBytes, size - start - buffer.length));
      if (more.length === 0) break;
      const joined = new Uint8Array(buffer.length + more.length);
      joined.set(buffer);
      joined.set(more, buffer.length);
      buffer = joined;
      this.held(buffer.length);
      cut = buffer.lastIndexOf(NEWLINE);
    }
    const whole = cut < 0 ? buffer : buffer.subarray(0, cut + 1);
    this.record(this.line, start);
    this.byte = start + whole.length;
    this.line += countNewlines(whole) + (cut < 0 ? 1 : 0);
    const end = this.byte >= size || (cut < 0 && start + buffer.length < size);
    const text = this.decoder.decode(whole);
    if (end) await this.close();
    return { text, end, origin: 0, byte: start };
  }

  /** Whether a line starts at `byte` (the start, or just after a newline): an offset from another file is not taken. */
  private async startsLine(byte: number): Promise<boolean> {
    if (!Number.isInteger(byte) || byte < 0 || byte > this.size!) return false;
    return byte === 0 || (await this.take(byte - 1, 1))[0] === NEWLINE;
  }

  /** Goes to line `target`: from the nearest known line start at or before it, counting newlines. */
  private async seek(target: number): Promise<void> {
    const size = this.size!;
    let k = this.indexLine.length - 1;
    while (this.indexLine[k]! > target) k--;
    let line = this.indexLine[k]!;
    let byte = this.indexByte[k]!;
    while (line < target && byte < size) {
      const buffer = await this.take(byte, Math.min(this.chunkBytes, size - byte));
      if (buffer.length === 0) break;
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
    this.byte = Math.min(byte, size);
  }

  private async take(position: number, length: number): Promise<Uint8Array> {
    const bytes = await this.source.read(position, length);
    this.held(bytes.length);
    this.bytesRead += bytes.length;
    return bytes;
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

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
}
