#!/usr/bin/env node
// A live feed of price ticks for trying Eddy's live inputs (docs/job-format.md, "Live sources and
// sinks" and "Standard input and output"). Deterministic: the same ticks every run. Node only; the
// WebSocket server uses the `ws` package (one of Eddy's dependencies), the rest nothing.
//
//   node public/data/ticks-feed.mjs [--count N] [--rate PER_SEC]      JSON lines on stdout
//   node public/data/ticks-feed.mjs --sse PORT [--count N] [--rate R]  Server-Sent Events on PORT
//   node public/data/ticks-feed.mjs --ws PORT [--count N] [--rate R]   a WebSocket server on PORT
//
// On stdout, pipe it into a job:  node public/data/ticks-feed.mjs | npx eddy run public/examples/live-ticks.json --input ticks=-
// As SSE, each tick is an event whose ID is its `seq`; a request with Last-Event-ID gets the ticks
// after it (so a restored source.sse resumes exactly-once), then the stream ends. As WebSocket,
// each connection gets every tick from the first, one message each, then a clean close (1000): the
// feed keeps no position and takes no resume message, so a restored source.websocket reads it
// from the start again. PORT 0 picks a free port; the URL is printed on stdout.
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const count = option('--count', 60);
const rate = option('--rate', 20);
const ssePort = option('--sse', null);
const wsPort = option('--ws', null);

const SYMBOLS = ['ACME', 'GLOBEX', 'INITECH'];
/** Tick `seq` (1-based): 50 ms of event time apart, prices from a fixed walk. */
function tick(seq) {
  const i = seq - 1;
  return { seq, symbol: SYMBOLS[i % 3], price: 100 + ((i * 37) % 23) - 11, ts: 1_700_000_000_000 + i * 50 };
}

const wait = (ms) => new Promise((done) => setTimeout(done, ms));
const pause = rate > 0 ? 1000 / rate : 0;

if (wsPort !== null) {
  const { WebSocketServer } = await import('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: wsPort, path: '/ticks' });
  server.on('connection', async (socket) => {
    let closed = false;
    socket.on('close', () => (closed = true));
    for (let seq = 1; seq <= count && !closed; seq++) {
      socket.send(JSON.stringify(tick(seq)));
      if (pause > 0 && seq < count) await wait(pause);
    }
    if (!closed) socket.close(1000);
  });
  server.on('listening', () => process.stdout.write(`ws://127.0.0.1:${server.address().port}/ticks\n`));
} else if (ssePort === null) {
  for (let seq = 1; seq <= count; seq++) {
    if (!process.stdout.write(`${JSON.stringify(tick(seq))}\n`)) await new Promise((done) => process.stdout.once('drain', done));
    if (pause > 0 && seq < count) await wait(pause);
  }
} else {
  const server = createServer(async (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'Last-Event-ID',
    });
    if (req.method === 'OPTIONS') return res.end();
    let closed = false;
    req.on('close', () => (closed = true));
    const after = Number(req.headers['last-event-id'] ?? 0) || 0;
    for (let seq = after + 1; seq <= count && !closed; seq++) {
      res.write(`id: ${seq}\ndata: ${JSON.stringify(tick(seq))}\n\n`);
      if (pause > 0 && seq < count) await wait(pause);
    }
    res.end();
  });
  server.listen(ssePort, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/ticks\n`));
}
