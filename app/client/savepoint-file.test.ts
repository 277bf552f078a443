import { describe, expect, it } from 'vitest';
import { readSavepointFile } from './engine-client';

const metadata = { id: 7, kind: 'savepoint', jobName: 'Counts', triggeredAt: 1, completedAt: 2, parallelism: { src: 2, out: 2 }, size: 0, tasks: [] as string[] };

describe('reading an imported savepoint file', () => {
  it('reads the metadata of an eddy/savepoint@1 file', () => {
    const read = readSavepointFile(JSON.stringify({ format: 'eddy/savepoint@1', metadata, blobs: [] }));
    expect(read).toMatchObject({ id: 7, kind: 'savepoint', jobName: 'Counts', parallelism: { src: 2, out: 2 } });
    expect(read.state).toEqual({ id: 7, byNode: {}, parallelism: { src: 2, out: 2 } });
  });

  it('says why a file is not a savepoint', () => {
    expect(() => readSavepointFile('{ nope')).toThrow(/^not a savepoint file: /);
    expect(() => readSavepointFile(JSON.stringify({ format: 'eddy/job@1', nodes: [] }))).toThrow('not a savepoint file (expected "format": "eddy/savepoint@1")');
    expect(() => readSavepointFile(JSON.stringify({ format: 'eddy/savepoint@1', metadata: { id: 1 }, blobs: [] }))).toThrow(/lacks its id, tasks or parallelism/);
  });

  it('refuses a file whose state is missing or fails its checksum', () => {
    const tasks = ['src#0'];
    expect(() => readSavepointFile(JSON.stringify({ format: 'eddy/savepoint@1', metadata: { ...metadata, tasks }, blobs: [] }))).toThrow(/the state of src#0 is missing/);
    const blobs = [{ task: 'src#0', crc32: 12345, data: 'AAAA' }];
    expect(() => readSavepointFile(JSON.stringify({ format: 'eddy/savepoint@1', metadata: { ...metadata, tasks }, blobs }))).toThrow(/the state of src#0 fails its checksum/);
  });
});
