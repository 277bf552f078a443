/**
 * The I/O of a run in the browser: records reach the page as `MemoryIO` collects them, and file
 * sources read their inputs as a stream (`OperatorIO.readLines`), slice by slice from the upload
 * (the engine's `LineReader` over the Blob), so no input — a 200 MB upload included — is ever one string on the page or in
 * a slot. Only subtask 0 of a file source reads: one reader per source node.
 */
import { type CollectedRecord, MemoryIO, type StreamedLines } from '../../engine/index';
// Not through engine/index: the page's first chunk imports that, and would carry the reader too.
import { blobBytes } from '../../engine/host/byte-source';
import { LineReader } from '../../engine/host/line-reader';
import { type InputFile, blobOf } from './input-files';

/** The bytes one read takes from an upload: few round trips to the slot, little held at once. */
export const BLOB_SLICE_BYTES = 1 << 20;

export class StreamedInputIO extends MemoryIO {
  readonly streamsFiles = true;
  private readonly readers = new Map<string, LineReader>();

  /**
   * @param inputs file sources' inputs by node id or path, as the store keeps them
   * @param sliceBytes how much one answer reads (tests make it small)
   */
  constructor(
    private readonly inputs: Readonly<Record<string, InputFile>>,
    onCollect: (record: CollectedRecord, subtaskIndex: number) => void,
    fetchOptions: { readonly fetchBase?: string },
    private readonly sliceBytes?: number,
  ) {
    // Texts stay readable whole too, for `ctx.fetch` of a relative URL when there is no fetch base.
    super(Object.fromEntries(Object.entries(inputs).filter((e): e is [string, string] => typeof e[1] === 'string')), onCollect, fetchOptions);
  }

  /** `fromByte` (from the source's checkpoint) is where line `fromLine` starts: a restore seeks there. */
  readLines(nodeId: string, fromLine: number, path?: string, fromByte?: number): Promise<StreamedLines> {
    let reader = this.readers.get(nodeId);
    if (reader === undefined) {
      const input = this.inputs[nodeId] ?? (path !== undefined ? this.inputs[path] : undefined);
      if (input === undefined) return Promise.reject(new Error(path ? `no such input file: ${path}` : 'no input file was given for this source'));
      reader = new LineReader(blobBytes(blobOf(input)), this.sliceBytes ?? BLOB_SLICE_BYTES);
      this.readers.set(nodeId, reader);
    }
    return reader.read(fromLine, fromByte);
  }
}
