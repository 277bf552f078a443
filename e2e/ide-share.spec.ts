import { expect, test } from '@playwright/test';
import { ORIGIN, downloadedResults, expectedLines, menuCommand, node, openJob, runToEnd, shareHash } from './ide-helpers';

test('a share link opens the job elsewhere, which lists its code for review before the first run', async ({ page, browser }) => {
  await page.goto('/');
  await (await menuCommand(page, 'Examples')).click();
  await page.getByRole('button', { name: 'Open Fraud detection' }).click();
  await (await menuCommand(page, 'Copy share link')).click();
  const link = await page.getByRole('dialog', { name: 'Share link' }).getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link.startsWith(`${ORIGIN}#job=`) && /#job=[A-Za-z0-9_-]+$/.test(link)).toBe(true);

  // Someone else, with a browser of their own.
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(link);
  const banner = them.getByRole('region', { name: 'Review shared code' });
  await expect(banner).toContainText('This job came from a link');
  await expect(banner).toContainText("ctx.state.value('smallAt')");
  await expect(node(them, 'detect')).toBeVisible();
  const run = them.getByRole('button', { name: 'Run' });
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', /review its code/);
  // The link left the address bar: the workspace holds the job now.
  expect(new URL(them.url()).hash).toBe('');

  await banner.getByRole('button', { name: 'Accept this code' }).click();
  await expect(banner).toBeHidden();
  await runToEnd(them);
  expect(await downloadedResults(them)).toEqual(expectedLines('fraud-detection'));
  await other.close();
});

test('a share link whose job the editor cannot show says what is wrong with it, naming the node and field, and the IDE opens without it', async ({ page }) => {
  const broken = {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [1] } },
      { id: 'odd', kind: 'map', name: { label: 'not text' }, params: { code: '(r) => r' } },
    ],
    edges: [{ from: 'src', to: 'odd' }],
  };
  await page.goto('/' + shareHash(broken));
  await expect(page.getByTestId('status-line')).toContainText('Could not open the shared job: node "odd": "name" must be text, got {"label":"not text"}');
  // The IDE is there (not a blank page), with the job it opens without a link.
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  await expect(node(page, 'odd')).toHaveCount(0);

  // A link whose nodes lack what every node has.
  await page.goto('/' + shareHash({ format: 'eddy/job@1', nodes: [{ id: 'a', kind: 'map' }, { kind: 'filter' }], edges: [] }));
  await expect(page.getByTestId('status-line')).toContainText('Could not open the shared job: nodes[1] needs a string "id" and "kind"');
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
});

test('a share link whose job is invalid opens with its problems named on the nodes and in Problems, and cannot run', async ({ page }) => {
  const invalid = {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: 'not a list' } },
      { id: 'mystery', kind: 'teleport' },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'mystery' },
      { from: 'mystery', to: 'out' },
      { from: 'src', to: 'ghost' },
    ],
    layout: { src: { x: 'left', y: null } },
  };
  await openJob(page, invalid);
  await expect(node(page, 'mystery')).toContainText('Unknown kind "teleport"');
  await expect(node(page, 'src')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Run' })).toHaveAttribute('title', /^Fix the job first — /);
  await page.getByRole('tab', { name: 'Problems' }).click();
  const problems = page.getByRole('list', { name: 'Problems', exact: true });
  await expect(problems).toContainText('node "mystery"');
  await expect(problems).toContainText('teleport');
  await expect(problems).toContainText('node "src"');
  await expect(problems).toContainText('ghost');
});

test('a huge share link (1.4 MB of JSON, near what a browser takes in an address) opens the job, and the page answers', async ({ page }) => {
  const records = Array.from({ length: 17_000 }, (_, i) => ({ id: i, name: `sensor-${i}`, note: 'x'.repeat(40) }));
  const huge = {
    format: 'eddy/job@1',
    name: 'Huge link',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [{ from: 'src', to: 'out' }],
  };
  const hash = shareHash(huge);
  expect(JSON.stringify(huge).length).toBeGreaterThan(1_400_000);
  // Just under what Chromium takes in an address (2 MiB): a longer link is refused when it is made (below).
  expect(ORIGIN.length + hash.length).toBeLessThan(2 * 1024 * 1024);
  await page.goto('/' + hash);
  await expect(page.getByTestId('status-line')).toContainText('Opened a shared job');
  await expect(node(page, 'src')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
  await node(page, 'out').click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Id' })).toHaveValue('out');

  // Why links stop at 2 MiB: Chromium does not open a longer address at all (a blank page, before any of the app runs).
  const longer = { ...huge, nodes: [{ id: 'src', kind: 'source.collection', params: { records: [...records, ...records.slice(0, 4000)] } }, huge.nodes[1]] };
  expect(ORIGIN.length + shareHash(longer).length).toBeGreaterThan(2 * 1024 * 1024);
  await expect(page.goto('/' + shareHash(longer))).rejects.toThrow(/ERR_ABORTED/);
});

test('a job too big for a link gets no share link that would open a blank page: the dialog says why and what to do instead', async ({ page }) => {
  const records = Array.from({ length: 30_000 }, (_, i) => ({ id: i, note: 'y'.repeat(60) }));
  const big = { format: 'eddy/job@1', name: 'Too big', nodes: [{ id: 'src', kind: 'source.collection', params: { records } }, { id: 'out', kind: 'sink.collect' }], edges: [{ from: 'src', to: 'out' }] };
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), (await menuCommand(page, 'Import job')).click()]);
  await chooser.setFiles({ name: 'too-big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await expect(node(page, 'src')).toBeVisible();
  await (await menuCommand(page, 'Copy share link')).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog.getByRole('alert')).toContainText(/^No share link: this job makes a link of [\d,]+ characters, and browsers open addresses of at most 2,097,152: share the job file instead \(Job → Export job\)\.$/);
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
});
