/**
 * Input files of file sources in the browser. A fetched example file is its text; a file the
 * user uploads is kept as the file itself and read slice by slice while a job runs
 * (the engine's `LineReader`), never whole on the page: a 200 MB upload costs the page its first lines only.
 */

/** A file the user picked: the file itself, and its first lines for what the editor shows and types. */
export interface UploadedFile {
  readonly name: string;
  readonly blob: Blob;
  /** Its first whole lines (up to `HEAD_BYTES`); the whole text when `complete`. */
  readonly head: string;
  /** `head` is the whole file. */
  readonly complete: boolean;
}

/** A file source's input: a text (examples, lessons, tests) or an upload. */
export type InputFile = string | UploadedFile;

/** How much of an upload is read at once: enough lines for the record types of the code editor. */
export const HEAD_BYTES = 1 << 16;

/** Reads an upload's first lines only (the whole of a small file). */
export async function readUpload(file: File, headBytes: number = HEAD_BYTES): Promise<UploadedFile> {
  const complete = file.size <= headBytes;
  const bytes = new Uint8Array(await file.slice(0, complete ? file.size : headBytes).arrayBuffer());
  // A cut head keeps whole lines only: a character split at the cut would decode as garbage.
  const end = complete ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
  return { name: file.name, blob: file, head: new TextDecoder('utf-8').decode(bytes.subarray(0, end)), complete };
}

/** The text the editor may look at: all of a text, the first lines of an upload. */
export function headOf(file: InputFile): string {
  return typeof file === 'string' ? file : file.head;
}

/** The input as a Blob, for reading slice by slice. */
export function blobOf(file: InputFile): Blob {
  return typeof file === 'string' ? new Blob([file]) : file.blob;
}

/** What the inspector says of a ready input: its line count, or its size when only its head was read. */
export function inputReady(file: InputFile): string {
  if (typeof file !== 'string' && !file.complete) return `${file.name} (${bytesText(file.blob.size)}) ready, read as the job runs`;
  return `${headOf(file).split('\n').filter(Boolean).length} lines ready`;
}

/** A byte count in words: 1.5 MB, 200 MB, 12 kB. */
export function bytesText(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}
