/**
 * A small CSV reader for `source.file` (RFC 4180): fields separated by commas, optionally in
 * double quotes; inside quotes `""` is a quote and commas and line breaks are data.
 */

/** A parsed row, or why it is malformed. `open` = it ended inside a quoted field. */
export type CsvRow =
  | { ok: true; fields: string[]; quoted: boolean[] }
  | { ok: false; reason: string; open: boolean };

/**
 * Parses one logical row (`text` without its final line break; it may contain line breaks inside
 * quotes). Invariant: a well-formed row gives its fields with quotes removed and `""` unescaped;
 * anything else — a quote inside an unquoted field, text after a closing quote, an unclosed
 * quote — is reported with a message naming the 1-based column.
 */
export function parseCsvRow(text: string): CsvRow {
  const fields: string[] = [];
  const quoted: boolean[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      const opening = i;
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { ok: false, reason: `quoted field opened at column ${opening + 1} is never closed`, open: true };
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      quoted.push(true);
      if (i < n && text.charCodeAt(i) !== 44 /* , */) {
        return { ok: false, reason: `unexpected character after the closing quote at column ${i + 1}`, open: false };
      }
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const value = text.slice(i, end);
      const stray = value.indexOf('"');
      if (stray >= 0) return { ok: false, reason: `quote inside an unquoted field at column ${i + stray + 1}`, open: false };
      fields.push(value);
      quoted.push(false);
      i = end;
    }
    if (i >= n) return { ok: true, fields, quoted };
    i++; // past the comma; a trailing comma leaves one empty field
    if (i === n) {
      fields.push('');
      quoted.push(false);
      return { ok: true, fields, quoted };
    }
  }
}

const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A field's value: an unquoted field that reads as a JSON-style number becomes that number
 * (so `007` and `1.` stay text); quoted fields and everything else stay strings.
 */
export function csvValue(field: string, quoted: boolean): string | number {
  if (quoted || !NUMERIC.test(field)) return field;
  const n = Number(field);
  return Number.isFinite(n) ? n : field;
}

/** Whether a physical line leaves a quoted field open (an odd number of quote characters). */
export function opensQuote(line: string): boolean {
  let count = 0;
  for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) count++;
  return (count & 1) === 1;
}
