import { expect, test } from '@playwright/test';
import { connect, handle, node, openJob } from './ide-helpers';

test('a validation error shows on its node, next to its field and in Problems, and disables Run', async ({ page }) => {
  await page.goto('/');
  await node(page, 'per-minute').click();
  const run = page.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();

  const size = page.getByRole('complementary', { name: 'Inspector' }).getByRole('spinbutton', { name: 'Size (ms)' });
  await size.fill('-5');
  const mark = node(page, 'per-minute').getByRole('img', { name: /1 problem/ });
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute('title', /params\.assigner\.sizeMs: expected a positive number/);
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('expected a positive number (ms), got -5').first()).toBeVisible();
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', /node "per-minute": expected a positive number/);

  await page.getByRole('tab', { name: 'Problems' }).click();
  await expect(page.getByRole('list', { name: 'Problems', exact: true })).toContainText('node "per-minute", field params.assigner.sizeMs');

  await size.fill('60000');
  await expect(mark).toBeHidden();
  await expect(run).toBeEnabled();
  await expect(page.getByText('No problems: the job is valid.')).toBeVisible();
});

test('connections are checked while they are drawn: no self loop, no duplicate, only into inputs', async ({ page }) => {
  await page.goto('/');
  await expect(node(page, 'clicks')).toBeVisible();
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(4);
  // Out of a node back into itself.
  await connect(page, handle(page, 'wm', 'out'), handle(page, 'wm', 'in'));
  // The same edge twice.
  await connect(page, handle(page, 'clicks', 'out'), handle(page, 'wm', 'in'));
  // Output onto an output.
  await connect(page, handle(page, 'clicks', 'out'), handle(page, 'wm', 'out'));
  await expect(edges).toHaveCount(4);
  // A legal but wrong edge is drawn, and validation reports it on the node.
  await connect(page, handle(page, 'clicks', 'out'), handle(page, 'results', 'in'));
  await expect(edges).toHaveCount(5);
  await expect(node(page, 'results').getByRole('img', { name: /problem/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
});

test('a param that proves wrong only when the run starts is marked like a validation error until the job is edited', async ({ page }) => {
  // `({})` parses and validates: only starting the node finds it has no onElement.
  await openJob(page, {
    format: 'eddy/job@1',
    name: 'Handler without onElement',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3] } },
      { id: 'p', kind: 'process', params: { code: '({})' } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'src', to: 'p' },
      { from: 'p', to: 'out' },
    ],
  });
  await page.getByRole('region', { name: 'Review shared code' }).getByRole('button', { name: 'Accept this code' }).click();
  const run = page.getByRole('button', { name: 'Run' });
  await page.getByRole('tab', { name: 'Problems' }).click();
  await expect(page.getByText(/No problems: the job is valid/)).toBeVisible();
  await expect(run).toBeEnabled();
  await run.click();
  await expect(node(page, 'p').getByRole('alert')).toContainText('method onElement is missing');

  await node(page, 'p').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const code = inspector.getByRole('textbox', { name: /code, read-only/ });
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.getByTestId('code-code').locator('.field-problem')).toHaveText('method onElement is missing');
  await expect(inspector.getByRole('list', { name: 'Problems of this node' })).toContainText('params.code: method onElement is missing');
  await page.getByRole('tab', { name: 'Problems' }).click();
  await expect(page.getByRole('list', { name: 'Problems', exact: true })).toContainText('node "p", field params.code: method onElement is missing');
  // It is no validation error: the job may run again as it is.
  await expect(run).toBeEnabled();

  await inspector.getByRole('textbox', { name: 'Name' }).fill('handler');
  await expect(code).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('list', { name: 'Problems', exact: true })).toBeHidden();
  await expect(page.getByText(/No problems: the job is valid/)).toBeVisible();
});
