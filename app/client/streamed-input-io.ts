/**
 * The I/O of a run in the browser: records reach the page as `MemoryIO` collects them, and file
 * sources read their inputs as a stream (`OperatorIO.readLines`), slice by slice from the upload
 * (`blob-lines`), so no input — a 200 MB upload included — is ever one string on the page or in
 * a slot. Only subtask 0 of a file source reads: one reader per source node.
 */
import { type CollectedRecord, MemoryIO, type StreamedLines } from '../../engine/index';
import { BlobLines } from './blob-lines';
import { type InputFile, blobOf } from './input-files';

export class StreamedInputIO extends MemoryIO {
  readonly streamsFiles = true;
  private readonly readers = new Map<string, BlobLines>();

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

  /** A property, not a method: hosts call it unbound (`const read = io.readLines`). */
  readonly readLines = (nodeId: string, fromLine: number, path?: string): Promise<StreamedLines> => {
    let reader = this.readers.get(nodeId);
    if (reader === undefined) {
      const input = this.inputs[nodeId] ?? (path !== undefined ? this.inputs[path] : undefined);
      if (input === undefined) return Promise.reject(new Error(path ? `no such input file: ${path}` : 'no input file was given for this source'));
      reader = new BlobLines(blobOf(input), this.sliceBytes);
      this.readers.set(nodeId, reader);
    }
    return reader.read(fromLine);
  };
}
