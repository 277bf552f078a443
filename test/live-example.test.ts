/**
 * The live-ticks gallery example run live, as docs/job-format.md shows it: the feed script's ticks
 * piped into `eddy run public/examples/live-ticks.json --input ticks=-` (standard input read as a
 * stream), and the same ticks over Server-Sent Events from `ticks-feed.mjs --sse` into
 * public/examples/live/ticks-sse.json, and over a WebSocket from `ticks-feed.mjs --ws` into
 * public/examples/live/ticks-websocket.json — all print the example's recorded output. The recorded
 * file the gallery job reads by default is the feed's output too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/until.js';

const root = join(import.meta.dirname, '..');
const feed = join(root, 'public', 'data', 'ticks-feed.mjs');
const expected = readFileSync(join(root, 'public', 'examples', 'expected', 'live-ticks.jsonl'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'eddy-live-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

/** Starts `node args…` in the repository; collects its stdout and stderr. */
function start(args: string[]) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '', code: null as number | null, closed: false };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  child.on('close', (code) => {
    out.code = code;
    out.closed = true;
  });
  return { child, out };
}

describe('the live-ticks example, live', () => {
  it('its recorded input file is what the feed prints', () => {
    const recorded = readFileSync(join(root, 'public', 'data', 'ticks.jsonl'), 'utf8');
    const lines = recorded.trim().split('\n');
    expect(lines).toHaveLength(60);
    expect(JSON.parse(lines[0]!)).toEqual({ seq: 1, symbol: 'ACME', price: 89, ts: 1_700_000_000_000 });
  });

  for (const host of ['inline', 'workers']) {
    it(`node ticks-feed.mjs | eddy run live-ticks.json --input ticks=- prints the recorded output (--host ${host})`, async () => {
      const producer = start([feed, '--rate', '200']);
      const job = start(['bin/eddy.js', 'run', 'public/examples/live-ticks.json', '--input', 'ticks=-', '--host', host]);
      producer.child.stdout!.pipe(job.child.stdin!);
      await until(() => job.out.closed);
      expect(job.out.stderr).toBe('');
      expect(job.out.code).toBe(0);
      expect(job.out.stdout.trim().split('\n').sort()).toEqual(expected.trim().split('\n').sort());
    });
  }

  it('ticks-feed.mjs --sse serves the ticks; ticks-sse.json reads them and prints the recorded output', async () => {
    const server = start([feed, '--sse', '0', '--rate', '200']);
    await until(() => server.out.stdout.includes('\n'));
    const url = server.out.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ticks$/);
    const doc = JSON.parse(readFileSync(join(root, 'public', 'examples', 'live', 'ticks-sse.json'), 'utf8'));
    expect(doc.nodes[0].params.url).toBe('http://127.0.0.1:8787/ticks');
    doc.nodes[0].params.url = url;
    const path = join(dir, 'ticks-sse.json');
    writeFileSync(path, JSON.stringify(doc));
    const job = start(['bin/eddy.js', 'run', path]);
    await until(() => job.out.closed);
    expect(job.out.stderr).toBe('');
    expect(job.out.code).toBe(0);
    expect(job.out.stdout.trim().split('\n').sort()).toEqual(expected.trim().split('\n').sort());
  });

  for (const host of ['inline', 'workers']) {
    it(`ticks-feed.mjs --ws serves the ticks; ticks-websocket.json reads them and prints the recorded output (--host ${host})`, async () => {
      const server = start([feed, '--ws', '0', '--rate', '200']);
      await until(() => server.out.stdout.includes('\n'));
      const url = server.out.stdout.trim();
      expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ticks$/);
      const doc = JSON.parse(readFileSync(join(root, 'public', 'examples', 'live', 'ticks-websocket.json'), 'utf8'));
      expect(doc.nodes[0].params.url).toBe('ws://127.0.0.1:8788/ticks');
      doc.nodes[0].params.url = url;
      const path = join(dir, `ticks-websocket-${host}.json`);
      writeFileSync(path, JSON.stringify(doc));
      const job = start(['bin/eddy.js', 'run', path, '--host', host]);
      await until(() => job.out.closed);
      expect(job.out.stderr).toBe('');
      expect(job.out.code).toBe(0);
      expect(job.out.stdout.trim().split('\n').sort()).toEqual(expected.trim().split('\n').sort());
    });
  }
});
