/** Reading records for `--input` into a collection source: JSON lines, or one JSON array. */
export function parseJsonLinesOrArray(text: string, name: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const v = JSON.parse(trimmed);
    if (Array.isArray(v)) return v;
  }
  const records: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (e) {
      throw new Error(`${name}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
  }
  return records;
}
