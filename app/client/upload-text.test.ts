import { describe, expect, it } from 'vitest';
import { readUpload } from './input-files';
import { wholeText } from './upload-text';

/** An upload that may only be read by slices of at most `most` bytes: reading it whole throws. */
class SlicedOnly extends Blob {
  largest = 0;
  constructor(
    parts: BlobPart[],
    private readonly most: number,
  ) {
    super(parts);
  }
  override slice(start?: number, end?: number): Blob {
    const length = (end ?? this.size) - (start ?? 0);
    this.largest = Math.max(this.largest, length);
    if (length > this.most) throw new Error(`a slice of ${length} bytes`);
    return super.slice(start, end);
  }
  override text(): Promise<string> {
    throw new Error('read whole');
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error('read whole');
  }
}

describe('the whole text of an upload, for the lab and the Flink export', () => {
  it('is read slice by slice, characters split between slices decoded whole, CRLF and a last line without newline kept', async () => {
    const content = Array.from({ length: 400 }, (_, i) => `{"i":${i},"s":"wörld ${'€'.repeat(i % 3)} 𝄞"}${i % 4 === 0 ? '\r' : ''}`).join('\n');
    const blob = new SlicedOnly([content], 64);
    const upload = { ...(await readUpload(new File([content], 'in.jsonl'), 256)), blob };
    expect(upload.complete).toBe(false);
    for (const slice of [7, 13, 64]) expect(await wholeText(upload, slice), `slice ${slice}`).toBe(content);
    expect(blob.largest).toBeLessThanOrEqual(64);
  });

  it('is the text itself for a text input or an upload read whole as its head', async () => {
    expect(await wholeText('a\nb')).toBe('a\nb');
    expect(await wholeText(await readUpload(new File(['x\ny\n'], 'small.jsonl')))).toBe('x\ny\n');
  });
});
