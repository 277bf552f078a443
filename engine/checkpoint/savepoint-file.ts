/**
 * A savepoint (or retained checkpoint) as one portable file: JSON with the metadata and each
 * subtask's blob in base64, with its CRC-32. Exported from the browser as a download and read
 * by the CLI, and the other way round.
 */
import type { CompletedCheckpoint } from './storage.js';

export const SAVEPOINT_FORMAT = 'eddy/savepoint@1';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') + '=';
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      (ALPHABET.indexOf(clean[i]!) << 18) |
      (ALPHABET.indexOf(clean[i + 1] ?? 'A') << 12) |
      (ALPHABET.indexOf(clean[i + 2] ?? 'A') << 6) |
      ALPHABET.indexOf(clean[i + 3] ?? 'A');
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function savepointToText(checkpoint: CompletedCheckpoint): string {
  return JSON.stringify({
    format: SAVEPOINT_FORMAT,
    metadata: checkpoint.metadata,
    blobs: checkpoint.blobs.map((b) => ({ task: b.task, crc32: b.crc32, data: toBase64(b.bytes) })),
  });
}

/** Reads a savepoint file. Throws with a sentence when it is not one. */
export function savepointFromText(text: string): CompletedCheckpoint {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a savepoint file: ${(e as Error).message}`);
  }
  if (doc?.format !== SAVEPOINT_FORMAT) throw new Error(`not a savepoint file (expected "format": "${SAVEPOINT_FORMAT}")`);
  if (!doc.metadata || !Array.isArray(doc.blobs)) throw new Error('the savepoint file has no metadata or blobs');
  return {
    metadata: doc.metadata,
    blobs: doc.blobs.map((b: { task: string; crc32: number; data: string }) => ({ task: b.task, crc32: b.crc32, bytes: fromBase64(b.data) })),
  };
}
