/**
 * The output buffer of a BatchEncoder: the target it was handed or a larger one, typed views
 * over it, and growth that keeps what was written. Views are rebuilt only when the buffer
 * changes, i.e. once per batch at most in steady state.
 */
import { H, HEADER_BYTES, MAGIC, VERSION, align8 } from './batch-codec-format.js';

export class BatchWriter {
  buf: ArrayBuffer = new ArrayBuffer(0);
  u8 = new Uint8Array(0);
  u16 = new Uint16Array(0);
  u32 = new Uint32Array(0);
  i32 = new Int32Array(0);
  f64 = new Float64Array(0);
  private readonly text = new TextEncoder();

  /** Writes into `target` if it holds `minBytes`, else into a new buffer with headroom. */
  use(target: ArrayBuffer | undefined, minBytes: number): void {
    const need = align8(minBytes);
    if (target !== undefined && target.byteLength >= need) {
      if (target !== this.buf) this.setViews(target);
    } else {
      this.setViews(new ArrayBuffer(align8(Math.max(need + (need >>> 1), 2 * (target?.byteLength ?? 0), 1024))));
    }
  }

  /** Moves to a larger buffer (at least doubling), keeping every byte written so far. */
  grow(minBytes: number): void {
    const old = this.u8;
    const next = new ArrayBuffer(align8(Math.max(minBytes, 2 * old.byteLength)));
    new Uint8Array(next).set(old);
    this.setViews(next);
  }

  /** Writes the UTF-8 of `text` at `off`, growing as needed; returns where it ends. */
  writeText(text: string, off: number): number {
    if (this.u8.length < off + text.length) this.grow(off + text.length + 64);
    let r = this.text.encodeInto(text, this.u8.subarray(off));
    if (r.read < text.length) {
      // At most 3 bytes per UTF-16 unit (a lone surrogate becomes U+FFFD, also 3 bytes).
      this.grow(off + 3 * text.length + 64);
      r = this.text.encodeInto(text, this.u8.subarray(off));
    }
    return off + r.written;
  }

  /** Writes the header and the timestamps; returns `end`, the total byte length. */
  finish(mode: number, ts: Float64Array, n: number, end: number, hasStrings: boolean): number {
    const u32 = this.u32;
    u32[H.magic] = MAGIC;
    u32[H.version] = VERSION;
    u32[H.mode] = mode;
    u32[H.count] = n;
    u32[H.byteLength] = end;
    if (!hasStrings) {
      u32[H.stringsOffset] = 0;
      u32[H.stringsBytes] = 0;
      u32[H.stringCount] = 0;
    }
    this.f64.set(n === ts.length ? ts : ts.subarray(0, n), HEADER_BYTES >>> 3);
    return end;
  }

  private setViews(buf: ArrayBuffer): void {
    this.buf = buf;
    this.u8 = new Uint8Array(buf);
    this.u16 = new Uint16Array(buf, 0, buf.byteLength >>> 1);
    this.u32 = new Uint32Array(buf, 0, buf.byteLength >>> 2);
    this.i32 = new Int32Array(buf, 0, buf.byteLength >>> 2);
    this.f64 = new Float64Array(buf, 0, buf.byteLength >>> 3);
  }
}
