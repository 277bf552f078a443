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
  for (; i + 1 < n; i += 2) {
    let k = (text.charCodeAt(i) & 0xffff) | ((text.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = text.charCodeAt(i) & 0xffff;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n * 2;
  return fmix32(h);
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

/** The key group (0 … maxParallelism−1) a key belongs to. */
export function keyGroupOf(key: unknown, maxParallelism: number): number {
  const text = typeof key === 'string' ? 's' + key : typeof key === 'number' ? 'n' + String(key) : 'j' + canonicalJson(key);
  return murmur3(text) % maxParallelism;
}

/** Same, from a key id (avoids re-serialising object keys). */
export function keyGroupOfId(id: KeyId, maxParallelism: number): number {
  if (typeof id === 'number') return murmur3('n' + String(id)) % maxParallelism;
  if (id.length > 0 && id.charCodeAt(0) === 0) return murmur3('j' + id.slice(1)) % maxParallelism;
  return murmur3('s' + id) % maxParallelism;
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
