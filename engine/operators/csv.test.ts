import { describe, expect, it } from 'vitest';
import { csvValue, opensQuote, parseCsvRow } from './csv.js';

function fields(text: string): string[] {
  const r = parseCsvRow(text);
  if (!r.ok) throw new Error(r.reason);
  return r.fields;
}

describe('parseCsvRow', () => {
  it('splits plain fields on commas, keeping empty ones', () => {
    expect(fields('a,b,c')).toEqual(['a', 'b', 'c']);
    expect(fields('a,,c')).toEqual(['a', '', 'c']);
    expect(fields('a,b,')).toEqual(['a', 'b', '']);
    expect(fields('')).toEqual(['']);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('"a,b","say ""hi""",c')).toEqual(['a,b', 'say "hi"', 'c']);
    expect(fields('"two\nlines",x')).toEqual(['two\nlines', 'x']);
    expect(fields('"",""')).toEqual(['', '']);
  });

  it('marks which fields were quoted', () => {
    const r = parseCsvRow('"1",1');
    expect(r.ok && r.quoted).toEqual([true, false]);
  });

  it('reports a quote inside an unquoted field with its column', () => {
    expect(parseCsvRow('ab"c,d')).toEqual({ ok: false, reason: 'quote inside an unquoted field at column 3', open: false });
  });

  it('reports text after a closing quote', () => {
    const r = parseCsvRow('"ab"c,d');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('unexpected character after the closing quote at column 5');
  });

  it('reports an unclosed quote as open', () => {
    const r = parseCsvRow('1,"abc');
    expect(r).toEqual({ ok: false, reason: 'quoted field opened at column 3 is never closed', open: true });
  });
});

describe('csvValue', () => {
  it('turns unquoted numeric-looking fields into numbers', () => {
    expect(csvValue('42', false)).toBe(42);
    expect(csvValue('-1.5e3', false)).toBe(-1500);
    expect(csvValue('0', false)).toBe(0);
  });

  it('keeps quoted fields, leading zeros and other text as strings', () => {
    expect(csvValue('42', true)).toBe('42');
    expect(csvValue('007', false)).toBe('007');
    expect(csvValue('1.', false)).toBe('1.');
    expect(csvValue('', false)).toBe('');
    expect(csvValue('abc', false)).toBe('abc');
    expect(csvValue('1e999', false)).toBe('1e999');
  });
});

describe('opensQuote', () => {
  it('is true for an odd number of quotes', () => {
    expect(opensQuote('a,"b')).toBe(true);
    expect(opensQuote('a,"b""c",d')).toBe(false);
  });
});
