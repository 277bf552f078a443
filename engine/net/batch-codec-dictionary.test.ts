import { describe, expect, it } from 'vitest';
import { BatchDecoder, BatchEncoder, BatchFormatError, decodeBatch } from './batch-codec.js';
import { DICTIONARY, DICTIONARY_MAX_ENTRIES, DICTIONARY_MAX_UNITS, DICTIONARY_RESET, H } from './batch-codec-format.js';

/** One channel's two ends: every batch encoded is decoded, in order. */
function channel() {
  const encoder = new BatchEncoder({ dictionary: true });
  const decoder = new BatchDecoder();
  let target: ArrayBuffer | undefined;
  const send = (values: unknown[], kinds?: Uint8Array) => {
    const ts = Float64Array.from(values, (_, i) => i);
    const enc = encoder.encode(values, ts, values.length, target, kinds);
    target = enc.buffer;
    const mode = new Uint32Array(enc.buffer, 0, 8)[H.mode]!;
    const bytes = enc.byteLength;
    return { ...decoder.decode(enc.buffer, enc.byteLength), mode, bytes };
  };
  return { encoder, decoder, send };
}

const records = (keys: string[], from = 0) => keys.map((key, i) => ({ key, value: from + i }));
const keyNames = (n: number, prefix = 'key-') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('BatchEncoder / BatchDecoder with a channel string dictionary', () => {
  it('decodes a key seen in an earlier batch to the same string object, and sends it as an id', () => {
    const { encoder, decoder, send } = channel();
    const keys = keyNames(100);
    const first = send(records(keys));
    // Freshly built strings: equal text, different objects from the first batch's.
    const second = send(records(keyNames(100), 100));
    expect(second.values).toEqual(records(keys, 100));
    for (let i = 0; i < 100; i++) {
      expect((second.values[i] as { key: string }).key).toBe((first.values[i] as { key: string }).key);
    }
    // The second batch carries no key text: 100 ids instead of ~600 bytes of UTF-8.
    expect(second.bytes).toBeLessThan(first.bytes);
    expect(first.mode & DICTIONARY).toBe(DICTIONARY);
    // The field names "key" and "value" are in it too.
    expect(decoder.dictionarySize).toBe(102);
    expect(encoder.dictionarySize).toBe(102);
  });

  it('keeps identity through every mode that has strings: all-string batches, columns with nulls, row kinds', () => {
    const { send } = channel();
    const a = send(['x', 'y', 'x']);
    expect(a.values).toEqual(['x', 'y', 'x']);
    const b = send([{ s: 'y', n: 1 }, { s: null, n: 2 }], new Uint8Array([1, 2]));
    expect(b.values).toEqual([{ s: 'y', n: 1 }, { s: null, n: 2 }]);
    expect(Array.from(b.kinds!)).toEqual([1, 2]);
    expect((b.values[0] as { s: string }).s).toBe(a.values[1]);
    // A JSON batch (irregular records) neither uses nor changes the dictionary.
    const c = send([{ s: 'x' }, 'x', 3]);
    expect(c.values).toEqual([{ s: 'x' }, 'x', 3]);
    expect(c.mode & DICTIONARY).toBe(0);
    expect(send(['y', 'x']).values).toEqual(['y', 'x']);
  });

  it('sends long strings as text without adding them, and stops adding when the dictionary is full', () => {
    const { encoder, decoder, send } = channel();
    const long = 'l'.repeat(DICTIONARY_MAX_UNITS + 1);
    const edge = 'e'.repeat(DICTIONARY_MAX_UNITS);
    send([long, edge]);
    expect(decoder.dictionarySize).toBe(1);
    const again = send([`${'l'.repeat(DICTIONARY_MAX_UNITS)}l`, edge]);
    expect(again.values).toEqual([long, edge]);
    // Fill it up across batches; the strings beyond the limit still round-trip, as text.
    const many = keyNames(DICTIONARY_MAX_ENTRIES + 500, 'k');
    for (let i = 0; i < many.length; i += 1024) {
      const part = many.slice(i, i + 1024);
      expect(send(part).values).toEqual(part);
    }
    expect(encoder.dictionarySize).toBe(DICTIONARY_MAX_ENTRIES);
    expect(decoder.dictionarySize).toBe(DICTIONARY_MAX_ENTRIES);
    const tail = many.slice(-10);
    expect(send(tail).values).toEqual(tail);
    const head = many.slice(0, 10);
    expect(send(head).values).toEqual(head);
  });

  it('resets both ends when the encoder forgets its strings (more than 65 536 distinct), and goes on decoding', () => {
    const { encoder, decoder, send } = channel();
    const common = send(['common']).values[0];
    let sawReset = false;
    for (let b = 0; b < 5; b++) {
      const part = keyNames(20_000, `b${b}-`);
      const out = send([...part, 'common']);
      expect(out.values).toEqual([...part, 'common']);
      if ((out.mode & DICTIONARY_RESET) !== 0) {
        sawReset = true;
        // After the reset the text is sent again and decodes to a new string object.
        expect(decoder.dictionarySize).toBeLessThanOrEqual(encoder.dictionarySize);
      }
    }
    expect(sawReset).toBe(true);
    const last = send(['common', 'b4-5']);
    expect(last.values).toEqual(['common', 'b4-5']);
    expect(decoder.dictionarySize).toBe(encoder.dictionarySize);
    expect(common).toBe('common');
  });

  it('does not add the strings of a batch that falls back to JSON (a lone surrogate)', () => {
    const { decoder, send } = channel();
    const out = send(['fresh', '\uD800']);
    expect(out.values).toEqual(['fresh', '\uD800']);
    expect(decoder.dictionarySize).toBe(0);
    // Had 'fresh' been counted as sent, this batch would refer to an id the decoder never got.
    expect(send(['fresh', 'other']).values).toEqual(['fresh', 'other']);
    expect(decoder.dictionarySize).toBe(2);
  });

  it('refuses a batch that refers to a dictionary it does not have (another channel, or before a restart)', () => {
    const { send } = channel();
    const encoder = new BatchEncoder({ dictionary: true });
    const enc1 = encoder.encode(['a', 'b'], new Float64Array(2), 2);
    new BatchDecoder().decode(enc1.buffer, enc1.byteLength);
    const enc2 = encoder.encode(['a', 'b'], new Float64Array(2), 2);
    // A fresh decoder (a restarted receiver) must not guess what ids 0 and 1 were.
    expect(() => new BatchDecoder().decode(enc2.buffer, enc2.byteLength)).toThrow(/dictionary id 0 out of range/);
    expect(() => decodeBatch(enc2.buffer, enc2.byteLength)).toThrow(BatchFormatError);
    expect(() => decodeBatch(enc2.buffer, enc2.byteLength)).toThrow(/BatchDecoder/);
    expect(send(['a']).values).toEqual(['a']);
  });

  it('leaves batches of an encoder without a dictionary decodable on their own', () => {
    const encoder = new BatchEncoder();
    for (let i = 0; i < 3; i++) {
      const enc = encoder.encode([{ key: 'a' }, { key: 'b' }], new Float64Array(2), 2);
      expect(new Uint32Array(enc.buffer, 0, 8)[H.mode]! & (DICTIONARY | DICTIONARY_RESET)).toBe(0);
      expect(decodeBatch(enc.buffer, enc.byteLength).values).toEqual([{ key: 'a' }, { key: 'b' }]);
    }
  });
});
