/**
 * An input's whole text for the two places that need all of it at once — the lab (its stepping
 * host keeps the trace, inputs included, in memory) and "Export to Flink…" (it infers a file
 * source's columns from every record and writes the file beside the script) — read through the
 * engine's `LineReader` a slice at a time, as a run reads it: the upload is never one ArrayBuffer
 * beside its text, and a character split between slices is decoded whole.
 */
// Not through engine/index: the page's first chunk imports that, and would carry the reader too.
import { blobBytes } from '../../engine/host/byte-source';
import { LineReader } from '../../engine/host/line-reader';
import { type InputFile, headOf } from './input-files';

/** How much one read takes from an upload. */
const SLICE_BYTES = 1 << 20;

/** All of a text, or of an upload read slice by slice (the head when it is the whole file). */
export async function wholeText(file: InputFile, sliceBytes: number = SLICE_BYTES): Promise<string> {
  if (typeof file === 'string' || file.complete) return headOf(file);
  const reader = new LineReader(blobBytes(file.blob), sliceBytes);
  const parts: string[] = [];
  for (let line = 0; ; ) {
    const answer = await reader.read(line);
    parts.push(answer.text);
    if (answer.end) return parts.join('');
    line += countLines(answer.text);
  }
}

/** The lines in an answer that is not the last: each ends with "\n". */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
