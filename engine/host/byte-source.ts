/**
 * Bytes read by offset, for `LineReader`: a file on Node (`host/node/file-bytes`), an uploaded
 * file in the browser (`blobBytes` here). Headless: no DOM or Node type appears, so the same
 * reader runs in a Web Worker, on the page and in the CLI.
 */

/** Random access to a sequence of bytes that may be far larger than memory. */
export interface ByteSource {
  /**
   * Its length in bytes now. Asked when a reader starts a pass (its first read, a seek, a read
   * after the end), so a file that grew since is read on.
   */
  size(): Promise<number>;
  /** `length` bytes from `offset`, fewer only at the end; never more. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Lets go of what it holds open (a file handle); a later `read` opens it again. */
  close?(): Promise<void>;
}

/** A Blob (a `File` too) as far as reading it by slices goes: typed by its shape, so no DOM library is needed. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A Blob's bytes, slice by slice: only the slice asked for is ever in memory. */
export function blobBytes(blob: BlobLike): ByteSource {
  return {
    size: () => Promise.resolve(blob.size),
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, Math.min(offset + length, blob.size)).arrayBuffer()),
  };
}
