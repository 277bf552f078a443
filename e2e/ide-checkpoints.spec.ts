import { readFile } from 'node:fs/promises';
import { type Page, expect, test } from '@playwright/test';
import { downloadedResults, generatedCountsJob, openJob, menuCommand } from './ide-helpers';

/** About 5 s of events, counted per key in tumbling 1 s windows, with checkpoints every 400 ms. */
const CHECKPOINTED = generatedCountsJob(
  'Checkpointed counts',
  { count: 1000, ratePerSec: 100, seed: 3, keys: 5, stepMs: 20 },
  { checkpointing: { intervalMs: 400, mode: 'exactly-once', retained: 3 }, restart: { strategy: 'fixed-delay', attempts: 3, delayMs: 200 } },
);

/**
 * A keyed job with process-function state and timers before a window: per key, records are
 * counted in 1 s buckets (map state), an event-time timer emits and clears each bucket, and
 * a tumbling 2 s window sums the counts. About 7 s at parallelism 2, checkpoints every 400 ms.
 */
const STATEFUL = {
  format: 'eddy/job@1',
  name: 'Stateful counts',
  parallelism: 2,
  checkpointing: { intervalMs: 400, mode: 'exactly-once', retained: 3 },
  restart: { strategy: 'fixed-delay', attempts: 10, delayMs: 200 },
  nodes: [
    { id: 'gen', kind: 'source.datagen', params: { count: 700, ratePerSec: 100, seed: 5, keys: 5, stepMs: 20, startTs: 0 } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0, intervalMs: 0 } },
    { id: 'by-key', kind: 'keyBy', params: { field: 'key' } },
    {
      id: 'buckets',
      kind: 'process',
      params: {
        code: `({
  onElement(r, ctx, out) {
    const bucket = Math.floor(r.ts / 1000) * 1000;
    const counts = ctx.state.map('counts');
    counts.put(bucket, (counts.get(bucket) ?? 0) + 1);
    ctx.timers.registerEventTime(bucket + 999);
  },
  onTimer(ts, ctx, out) {
    const counts = ctx.state.map('counts');
    out.collect({ key: ctx.key, bucket: ts - 999, seen: counts.get(ts - 999) });
    counts.remove(ts - 999);
  },
})`,
      },
    },
    { id: 'by-key-2', kind: 'keyBy', params: { field: 'key' } },
    { id: 'sum', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 2000 }, function: { type: 'aggregate', fn: 'sum', field: 'seen' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'gen', to: 'wm' },
    { from: 'wm', to: 'by-key' },
    { from: 'by-key', to: 'buckets' },
    { from: 'buckets', to: 'by-key-2' },
    { from: 'by-key-2', to: 'sum' },
    { from: 'sum', to: 'out' },
  ],
};

async function waitFinished(page: Page) {
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 45_000 });
}

/** Runs the job undisturbed and returns its results (sorted JSON lines). */
async function undisturbedResults(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Run' }).click();
  await waitFinished(page);
  return downloadedResults(page);
}

/** Waits until the Checkpoints tab lists at least `n` completed checkpoints. */
async function completedCheckpoints(page: Page, n: number) {
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const table = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(async () => expect(await table.getByRole('cell', { name: 'completed', exact: true }).count()).toBeGreaterThanOrEqual(n)).toPass({ timeout: 30_000 });
  return table;
}

test('a checkpointed job lists its completed checkpoints with duration, size, alignment and trigger time', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  await page.getByRole('button', { name: 'Run' }).click();
  const table = await completedCheckpoints(page, 2);
  await expect(table.getByRole('columnheader')).toHaveText(['ID', 'Kind', 'Status', 'Triggered', 'Duration', 'Size', 'Alignment']);
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'completed', exact: true }) }).first();
  await expect(row).toContainText(/\d+(\.\d+)? (ms|s)/);
  await expect(row).toContainText(/\d+(\.\d)? (B|KB|MB)/);
  await expect(row).toContainText(/\d\d:\d\d:\d\d/);
  // Alignment: the longest over the subtasks, each subtask's in the cell's tooltip.
  await expect(row.getByRole('cell').nth(6)).toHaveText(/\d+(\.\d+)? (ms|s)/);
  await expect(row.getByRole('cell').nth(6)).toHaveAttribute('title', /#0: \d/);

  // "Take savepoint" downloads an eddy/savepoint@1 file, listed as a savepoint.
  const [download] = await Promise.all([page.waitForEvent('download'), (await menuCommand(page, 'Take savepoint')).click()]);
  expect(download.suggestedFilename()).toMatch(/^checkpointed-counts-savepoint-\d+\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(file.format).toBe('eddy/savepoint@1');
  expect(file.metadata.kind).toBe('savepoint');
  expect(file.blobs.length).toBeGreaterThan(0);
  await expect(table.getByRole('cell', { name: 'savepoint', exact: true })).toBeVisible();
  await waitFinished(page);
  await expect((await menuCommand(page, 'Take savepoint'))).toBeDisabled();
});

for (const unaligned of [false, true]) {
  test(`"Kill a slot" makes the job restart from its ${unaligned ? 'unaligned' : 'aligned'} checkpoint, and the results stay exactly once`, async ({ page }) => {
    await openJob(page, { ...CHECKPOINTED, checkpointing: { intervalMs: 400, mode: 'exactly-once', retained: 3, unaligned } });
    const expected = await undisturbedResults(page);
    expect(expected.length).toBeGreaterThan(20);

    await expect((await menuCommand(page, 'Kill a slot'))).toBeDisabled();
    await page.getByRole('button', { name: 'Run' }).click();
    await completedCheckpoints(page, 2);
    await (await menuCommand(page, 'Kill a slot')).click();
    await expect(page.getByTestId('checkpoint-summary')).toContainText('1 restart', { timeout: 30_000 });
    await waitFinished(page);
    // "restarting…" is in the status line only until the restarted job reports: its last word stays.
    await expect(page.getByTestId('status-line')).toHaveText('Finished after 1 restart');
    expect(await downloadedResults(page)).toEqual(expected);
  });
}

/** Completed checkpoints the Checkpoints tab lists now. */
async function completedCount(page: Page): Promise<number> {
  return page.getByRole('table', { name: 'Checkpoint history' }).getByRole('cell', { name: 'completed', exact: true }).count();
}

test('a keyed job with process state, timers and a window survives two slot kills with exactly the undisturbed results', async ({ page }) => {
  await openJob(page, STATEFUL);
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  const expected = await undisturbedResults(page);
  expect(expected.length).toBeGreaterThan(20);

  await page.getByRole('button', { name: 'Run' }).click();
  const summary = page.getByTestId('checkpoint-summary');
  for (const [kill, restarts] of [
    [1, '1 restart'],
    [2, '2 restarts'],
  ] as const) {
    // Each kill comes after checkpoints completed since the last restart.
    await completedCheckpoints(page, kill === 1 ? 2 : (await completedCount(page)) + 2);
    await (await menuCommand(page, 'Kill a slot')).click();
    await expect(summary).toContainText(restarts, { timeout: 30_000 });
  }
  await waitFinished(page);
  await expect(page.getByTestId('slots')).toContainText('Finished');
  expect(await downloadedResults(page)).toEqual(expected);
});

test('a corrupted checkpoint is reported and the job restarts from the one before it, losing no result', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  const expected = await undisturbedResults(page);

  await page.getByRole('button', { name: 'Run' }).click();
  await completedCheckpoints(page, 3);
  // In the page: wait for the next checkpoint to be stored, flip bytes of one of its state
  // blobs in IndexedDB, and kill a slot at once (before another checkpoint can complete), from
  // the Checkpoints menu opened beforehand.
  await menuCommand(page, 'Kill a slot');
  const corrupted = await page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('eddy-checkpoints-'));
    if (!name) throw new Error('no checkpoint database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    type Meta = { id: number; kind: string; tasks: string[] };
    type Blob = { id: number; task: string; bytes: Uint8Array };
    const request = <T,>(r: IDBRequest) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result as T)), (r.onerror = () => reject(r.error))));
    const newest = async (tx: IDBTransaction) => ((await request<Meta[]>(tx.objectStore('checkpoints').getAll())).filter((m) => m.kind === 'checkpoint').sort((a, b) => b.id - a.id)[0]);
    const before = (await newest(db.transaction('checkpoints')))?.id ?? 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 10));
      const tx = db.transaction(['checkpoints', 'blobs'], 'readwrite');
      const latest = await newest(tx);
      if (!latest || latest.id <= before) continue;
      const task = latest.tasks[0]!;
      const blob = await request<Blob>(tx.objectStore('blobs').get([latest.id, task]));
      blob.bytes = blob.bytes.map((b, i) => (i < 8 ? b ^ 0xff : b));
      tx.objectStore('blobs').put(blob);
      await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
      const kill = document.querySelector<HTMLButtonElement>('[role="menuitem"][aria-label="Kill a slot"]')!;
      kill.click();
      db.close();
      return { id: latest.id, task };
    }
  });

  const report = `heckpoint ${corrupted.id} is unusable: the state of ${corrupted.task} fails its checksum`;
  await expect(page.getByTestId('status-line')).toContainText(`C${report} — trying the one before it`, { timeout: 30_000 });
  await expect(page.getByTestId('checkpoint-summary')).toContainText('1 restart');
  await expect(page.getByTestId('corrupt-checkpoint')).toHaveText(`C${report} — skipped on restart.`);
  const table = page.getByRole('table', { name: 'Checkpoint history' });
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: String(corrupted.id), exact: true }) });
  await expect(row.getByRole('cell').nth(2)).toHaveText('corrupt — skipped');
  await expect(row.getByRole('cell').nth(2)).toHaveAttribute('title', `c${report}`);
  await waitFinished(page);
  // What the corrupt checkpoint had committed is produced again from the one before it: no
  // record is missing, and every record is one the undisturbed run gave.
  const got = await downloadedResults(page);
  expect([...new Set(got)].sort()).toEqual([...new Set(expected)].sort());
  expect(got.length).toBeGreaterThanOrEqual(expected.length);
});

test('a reloaded tab offers to resume from the checkpoint, and committed + resumed results equal an undisturbed run', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  const expected = await undisturbedResults(page);

  await page.getByRole('button', { name: 'Run' }).click();
  await completedCheckpoints(page, 3);
  await page.reload();
  const resume = page.getByRole('button', { name: /^Resume from checkpoint \d+$/ });
  await expect(resume).toBeVisible({ timeout: 30_000 });
  await resume.click();
  await expect(resume).toBeHidden();
  const status = page.getByTestId('status-line');
  await expect(status).toContainText(/Resuming from checkpoint \d+ with \d+ results committed before/);
  // The resumed run keeps results committed before the reload: the windows are not all recomputed.
  const committed = Number(/with (\d+) results/.exec(await status.innerText())![1]);
  expect(committed).toBeGreaterThan(0);
  expect(committed).toBeLessThan(expected.length);
  await waitFinished(page);
  expect(await downloadedResults(page)).toEqual(expected);
  // Finished: nothing is left to resume.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
  await expect(resume).toHaveCount(0);
});

test('"Stop with savepoint" at parallelism 2, then "Import savepoint" at parallelism 3: results before + after equal an undisturbed run', async ({ page }) => {
  await openJob(page, CHECKPOINTED);
  const expected = await undisturbedResults(page);

  await page.getByRole('button', { name: 'Run' }).click();
  await completedCheckpoints(page, 2);
  const [download] = await Promise.all([page.waitForEvent('download'), (await menuCommand(page, 'Stop with savepoint')).click()]);
  const savepointPath = (await download.path())!;
  await expect(page.getByTestId('status-line')).toContainText(/Stopped with savepoint \d+/);
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByText(/^Stopped\. \d+ results before the stop\.$/)).toBeVisible();
  const before = await downloadedResults(page);
  expect(before.length).toBeGreaterThan(0);
  expect(before.length).toBeLessThan(expected.length);

  await page.getByRole('spinbutton', { name: 'Job parallelism' }).fill('3');
  await (await menuCommand(page, 'Import savepoint')).click();
  const dialog = page.getByRole('dialog', { name: 'Import savepoint' });
  // A file that is not a savepoint is refused with a reason.
  await dialog.getByLabel('Savepoint file').setInputFiles({ name: 'job.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(CHECKPOINTED)) });
  await expect(dialog.getByRole('alert')).toHaveText('Could not read job.json: not a savepoint file (expected "format": "eddy/savepoint@1")');
  await expect(dialog.getByRole('button', { name: 'Run from savepoint' })).toBeDisabled();

  // The downloaded savepoint runs the job on, rescaled from 2 to 3 subtasks per node.
  await dialog.getByLabel('Savepoint file').setInputFiles(savepointPath);
  await expect(dialog.getByTestId('savepoint-summary')).toContainText(/Savepoint \d+ of “Checkpointed counts”, taken at parallelism 2; its state is redistributed to parallelism 3\./);
  await expect(dialog.getByRole('checkbox', { name: 'Allow non-restored state' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Run from savepoint' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-line')).toContainText(/Running from savepoint \d+/);
  await waitFinished(page);
  // Three subtasks per node now: the window's third subtask ran.
  await expect(page.getByTestId('slots')).toContainText('count#2');
  const after = await downloadedResults(page);
  expect(after.length).toBeGreaterThan(0);
  expect([...before, ...after].sort()).toEqual(expected);
});
