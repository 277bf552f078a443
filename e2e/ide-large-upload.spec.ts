/**
 * A 100 MB input file uploaded for a file source: the page reads its first lines only, and a run
 * reads it slice by slice (the engine's LineReader over the upload's Blob), so the page's heap never holds the file and the
 * page answers while the job runs.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { downloadedResults, node, openJob } from './ide-helpers';

const RECORDS = 100_000;
const KEYS = 4;
/** Each line is about 1 kB: 100 000 records make a file of about 100 MB. */
const PAD = 'x'.repeat(960);
/** Records are 10 ms apart: a window of 1 s holds 100 records, 25 per key. */
const WINDOWS = (RECORDS * 10) / 1000;

const JOB = {
  format: 'eddy/job@1',
  name: 'Large upload',
  parallelism: 2,
  nodes: [
    { id: 'readings', kind: 'source.file', params: { path: 'readings.jsonl', format: 'jsonl' } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    { id: 'count', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 1000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'readings', to: 'wm' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'count' },
    { from: 'count', to: 'out' },
  ],
};

/** Writes the input file in pieces (never one string of 100 MB in the test either). */
async function writeInput(path: string): Promise<number> {
  const out = createWriteStream(path);
  const batch = 1000;
  for (let from = 0; from < RECORDS; from += batch) {
    let text = '';
    for (let i = from; i < from + batch; i++) text += `{"key":"k${i % KEYS}","ts":${i * 10},"pad":"${PAD}"}\n`;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return statSync(path).size;
}

test('a 100 MB upload runs through a file source read slice by slice: every record counted, the page heap never holding the file, the page answering during the run', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-upload-'));
  try {
    const file = join(dir, 'readings.jsonl');
    const size = await writeInput(file);
    expect(size).toBeGreaterThan(95_000_000);

    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(Math.round(e.duration));
      }).observe({ type: 'longtask', buffered: true });
    });
    await openJob(page, JOB);
    const cdp = await page.context().newCDPSession(page);
    /** The page's live JS heap after a full collection, in bytes (the slot workers' heaps are their own). */
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };

    await node(page, 'readings').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByLabel('Input file').setInputFiles(file);
    await expect(inspector).toContainText(/readings\.jsonl \(\d+ MB\) ready, read as the job runs\./);
    const afterUpload = await heap();
    // The whole file as a string would be 100 MB on this heap by itself.
    expect(afterUpload).toBeLessThan(size / 3);

    await page.getByRole('button', { name: 'Run' }).click();
    const stop = page.getByRole('button', { name: 'Stop' });
    await expect(stop).toBeEnabled();
    // The page answers while the job runs: selecting another node shows it in the inspector.
    await node(page, 'count').click();
    await expect(inspector.getByRole('textbox', { name: 'Id' })).toHaveValue('count');
    await expect(page.getByRole('status', { name: /^Run status: (Finished|Failed|Stopped)/ })).toBeVisible({ timeout: 170_000 });
    await expect(page.getByTestId('slots')).toContainText('Finished');
    expect(await heap()).toBeLessThan(size / 3);

    const lines = await downloadedResults(page);
    expect(lines).toHaveLength(WINDOWS * KEYS);
    for (const line of lines) expect(JSON.parse(line).value.value).toBe(RECORDS / WINDOWS / KEYS);
    const longest = Math.max(0, ...(await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)));
    const figures = `heap after upload ${Math.round(afterUpload / 1e6)} MB; longest main-thread task ${longest} ms`;
    test.info().annotations.push({ type: 'page', description: figures });
    console.log(`large upload: ${figures}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
