/**
 * A file's bytes by offset (`ByteSource`) through a Node file handle, for `LineReader`: opened at
 * the first read, closed by `close` (the reader closes it at the end of the file) and opened again
 * by a later read, so a finished source holds no descriptor.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { ByteSource } from '../byte-source.js';

export function fileBytes(path: string): ByteSource {
  let handle: Promise<FileHandle> | null = null;
  const opened = () =>
    (handle ??= open(path, 'r').catch((e: unknown) => {
      handle = null;
      throw e;
    }));
  return {
    async size() {
      return (await (await opened()).stat()).size;
    },
    async read(offset, length) {
      const file = await opened();
      const bytes = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await file.read(bytes, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? bytes : bytes.subarray(0, filled);
    },
    async close() {
      const h = handle;
      handle = null;
      if (h !== null) await (await h).close();
    },
  };
}
