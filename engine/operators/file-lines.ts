/**
 * The text of a `source.file` input as records, apart from the operator: CSV rows that span lines
 * (a quoted field left open), the CSV header, UTF-8 byte lengths of lines (a streamed file's
 * offsets), and `fileRecords` — a whole file's records for readers outside a run (the exporters).
 */
import { csvValue, opensQuote, parseCsvRow } from './csv.js';
import { timestampFieldReader } from './watermarks.js';

/** What goes to side output `"errors"` for a line that could not become a record. */
export interface FileSourceError {
  /** 1-based line number (of the first line, for a CSV row spanning several). */
  line: number;
  reason: string;
  /** The raw text of the line (or lines). */
  text: string;
}

/** A CSV input's header: where data rows start, the column names, or why it is malformed. */
export interface Header {
  /** Line index where the first data row may start. */
  end: number;
  names: string[] | null;
  error: FileSourceError | null;
}

/** The bytes of `text` in UTF-8 (a surrogate pair is 4, a lone surrogate 3 as the encoder writes U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The logical CSV row starting at line `start`: a quoted field left open continues on the
 * following lines until a line closes it. Only a clean result (it parses, with `fieldCount`
 * fields when given) may span lines; otherwise the first line alone is the malformed row, so a
 * stray quote cannot swallow the good rows after it.
 */
export function readRow(
  lines: string[],
  start: number,
  fieldCount?: number,
): { row: ReturnType<typeof parseCsvRow>; text: string; next: number } {
  const first = parseCsvRow(lines[start]!);
  const alone = { row: first, text: lines[start]!, next: start + 1 };
  if (first.ok || !first.open) return alone;
  let open = true;
  let end = start + 1;
  while (open && end < lines.length) {
    if (opensQuote(lines[end]!)) open = false;
    end++;
  }
  if (open) return alone;
  const text = lines.slice(start, end).join('\n');
  const row = parseCsvRow(text);
  if (!row.ok || (fieldCount !== undefined && row.fields.length !== fieldCount)) return alone;
  return { row, text, next: end };
}

/** Whether the CSV row starting at `start` is whole in `lines` (a quoted field it opens is closed in them). */
export function rowIsWhole(lines: string[], start: number): boolean {
  const first = parseCsvRow(lines[start]!);
  if (first.ok || !first.open) return true;
  for (let end = start + 1; end < lines.length; end++) if (opensQuote(lines[end]!)) return true;
  return false;
}

/** The CSV header: its row after any blank lines, or the error it is. */
export function readHeader(lines: string[]): Header {
  let start = 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  if (start >= lines.length) return { end: start, names: null, error: null };
  const { row, text, next } = readRow(lines, start);
  if (!row.ok) return { end: next, names: null, error: { line: start + 1, reason: `header: ${row.reason}`, text } };
  return { end: next, names: row.fields, error: null };
}

/**
 * The records a file source with these params emits from `text`, malformed lines left out, and
 * the index of the first line after a CSV header (0 for JSON lines and for `columns`). For readers
 * of the data outside a run (the Flink SQL export infers its columns from them).
 */
export function fileRecords(text: string, format: 'jsonl' | 'csv', columns?: readonly string[], timestampField?: string): { records: unknown[]; dataStart: number } {
  const timestampOf = timestampField === undefined ? null : timestampFieldReader(timestampField);
  const records: unknown[] = [];
  const push = (r: unknown) => {
    try {
      timestampOf?.(r);
      records.push(r);
    } catch {
      // No numeric timestamp: the line goes to "errors".
    }
  };
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const header: Header | null = format === 'csv' ? (columns ? { end: 0, names: [...columns], error: null } : readHeader(lines)) : null;
  for (let i = header?.end ?? 0; i < lines.length; ) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    if (header === null) {
      let r: unknown;
      try {
        r = JSON.parse(lines[i]!);
      } catch {
        i++;
        continue;
      }
      push(r);
      i++;
      continue;
    }
    const names = header.names;
    const { row, next } = readRow(lines, i, names?.length);
    i = next;
    if (!row.ok || !names || row.fields.length !== names.length) continue;
    const record: Record<string, string | number> = {};
    for (let k = 0; k < names.length; k++) record[names[k]!] = csvValue(row.fields[k]!, row.quoted[k]!);
    push(record);
  }
  return { records, dataStart: header?.end ?? 0 };
}
