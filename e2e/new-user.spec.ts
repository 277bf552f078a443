/**
 * Defects a new user meets in the first hour (issue 18), each reproduced as the user met it.
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { downloadedResults, generatedCountsJob, node, openExample, openJob, runToEnd, shareHash, menuCommand } from './ide-helpers';

/** Whether the element is what the page shows at the centre of its box (not clipped, not covered). */
async function reachable(_page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  return target.evaluate((el, [px, py]) => {
    const hit = document.elementFromPoint(px!, py!);
    return hit !== null && (hit === el || el.contains(hit));
  }, [x, y]);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Five functions of a dozen lines each: more code than the review banner can show at once. */
function jobWithMuchCode() {
  const body = (n: number) => `(r) => {\n${Array.from({ length: 12 }, (_, i) => `  // step ${n}.${i}: keep the record as it is`).join('\n')}\n  return r;\n}`;
  const ids = ['m1', 'm2', 'm3', 'm4', 'm5'];
  return {
    format: 'eddy/job@1',
    name: 'Much code',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }] } },
      ...ids.map((id, i) => ({ id, kind: 'map', params: { code: body(i + 1) } })),
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'm1' },
      ...ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })),
      { from: 'm5', to: 'out' },
    ],
  };
}

test.describe('a shared job with much code, at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('keeps Accept and Decline in view, scrolls the code above them and leaves the canvas room for every node', async ({ page }) => {
    await page.goto('/' + shareHash(jobWithMuchCode()));
    const banner = page.getByRole('region', { name: 'Review shared code' });
    await expect(banner).toContainText('step 5.11');
    const accept = banner.getByRole('button', { name: 'Accept this code' });
    const decline = banner.getByRole('button', { name: 'Decline and close the job' });
    await expect(accept).toBeVisible();
    await expect(decline).toBeVisible();
    expect(await reachable(page, accept)).toBe(true);
    expect(await reachable(page, decline)).toBe(true);

    // The code scrolls in its own area; the buttons stay where they are.
    const listing = banner.getByRole('list', { name: 'Code in this job' });
    expect(await listing.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    const before = (await accept.boundingBox())!;
    await listing.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect(listing.getByText('step 5.11')).toBeInViewport();
    expect((await accept.boundingBox())!.y).toBe(before.y);

    // The canvas keeps a usable height, every node is in it, and no minimap covers one (the
    // minimap shows only while part of the job is out of view).
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(canvas.height).toBeGreaterThanOrEqual(200);
    const minimap = page.getByRole('img', { name: 'Mini map of the job graph' });
    for (const id of ['src', 'm1', 'm2', 'm3', 'm4', 'm5', 'out']) {
      // Whole, up to the fraction of a pixel a zoomed canvas leaves at a node's edge.
      await expect(node(page, id)).toBeInViewport({ ratio: 0.98 });
      const box = (await node(page, id).boundingBox())!;
      expect(box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height, `node ${id} inside the canvas`).toBe(true);
      if ((await minimap.count()) > 0) expect(overlaps(box, (await minimap.boundingBox())!), `node ${id} under the minimap`).toBe(false);
    }
  });

  test('the minimap appears once part of the job is out of view', async ({ page }) => {
    await page.goto('/' + shareHash(jobWithMuchCode()));
    await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
    await expect(node(page, 'out')).toBeInViewport();
    const minimap = page.getByRole('img', { name: 'Mini map of the job graph' });
    await expect(minimap).toHaveCount(0);
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect(minimap).toBeVisible();
  });

  test('Decline closes the shared job without running anything', async ({ page }) => {
    await page.goto('/' + shareHash(jobWithMuchCode()));
    const banner = page.getByRole('region', { name: 'Review shared code' });
    // A link's job is saved as it opens (a reload offers it again until it is decided).
    await expect.poll(() => savedJobNames(page)).toContain('Much code');
    await banner.getByRole('button', { name: 'Decline and close the job' }).click();
    await expect(banner).toBeHidden();
    await expect(node(page, 'm1')).toHaveCount(0);
    await expect(page.getByTestId('status-line')).toContainText('Closed the shared job');
    // Nothing of it is kept: it was saved when it opened, and declining forgets it.
    await expect.poll(() => savedJobNames(page)).not.toContain('Much code');
    await page.reload();
    await expect(banner).toBeHidden();
    await expect(node(page, 'm1')).toHaveCount(0);
  });
});

test('a checkpointed job without a restart strategy recovers from a killed slot with Flink\'s default, which the inspector shows', async ({ page }) => {
  // Checkpointing on, no `restart` block: Flink restarts such a job (exponential-delay from 1 s, unlimited attempts).
  await openJob(page, generatedCountsJob('Checkpointed, no strategy', { count: 1000, ratePerSec: 100, seed: 3, keys: 5, stepMs: 20 }, { checkpointing: { intervalMs: 400 } }));
  const restart = page.getByRole('region', { name: 'Restart strategy' });
  await expect(restart.getByTestId('effective-restart')).toHaveText(/In effect: exponential-delay, unlimited attempts, 1 s growing ×1\.5 up to 60 s — Flink's default with checkpointing/);

  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  const expected = await downloadedResults(page);
  expect(expected.length).toBeGreaterThan(20);

  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const table = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(table.getByRole('cell', { name: 'completed', exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await (await menuCommand(page, 'Kill a slot')).click();
  await expect(page.getByTestId('checkpoint-summary')).toContainText('1 restart', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 60_000 });
  expect(await downloadedResults(page)).toEqual(expected);
  // The status line does not go on saying "restarting…" once the job runs again (issue 18, point 9):
  // its last word is the built-in exactly-once check that follows a killed slot.
  await expect(page.getByTestId('status-line')).toContainText('Output equals an undisturbed run: yes');

  // Without checkpointing the default is no restart, and a strategy the job sets is shown as it is.
  await page.getByRole('checkbox', { name: 'Checkpointing enabled' }).uncheck();
  await expect(restart.getByTestId('effective-restart')).toHaveText(/In effect: none — a failure fails the job/);
});

/** A file source wired only to a sink: its `errors` side output goes nowhere. */
const FILE_JOB = {
  format: 'eddy/job@1',
  name: 'Readings',
  nodes: [
    { id: 'src', kind: 'source.file', params: { format: 'jsonl' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [{ from: 'src', to: 'out' }],
};

test('a malformed line with "errors" not wired fails the job at its line, as Flink\'s json format does; Run says up front that no file is chosen', async ({ page }) => {
  await openJob(page, FILE_JOB);
  const run = page.getByRole('button', { name: 'Run' });
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', /node "src": choose an input file/);

  await node(page, 'src').click();
  await page.getByLabel('Input file').setInputFiles({ name: 'readings.jsonl', mimeType: 'text/plain', buffer: Buffer.from('{"v":1}\n{"v":\n{"v":3}\n') });
  await expect(run).toBeEnabled();
  await run.click();
  await expect(page.getByRole('status', { name: 'Run status: Failed' })).toBeVisible({ timeout: 30_000 });
  const mark = page.getByRole('alert').filter({ hasText: 'Failed at node "src"' });
  await expect(mark).toContainText('line 2');
  await expect(mark).toContainText('"errors"');
  await expect(node(page, 'src').getByRole('alert')).toContainText('line 2');
});

test('Ctrl+A on the canvas selects every node and edge', async ({ page }) => {
  await openJob(page, FILE_JOB);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+A');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  // The selection is the app's: Delete removes it all.
  await page.keyboard.press('Delete');
  await expect(node(page, 'src')).toHaveCount(0);
});

test('every toolbar button is named by the text it shows', async ({ page }) => {
  await openJob(page, FILE_JOB);
  // The Job menu open: its items count as the toolbar's buttons too.
  await page.getByRole('button', { name: 'Job', exact: true }).click();
  const buttons = await page.locator('.toolbar button').evaluateAll((all) =>
    all.map((b) => {
      const shown = b.cloneNode(true) as HTMLElement;
      for (const hidden of shown.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      const text = (shown.textContent ?? '').replace('…', '').trim();
      return { text, name: (b.getAttribute('aria-label') ?? text).trim() };
    }),
  );
  expect(buttons.length).toBeGreaterThan(10);
  for (const b of buttons) expect(b.name, `the button showing "${b.text}"`).toBe(b.text);
  await expect((await menuCommand(page, 'Export job'))).toHaveText('Export job');
  await page.getByRole('button', { name: 'Lab', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Lab', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('importing a broken job file lists every problem, as the CLI does', async ({ page }) => {
  await openJob(page, FILE_JOB);
  const broken = { format: 'eddy/job@1', nodes: [{ id: 'a', kind: 'map' }, { kind: 'sink.collect' }], edges: [{ from: 'a' }] };
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), (await menuCommand(page, 'Import job')).click()]);
  await chooser.setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const status = page.getByTestId('status-line');
  await expect(status).toContainText('Could not import broken.json');
  await expect(status).toContainText('nodes[1]');
  await expect(status).toContainText('edges[0]');
  // The job on the canvas stays as it was.
  await expect(node(page, 'src')).toBeVisible();
});

test('a job restored from savepoint N says so, and its checkpoint ids go on from N + 1, as Flink\'s do', async ({ page }) => {
  await openJob(page, generatedCountsJob('Savepointed counts', { count: 1000, ratePerSec: 100, seed: 3, keys: 5, stepMs: 20 }, { checkpointing: { intervalMs: 400 } }));
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  const table = page.getByRole('table', { name: 'Checkpoint history' });
  await expect(table.getByRole('cell', { name: 'completed', exact: true }).nth(1)).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), (await menuCommand(page, 'Stop with savepoint')).click()]);
  await expect(page.getByTestId('status-line')).toContainText(/Stopped with savepoint \d+/, { timeout: 30_000 });
  const id = Number(/Stopped with savepoint (\d+)/.exec(await page.getByTestId('status-line').innerText())![1]);
  expect(id).toBeGreaterThan(1);

  await (await menuCommand(page, 'Import savepoint')).click();
  const dialog = page.getByRole('dialog', { name: 'Import savepoint' });
  await dialog.getByLabel('Savepoint file').setInputFiles((await download.path())!);
  await dialog.getByRole('button', { name: 'Run from savepoint' }).click();
  await page.getByRole('tab', { name: 'Checkpoints' }).click();
  await expect(page.getByTestId('restored-from')).toHaveText(`Restored from savepoint ${id}`);
  // The table lists the newest first: its last row is the run's first checkpoint.
  await expect(table.getByRole('row').last().getByRole('cell').first()).toHaveText(String(id + 1), { timeout: 30_000 });
});

test("a cycle's back edge is drawn above the nodes it crosses", async ({ page }) => {
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'a', kind: 'union' },
      { id: 'b', kind: 'union' },
      { id: 'c', kind: 'union' },
    ],
    edges: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
    ],
    layout: { a: { x: 0, y: 0 }, b: { x: 260, y: 0 }, c: { x: 520, y: 0 } },
  });
  const middle = (await node(page, 'b').boundingBox())!;
  // What the page shows at the middle node's centre, where the back edge c → a passes.
  const hit = await page.evaluate(([x, y]) => {
    const el = document.elementFromPoint(x!, y!);
    return el?.closest('.react-flow__edge')?.getAttribute('data-id') ?? el?.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
  }, [middle.x + middle.width / 2, middle.y + middle.height / 2]);
  expect(hit).not.toBe('b');
  expect(hit).toMatch(/c.*a/);
});

/** The names of the jobs saved in this browser's IndexedDB (database "eddy", store "jobs"). */
function savedJobNames(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('eddy');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('jobs')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('jobs').objectStore('jobs').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { doc: { name?: string } }[]).map((j) => j.doc.name ?? ''));
          };
        };
      }),
  );
}

test('a share link opened in another tab never replaces the saved job: a reload brings it back, Saved jobs lists both, Undo reopens the job an open replaced', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await expect(node(first, 'clicks')).toBeVisible();
  const name = first.getByRole('textbox', { name: 'Job name' });
  await name.fill('My clicks');
  await first.keyboard.press('ControlOrMeta+S');
  await expect(first.getByTestId('status-line')).toHaveText('Saved in this browser');

  const second = await context.newPage();
  await second.goto('/' + shareHash(FILE_JOB));
  await expect(node(second, 'src')).toBeVisible();
  await expect.poll(() => savedJobNames(second)).toContain('Readings');

  await first.reload();
  await expect(node(first, 'clicks')).toBeVisible();
  await expect(name).toHaveValue('My clicks');

  await (await menuCommand(first, 'Saved jobs')).click();
  const dialog = first.getByRole('dialog', { name: 'Saved jobs' });
  await expect(dialog.getByRole('listitem', { name: 'My clicks' })).toContainText('open now');
  await dialog.getByRole('button', { name: 'Open Readings' }).click();
  await expect(node(first, 'src')).toBeVisible();
  await expect(node(first, 'clicks')).toHaveCount(0);

  // Undo across the open brings the previous job back, edits and all; redo opens the other again.
  await first.getByRole('button', { name: 'Undo' }).click();
  await expect(node(first, 'clicks')).toBeVisible();
  await expect(name).toHaveValue('My clicks');
  await first.getByRole('button', { name: 'Redo' }).click();
  await expect(node(first, 'src')).toBeVisible();
});

test('opening an example or importing a file adds a job: the one open stays saved and Undo reopens it', async ({ page }) => {
  await openJob(page, FILE_JOB);
  await expect.poll(() => savedJobNames(page)).toContain('Readings');
  await openExample(page, 'Late data');
  await expect(node(page, 'src')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'src')).toBeVisible();

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), (await menuCommand(page, 'Import job')).click()]);
  await chooser.setFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...FILE_JOB, name: 'Other' })) });
  await expect(page.getByTestId('status-line')).toContainText('Imported other.json as a new job');
  await expect.poll(() => savedJobNames(page)).toEqual(expect.arrayContaining(['Readings', 'Other']));
  await (await menuCommand(page, 'New job')).click();
  await expect(node(page, 'src')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'src')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.getByRole('textbox', { name: 'Job name' })).toHaveValue('Other');
});

/** A map reading a field its records do not have: TypeScript says so, and the run fails there. */
const TYPED_JOB = {
  format: 'eddy/job@1',
  name: 'Typed',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ n: 1 }, { n: 2 }] } },
    { id: 'm', kind: 'map', params: { code: '(r) => {\n  const v = r.value.toFixed(1);\n  return { v };\n}' } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'm' },
    { from: 'm', to: 'out' },
  ],
};

test("a type error in a node's code is a warning on the node and in Problems; Run stays allowed, and the failure names the line and the record", async ({ page }) => {
  await page.goto('/' + shareHash(TYPED_JOB));
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  const mark = node(page, 'm').getByRole('img', { name: /1 type warning/ });
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAccessibleName(/params\.code, line 2: Property 'value' does not exist/);
  await page.getByRole('tab', { name: 'Problems' }).click();
  await expect(page.getByRole('list', { name: 'Type warnings' })).toContainText(`node "m", field params.code, line 2: Property 'value' does not exist`);
  await expect(page.getByText('No problems: the job is valid and can run.')).toBeVisible();

  const run = page.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();
  await expect(run).toHaveAttribute('title', /1 type warning in the code \(see Problems\)/);
  await run.click();
  await expect(page.getByRole('status', { name: 'Run status: Failed' })).toBeVisible({ timeout: 30_000 });
  const failure = node(page, 'm').getByRole('alert');
  await expect(failure).toContainText('line 2');
  await expect(failure).toContainText('on record {"n":1}');
});

test('with ignoreParseErrors on and "errors" not wired, malformed lines are skipped and counted in the status line', async ({ page }) => {
  await openJob(page, { ...FILE_JOB, nodes: [{ id: 'src', kind: 'source.file', params: { format: 'jsonl', ignoreParseErrors: true } }, FILE_JOB.nodes[1]] });
  const run = page.getByRole('button', { name: 'Run' });
  // Run says up front that the file is missing.
  await expect(run).toHaveAttribute('title', /node "src": choose an input file/);
  await node(page, 'src').click();
  await page.getByLabel('Input file').setInputFiles({ name: 'readings.jsonl', mimeType: 'text/plain', buffer: Buffer.from('{"v":1}\n{"v":\n{"v":3}\nnot json\n') });
  await run.click();
  await expect(page.getByTestId('slots')).toContainText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('status-line')).toContainText('node "src" skipped 2 malformed lines (ignoreParseErrors');
  expect(await downloadedResults(page)).toEqual(['{"sink":"out","value":{"v":1}}', '{"sink":"out","value":{"v":3}}']);
});

/** Clicks at epoch-millisecond times, counted per key in one-minute windows: a job over in a moment. */
const EPOCH_JOB = {
  format: 'eddy/job@1',
  name: 'Epoch clicks',
  nodes: [
    { id: 'clicks', kind: 'source.collection', params: { records: [{ k: 'a', ts: 1_700_000_000_000 }, { k: 'a', ts: 1_700_000_030_000 }, { k: 'b', ts: 1_700_000_065_000 }] } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'ts', maxOutOfOrdernessMs: 0 } },
    { id: 'by-k', kind: 'keyBy', params: { field: 'k' } },
    { id: 'count', kind: 'window', params: { assigner: { type: 'tumbling', sizeMs: 60_000 }, function: { type: 'aggregate', fn: 'count' } } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'clicks', to: 'wm' },
    { from: 'wm', to: 'by-k' },
    { from: 'by-k', to: 'count' },
    { from: 'count', to: 'out' },
  ],
};

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('Watermarks: readable times with a raw toggle, a chart that keeps a short run\'s lines, clear of its table, with whole y-axis labels', async ({ page }) => {
    await openJob(page, EPOCH_JOB);
    await page.getByRole('tab', { name: 'Watermarks' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('No data yet — run the job');
    await runToEnd(page);
    await page.getByRole('tab', { name: 'Watermarks' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(page.getByTestId('wm-wm-0')).toHaveText('end of input');
    await expect(page.getByTestId('wm-count-0')).toHaveText('end of input');
    await panel.getByRole('checkbox', { name: 'Times in milliseconds' }).check();
    await expect(page.getByTestId('wm-wm-0')).toHaveText('end of input');
    await panel.getByRole('checkbox', { name: 'Times in milliseconds' }).uncheck();

    // The run was shorter than a chart point's spacing: its lines still end where each node got to.
    const chart = panel.getByRole('img', { name: 'Watermark per operator over time' });
    await expect(chart.locator('canvas')).toBeVisible();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);

    // Chart and table side by side without overlapping: what shows at the chart's centre is the chart.
    const table = panel.getByRole('table', { name: 'Watermarks per operator and subtask' });
    const tableBox = (await table.locator('xpath=..').boundingBox())!;
    const chartBox = (await chart.boundingBox())!;
    expect(overlaps(tableBox, chartBox)).toBe(false);
    expect(await reachable(page, chart)).toBe(true);

    // The Throughput charts keep the short run's rates too.
    await page.getByRole('tab', { name: 'Throughput' }).click();
    for (const name of ['Records out per second per operator', 'Records in per second per operator']) {
      const rates = page.getByRole('tabpanel').getByRole('img', { name });
      await expect(rates.locator('canvas')).toBeVisible();
      expect(Number(await rates.getAttribute('data-points'))).toBeGreaterThan(0);
    }
  });
});

test('a short job: Results read epoch times as UTC dates, with the raw milliseconds in the tooltip', async ({ page }) => {
  await openJob(page, EPOCH_JOB);
  await runToEnd(page);
  const results = page.getByRole('table', { name: 'Records of out' });
  await expect(results.getByRole('cell', { name: '2023-11-14 22:13:00.000 UTC' }).first()).toBeVisible();
  await expect(results.getByRole('cell', { name: '2023-11-14 22:13:00.000 UTC' }).first()).toHaveAttribute('title', '2023-11-14 22:13:00.000 UTC (1699999980000 ms)');
});
