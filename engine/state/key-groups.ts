/**
 * Keys, key groups and their assignment to subtasks — Flink's KeyGroupRangeAssignment.
 *
 * A key is any JSON value. Its identity inside a subtask is `keyId(key)`: strings and
 * numbers stand for themselves (so `1` and `"1"` stay different keys, as in Flink), anything
 * else becomes canonical JSON. A key's group is a murmur3 hash of a stable text form, so it is
 * the same on every host and every run.
 */

/** A primitive that identifies a key in Maps. */
export type KeyId = string | number;

const OBJECT_PREFIX = '\u0000';

export function keyId(key: unknown): KeyId {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return key;
  return OBJECT_PREFIX + canonicalJson(key);
}

/** Inverse of `keyId`. */
export function keyFromId(id: KeyId): unknown {
  if (typeof id === 'number') return id;
  if (id.length > 0 && id.charCodeAt(0) === 0) return JSON.parse(id.slice(1));
  return id;
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value as object).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    parts.push(JSON.stringify(k) + ':' + canonicalJson(v));
  }
  return '{' + parts.join(',') + '}';
}

/** murmur3 (32-bit) over the UTF-16 code units of a string. */
export function murmur3(text: string, seed = 0): number {
  let h = seed | 0;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = mixBlock(h, (text.charCodeAt(i) & 0xffff) | ((text.charCodeAt(i + 1) & 0xffff) << 16));
  if (i < n) h ^= mixK(text.charCodeAt(i) & 0xffff);
  h ^= n * 2;
  return fmix32(h);
}

/**
 * `murmur3(String.fromCharCode(prefix) + text.slice(from))` without building that string: key
 * groups hash a one-letter type tag before the key's text, once per record on keyed edges.
 */
function murmur3Tagged(prefix: number, text: string, from: number): number {
  const n = text.length - from + 1;
  let h = 0;
  let i = from;
  if (n >= 2) {
    h = mixBlock(h, prefix | ((text.charCodeAt(i) & 0xffff) << 16));
    i++;
    for (; i + 1 < text.length; i += 2) h = mixBlock(h, (text.charCodeAt(i) & 0xffff) | ((text.charCodeAt(i + 1) & 0xffff) << 16));
    if (i < text.length) h ^= mixK(text.charCodeAt(i) & 0xffff);
  } else {
    h ^= mixK(prefix);
  }
  h ^= n * 2;
  return fmix32(h);
}

function mixK(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixBlock(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3's finaliser: spreads every input bit over the whole 32-bit result. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TAG_STRING = 0x73; // 's'
const TAG_NUMBER = 0x6e; // 'n'
const TAG_JSON = 0x6a; // 'j'

/**
 * The key group (0 … maxParallelism−1) a key belongs to: murmur3 of a type tag and the key's
 * text ('s' + string, 'n' + String(number), 'j' + canonical JSON), modulo maxParallelism.
 * Snapshots are grouped by it, so it must never change for a key.
 */
export function keyGroupOf(key: unknown, maxParallelism: number): number {
  if (typeof key === 'string') return murmur3Tagged(TAG_STRING, key, 0) % maxParallelism;
  if (typeof key === 'number') return murmur3Tagged(TAG_NUMBER, String(key), 0) % maxParallelism;
  return murmur3Tagged(TAG_JSON, canonicalJson(key), 0) % maxParallelism;
}

/** Same, from a key id (avoids re-serialising object keys). */
export function keyGroupOfId(id: KeyId, maxParallelism: number): number {
  if (typeof id === 'number') return murmur3Tagged(TAG_NUMBER, String(id), 0) % maxParallelism;
  if (id.length > 0 && id.charCodeAt(0) === 0) return murmur3Tagged(TAG_JSON, id, 1) % maxParallelism;
  return murmur3Tagged(TAG_STRING, id, 0) % maxParallelism;
}

/** The subtask that owns a key group (Flink: keyGroup * parallelism / maxParallelism). */
export function subtaskForKeyGroup(keyGroup: number, maxParallelism: number, parallelism: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** An inclusive range of key groups. */
export interface KeyGroupRange {
  readonly start: number;
  readonly end: number;
}

/** The key groups owned by subtask `index` of `parallelism` (Flink's computeKeyGroupRangeForOperatorIndex). */
export function keyGroupRangeFor(index: number, parallelism: number, maxParallelism: number): KeyGroupRange {
  const start = Math.floor((index * maxParallelism + parallelism - 1) / parallelism);
  const end = Math.floor(((index + 1) * maxParallelism - 1) / parallelism);
  return { start, end };
}

export function inRange(range: KeyGroupRange, keyGroup: number): boolean {
  return keyGroup >= range.start && keyGroup <= range.end;
}
