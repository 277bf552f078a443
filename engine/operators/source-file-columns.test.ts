import { describe, expect, it } from 'vitest';
import { runJob } from '../run-job.js';

describe('source.file with columns (CSV without a header row)', () => {
  it('reads every row as a record named by columns, the first row included', async () => {
    const r = await runJob(
      {
        format: 'eddy/job@1',
        nodes: [
          { id: 'src', kind: 'source.file', params: { path: 'bid.csv', format: 'csv', columns: ['bidtime', 'price', 'item'] } },
          { id: 'out', kind: 'sink.collect' },
        ],
        edges: [{ from: 'src', to: 'out' }],
      },
      { files: { 'bid.csv': '2020-04-15 08:05:00,4.00,C\n2020-04-15 08:07:00,2.00,A\n' } },
    );
    expect(r.results.map((x) => x.value)).toEqual([
      { bidtime: '2020-04-15 08:05:00', price: 4, item: 'C' },
      { bidtime: '2020-04-15 08:07:00', price: 2, item: 'A' },
    ]);
  });
});
