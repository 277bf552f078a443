/**
 * Standard input as a stream, for the CLI's `source.file` with path "-" (`OperatorIO.readLines`).
 * Lives on the main thread, which owns the process's standard input; the source — in the inline
 * thread or a slot worker — asks for lines by message.
 *
 * Back-pressure: the input is paused except while a source waits for lines it has not got yet, so
 * a source that is not asking (its task is back-pressured: no credit downstream) leaves the rest in
 * the pipe, and the writer blocks once the pipe is full.
 *
 * Replay within a run: every whole line read is appended to a spool file (removed at exit), so a
 * source restored from a checkpoint after a failure reads again from its checkpointed line — the
 * pipe itself has no offsets. Only numbers are kept in memory (where each chunk starts).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamedLines } from '../../operators/operator.js';

/** The most text one answer carries (it ends at a line's end; at least one chunk). */
const MAX_ANSWER_BYTES = 1 << 16;

/** What the spool reads: `process.stdin`, or any readable stream of text. */
export interface LineInput {
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  /** Stops reading for good (the job ended). */
  destroy?(): unknown;
}

export class StdinSpool {
  private readonly dir: string;
  private readonly fd: number;
  private bytes = 0;
  private lines = 0;
  /** The first line and byte offset of each spooled chunk (chunks end at a line's end). */
  private readonly chunkLine: number[] = [];
  private readonly chunkByte: number[] = [];
  /** Text after the last newline received: a line not yet whole. */
  private partial = '';
  private ended = false;
  private failure: Error | null = null;
  private origin: number | null = null;
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly input: LineInput) {
    this.dir = mkdtempSync(join(tmpdir(), 'eddy-stdin-'));
    this.fd = openSync(join(this.dir, 'stdin'), 'w+');
    process.once('exit', () => this.close());
    input.setEncoding('utf8');
    input.on('data', (chunk) => this.receive(chunk));
    input.on('end', () => {
      if (this.partial !== '') this.append(`${this.partial}\n`);
      this.partial = '';
      this.ended = true;
      this.wake();
    });
    input.on('error', (e) => {
      this.failure = e;
      this.wake();
    });
    input.pause();
  }

  /** Whole lines from stream line `fromLine` on: what is spooled, else the next that arrive. */
  async read(fromLine: number): Promise<StreamedLines> {
    this.origin ??= fromLine;
    const origin = this.origin;
    const at = fromLine - origin;
    if (at < 0) throw new Error(`standard input: line ${fromLine} comes before this run's first line ${origin}`);
    for (;;) {
      if (at < this.lines) return { text: this.textFrom(at), end: false, origin };
      if (this.failure !== null) throw new Error(`cannot read standard input: ${this.failure.message}`);
      if (this.ended) return { text: '', end: true, origin };
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        this.input.resume();
      });
    }
  }

  /** Stops reading standard input and removes the spool file (also at exit). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.input.destroy?.();
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private receive(chunk: string): void {
    const text = this.partial + chunk;
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      this.partial = text;
      return;
    }
    this.partial = text.slice(cut + 1);
    this.append(text.slice(0, cut + 1));
    // Enough for the source that asked: the rest waits in the pipe until it asks again.
    this.input.pause();
    this.wake();
  }

  private append(text: string): void {
    let count = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    this.chunkLine.push(this.lines);
    this.chunkByte.push(this.bytes);
    const buffer = Buffer.from(text, 'utf8');
    writeSync(this.fd, buffer, 0, buffer.length, this.bytes);
    this.bytes += buffer.length;
    this.lines += count;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Spooled text from line `at` on, whole chunks up to MAX_ANSWER_BYTES (at least the first). */
  private textFrom(at: number): string {
    let lo = 0;
    let hi = this.chunkLine.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkLine[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const start = this.chunkByte[lo]!;
    let end = lo + 1 < this.chunkByte.length ? this.chunkByte[lo + 1]! : this.bytes;
    for (let k = lo + 2; k <= this.chunkByte.length; k++) {
      const next = k < this.chunkByte.length ? this.chunkByte[k]! : this.bytes;
      if (next - start > MAX_ANSWER_BYTES) break;
      end = next;
    }
    const buffer = Buffer.alloc(end - start);
    readSync(this.fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    let pos = 0;
    for (let skip = at - this.chunkLine[lo]!; skip > 0; skip--) pos = text.indexOf('\n', pos) + 1;
    return pos === 0 ? text : text.slice(pos);
  }
}
