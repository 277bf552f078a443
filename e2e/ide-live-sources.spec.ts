import { expect, test } from '@playwright/test';
import { type TestSseServer, type TestWebSocketServer, startSseServer, startWebSocketServer } from '../engine/testing/live-servers';
import { downloadedResults, menuCommand, node, openJob, runToEnd } from './ide-helpers';

// A real WebSocket server in the test process, on a free port; the page (COOP/COEP isolated)
// connects to it from its slot workers.
let server: TestWebSocketServer | TestSseServer | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

test('a WebSocket source reads the messages of a real server until it closes; malformed lines go to "errors"', async ({ page }) => {
  server = await startWebSocketServer((socket) => {
    socket.send('{"user":"ada","n":1}\n{"user":"bob","n":2}');
    socket.send('{"user":');
    socket.send('{"user":"ada","n":3}');
    socket.close(1000);
  });
  await openJob(page, {
    format: 'eddy/job@1',
    name: 'Live feed',
    nodes: [
      { id: 'feed', kind: 'source.websocket', params: { url: server.url } },
      { id: 'out', kind: 'sink.collect' },
      { id: 'bad', kind: 'sink.collect' },
    ],
    edges: [
      { from: 'feed', to: 'out' },
      { from: 'feed', fromPort: 'errors', to: 'bad' },
    ],
  });
  expect(await runToEnd(page)).toContain('4 results');
  const lines = (await downloadedResults(page)).map((l) => JSON.parse(l));
  expect(lines.filter((l) => l.sink === 'out').map((l) => l.value)).toEqual(
    expect.arrayContaining([
      { user: 'ada', n: 1 },
      { user: 'bob', n: 2 },
      { user: 'ada', n: 3 },
    ]),
  );
  expect(lines.filter((l) => l.sink === 'bad').map((l) => l.value)).toEqual([expect.objectContaining({ message: 2, line: 1, text: '{"user":' })]);
});

test('Stop ends a job reading a WebSocket that never closes, and the connection closes', async ({ page }) => {
  server = await startWebSocketServer((socket) => socket.send('{"n":1}'));
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'feed', kind: 'source.websocket', params: { url: server.url } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [{ from: 'feed', to: 'out' }],
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Records of out' })).toHaveAttribute('aria-rowcount', '2');
  const s = server as TestWebSocketServer;
  expect(s.connections).toHaveLength(1);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status: Stopped' })).toBeVisible();
  await expect.poll(() => s.closed).toBe(1);
});

test('a WebSocket sink sends each record to a real server as a JSON message', async ({ page }) => {
  server = await startWebSocketServer();
  const records = [{ a: 1 }, { a: 2 }, { a: 3 }];
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'src', kind: 'source.collection', params: { records } },
      { id: 'push', kind: 'sink.websocket', params: { url: server.url } },
    ],
    edges: [{ from: 'src', to: 'push' }],
  });
  await runToEnd(page);
  const s = server as TestWebSocketServer;
  await expect.poll(() => s.received.length).toBe(3);
  expect(s.received.map((m) => JSON.parse(m))).toEqual(records);
});

test('an SSE source reads the events of a real HTTP server (another origin, CORS) until it ends the stream', async ({ page }) => {
  const sse = await startSseServer((res) => {
    res.write('id: 1\ndata: {"n":1}\n\n');
    res.write('id: 2\ndata: {"n":2}\ndata: {"n":3}\n\n');
    res.end();
  });
  server = sse;
  await openJob(page, {
    format: 'eddy/job@1',
    nodes: [
      { id: 'events', kind: 'source.sse', params: { url: sse.url } },
      { id: 'out', kind: 'sink.collect' },
    ],
    edges: [{ from: 'events', to: 'out' }],
  });
  expect(await runToEnd(page)).toContain('3 results');
  const values = (await downloadedResults(page)).map((l) => JSON.parse(l).value);
  expect(values).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
});

test('the palette offers the live kinds and the inspector edits their params', async ({ page }) => {
  await page.goto('/');
  await expect(node(page, 'clicks')).toBeVisible();
  await (await menuCommand(page, 'New job')).click();
  const canvas = page.locator('.react-flow__pane');
  const box = (await canvas.boundingBox())!;
  await page.getByRole('button', { name: 'Add WebSocket source' }).dragTo(canvas, { targetPosition: { x: box.width * 0.3, y: box.height / 2 } });
  await page.getByRole('button', { name: 'Add SSE source' }).dragTo(canvas, { targetPosition: { x: box.width * 0.3, y: box.height / 4 } });
  await page.getByRole('button', { name: 'Add WebSocket sink' }).dragTo(canvas, { targetPosition: { x: box.width * 0.7, y: box.height / 2 } });
  for (const id of ['websocket', 'sse', 'websocket-2']) await expect(node(page, id)).toBeVisible();
  await node(page, 'websocket').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const url = inspector.getByRole('textbox', { name: 'Url' });
  await expect(url).toHaveValue('ws://localhost:8080');
  await url.fill('http://nope');
  await expect(inspector).toContainText('must be a ws:// or wss:// URL');
});
