import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { menuCommand, node, openExample } from './ide-helpers';
import { unzipSync, strFromU8 } from 'fflate';

test('Export to Flink shows the SQL with Copy, names the node a job has no SQL form for, and downloads the Maven project as a .zip', async ({ page }) => {
  await page.goto('/');
  await (await menuCommand(page, 'Examples')).click();
  await page.getByRole('button', { name: 'Open Clicks per user per minute' }).click();
  await (await menuCommand(page, 'Export to Flink')).click();
  const dialog = page.getByRole('dialog', { name: 'Export to Flink' });

  // The SQL: read-only, in Monaco, and whole on the clipboard.
  const sql = dialog.getByRole('region', { name: 'Flink SQL' });
  await expect(sql.locator('.monaco-editor')).toBeVisible();
  await expect(sql.locator('.view-lines')).toContainText('CREATE TABLE');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await sql.getByRole('button', { name: 'Copy SQL' }).click();
  await expect(sql.getByRole('status')).toHaveText('SQL copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("FROM TABLE(TUMBLE(TABLE `clicks`, DESCRIPTOR(`event_time`), INTERVAL '60' SECOND))");
  expect(copied).toContain('INSERT INTO `results`');

  // Download SQL offers the script and then the data file its table reads: two downloads, each
  // awaited by its name (the second can arrive after the first has been handled).
  const sqlDownload = page.waitForEvent('download', (d) => d.suggestedFilename() === 'clicks-per-user-per-minute.sql');
  const dataDownload = page.waitForEvent('download', (d) => d.suggestedFilename() === 'clicks.jsonl');
  await sql.getByRole('button', { name: 'Download SQL' }).click();
  const sqlFile = await sqlDownload;
  expect(readFileSync((await sqlFile.path())!, 'utf8')).toBe(copied);
  expect(readFileSync((await (await dataDownload).path())!, 'utf8')).toContain('"user"');

  // The Maven project.
  const zipDownload = page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.zip'));
  await dialog.getByRole('button', { name: 'Download Maven project (.zip)' }).click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toBe('clicks-per-user-per-minute-flink.zip');
  const files = unzipSync(new Uint8Array(readFileSync((await zip.path())!)));
  const root = 'clicks-per-user-per-minute-flink/';
  expect(strFromU8(files[`${root}pom.xml`]!)).toContain('<flink.version>2.3.0</flink.version>');
  const java = strFromU8(files[`${root}src/main/java/eddy/job/Job.java`]!);
  expect(java).toContain('.uid("per-minute")');
  expect(java).toContain('TumblingEventTimeWindows.of(Duration.ofMillis(60000L), Duration.ofMillis(0L))');
  expect(files[`${root}src/main/resources/data/clicks.jsonl`]).toBeDefined();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A job with a process function has no SQL form: the dialog says which node and why.
  await (await menuCommand(page, 'Examples')).click();
  await page.getByRole('button', { name: 'Open Fraud detection' }).click();
  await (await menuCommand(page, 'Export to Flink')).click();
  await expect(page.getByRole('note', { name: 'No SQL form' })).toHaveText('node detect: a process function has no SQL form; export to flink-java');
  const fraudZip = page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.zip'));
  await dialog.getByRole('button', { name: 'Download Maven project (.zip)' }).click();
  const fraud = unzipSync(new Uint8Array(readFileSync((await (await fraudZip).path())!)));
  const code = Object.keys(fraud).find((p) => p.endsWith('src/main/resources/functions/detect.code.js'));
  expect(code && strFromU8(fraud[code]!)).toContain("ctx.state.value('smallAt')");
});

test("Export to Flink writes a file source's CREATE TABLE with the columns and types of its fetched file, and downloads the file without its CSV header", async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'Sensor averages from a CSV file');
  await (await menuCommand(page, 'Export to Flink')).click();
  const dialog = page.getByRole('dialog', { name: 'Export to Flink' });
  // The bad rows go to the side output "errors", which SQL has no form for.
  await expect(dialog.getByRole('note', { name: 'No SQL form' })).toHaveText('node file: its side output "errors" has no SQL form; export to flink-java');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Without the errors sink the job is SQL: the columns come from the example's CSV file.
  await node(page, 'bad-rows').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'bad-rows')).toHaveCount(0);
  await (await menuCommand(page, 'Export to Flink')).click();
  const sql = dialog.getByRole('region', { name: 'Flink SQL' });
  await expect(sql.locator('.view-lines')).toContainText('CREATE TABLE');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await sql.getByRole('button', { name: 'Copy SQL' }).click();
  await expect(sql.getByRole('status')).toHaveText('SQL copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("CREATE TABLE `file` (\n  `sensor` STRING,\n  `celsius` DOUBLE,\n  `ts` BIGINT,\n  `event_time` AS TO_TIMESTAMP_LTZ(`ts`, 3),");
  expect(copied).toContain("'path' = 'file.csv', 'format' = 'csv'");
  expect(copied).toContain('AVG(CAST(`celsius` AS DOUBLE))');

  const dataDownload = page.waitForEvent('download', (d) => d.suggestedFilename() === 'file.csv');
  await sql.getByRole('button', { name: 'Download SQL' }).click();
  const data = readFileSync((await (await dataDownload).path())!, 'utf8');
  expect(data.split('\n')[0]).toBe('kitchen,21.5,1000');
  expect(data).not.toContain('sensor,celsius,ts');
});

test('Export to Flink of a SQL script: the script for the SQL client with Copy, and the Maven project whose operators carry the node ids', async ({ page }) => {
  await page.goto('/');
  await openExample(page, 'SQL: changelog GROUP BY');
  // SQL editor mode: the script is open and its compiled job on the canvas.
  await expect(page.getByRole('region', { name: 'SQL script' }).locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
  await expect(node(page, 'group_agg')).toBeVisible({ timeout: 60_000 });
  await (await menuCommand(page, 'Export to Flink')).click();
  const dialog = page.getByRole('dialog', { name: 'Export to Flink' });

  // The script itself, made runnable by Flink's SQL client: read-only Monaco, whole on the clipboard.
  const sql = dialog.getByRole('region', { name: 'Flink SQL' });
  await expect(sql.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(sql.locator('.view-lines')).toContainText('CREATE TABLE');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await sql.getByRole('button', { name: 'Copy SQL' }).click();
  await expect(sql.getByRole('status')).toHaveText('SQL copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json')");
  expect(copied).toMatch(/INSERT INTO `?result`?\s+SELECT supplier_id, COUNT\(\*\) AS bids/);

  // Download SQL: the script, then the file its table reads.
  const sqlDownload = page.waitForEvent('download', (d) => d.suggestedFilename() === 'changelog-group-by.sql');
  const dataDownload = page.waitForEvent('download', (d) => d.suggestedFilename() === 'bid.jsonl');
  await sql.getByRole('button', { name: 'Download SQL' }).click();
  expect(readFileSync((await (await sqlDownload).path())!, 'utf8')).toBe(copied);
  expect(readFileSync((await (await dataDownload).path())!, 'utf8')).toContain('"supplier_id"');

  // The Maven project: a DataStream program, each node's operator with its id as uid.
  const zipDownload = page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.zip'));
  await dialog.getByRole('button', { name: 'Download Maven project (.zip)' }).click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toBe('changelog-group-by-flink.zip');
  const files = unzipSync(new Uint8Array(readFileSync((await zip.path())!)));
  const java = strFromU8(files['changelog-group-by-flink/src/main/java/eddy/job/Job.java']!);
  for (const id of ['Bid', 'Bid_rows', 'Bid_watermarks', 'group_input', 'group_agg', 'select', 'result']) expect(java).toContain(`.uid("${id}")`);
  expect(java).toContain('.process(new GroupAggregate("group_agg"');
  expect(java).toContain('new SqlRowLine("result"');
  expect(java).not.toContain('StreamTableEnvironment');
  expect(files['changelog-group-by-flink/src/main/java/eddy/runtime/GroupAggregate.java']).toBeDefined();
  await expect(page.getByText('Downloaded changelog-group-by-flink.zip')).toBeVisible();
});
