/**
 * An uploaded file read as a stream of whole lines, slice by slice, for a file source in the
 * browser (`OperatorIO.readLines`): the source asks for the lines from a line number on and gets
 * those of one slice (at least one whole line), so a file of any size is never held whole — the
 * browser's counterpart of the CLI's `host/node/file-lines`.
 *
 * Lines are cut at "\n" bytes, which never occur inside a multi-byte UTF-8 character, so only
 * whole lines are decoded. "\r" stays at the end of a line (the source drops it). A last line
 * without a newline is answered as it is, with `end`. A restored or restarted source asks for an
 * earlier line: the reader goes back to the nearest answer it started before that line (it keeps
 * only where answers started, two numbers each) and counts lines from there.
 */
import type { StreamedLines } from '../../engine/index';

/** The bytes one read takes from the file: few round trips to the slot, little held at once. */
export const BLOB_SLICE_BYTES = 1 << 20;

const NEWLINE = 0x0a;

export class BlobLines {
  /** The next line to answer and its byte offset. */
  private line = 0;
  private byte = 0;
  /** Where answers started: line numbers and their byte offsets, ascending (line 0 at byte 0 first). */
  private readonly indexLine: number[] = [0];
  private readonly indexByte: number[] = [0];
  private readonly decoder = new TextDecoder('utf-8');
  /** One read at a time: a source asks again only after its answer, but a restart may overlap. */
  private reading: Promise<unknown> = Promise.resolve();
  /** The most bytes the reader held at once: at most a slice plus one line. */
  peakHeldBytes = 0;

  constructor(
    private readonly blob: Blob,
    private readonly sliceBytes: number = BLOB_SLICE_BYTES,
  ) {
    if (!(sliceBytes >= 1)) throw new Error(`slice size must be at least 1 byte, got ${sliceBytes}`);
  }

  /** Whole lines from line `fromLine` (0-based) on: one slice's worth, at least one line, or "" with `end`. */
  read(fromLine: number): Promise<StreamedLines> {
    const answer = this.reading.then(() => this.readNow(fromLine));
    this.reading = answer.catch(() => {});
    return answer;
  }

  private async readNow(fromLine: number): Promise<StreamedLines> {
    if (fromLine !== this.line) await this.seek(fromLine);
    const size = this.blob.size;
    const start = this.byte;
    if (start >= size) return { text: '', end: true, origin: 0 };
    let buffer = await this.take(start, Math.min(this.sliceBytes, size - start));
    let cut = buffer.lastIndexOf(NEWLINE);
    // A line longer than a slice: read on until it ends (the buffer holds that one line).
    while (cut < 0 && start + buffer.length < size) {
      const more = await this.take(start + buffer.length, Math.min(this.sliceBytes, size - start - buffer.length));
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
    return { text: this.decoder.decode(whole), end: this.byte >= size, origin: 0 };
  }

  /** Goes to line `target`: from the nearest recorded answer start at or before it, counting newlines. */
  private async seek(target: number): Promise<void> {
    const size = this.blob.size;
    let k = this.indexLine.length - 1;
    while (this.indexLine[k]! > target) k--;
    let line = this.indexLine[k]!;
    let byte = this.indexByte[k]!;
    while (line < target && byte < size) {
      const buffer = await this.take(byte, Math.min(this.sliceBytes, size - byte));
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
    const bytes = new Uint8Array(await this.blob.slice(position, position + length).arrayBuffer());
    this.held(bytes.length);
    return bytes;
  }

  private held(bytes: number): void {
    if (bytes > this.peakHeldBytes) this.peakHeldBytes = bytes;
  }

  private record(line: number, byte: number): void {
    const last = this.indexLine.length - 1;
    if (line > this.indexLine[last]!) {
      this.indexLine.push(line);
      this.indexByte.push(byte);
    }
  }
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
}
