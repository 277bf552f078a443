/**
 * Throughput of the batch codec against structured clone, for a few batch shapes.
 * Run: `npx tsx engine/net/batch-codec.bench.ts [seconds-per-case]`. Not a test: the numbers
 * depend on the machine; compare ratios within one run.
 */
import { BatchEncoder, decodeBatch } from './batch-codec.js';

const BATCH = 1024;
const seconds = Number(process.argv[2] ?? 0.5);

function makeBatch(kind: string, seed: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < BATCH; i++) {
    const k = (seed * 7919 + i * 104729) % 1000;
    if (kind === 'keyed') out.push({ key: `key-${k}`, value: (i * 31 + seed) % 1000, ts: seed * BATCH + i });
    else if (kind === 'epoch-ms') out.push({ key: `key-${k}`, value: (i * 31 + seed) % 1000 + 0.5, ts: 1_700_000_000_000 + seed * BATCH + i });
    else if (kind === 'numbers') out.push(i * 1.5 + seed);
    else if (kind === 'nested') out.push({ id: i, user: { name: `user-${k}`, tags: ['a', 'b'] }, ok: i % 2 === 0 });
    else out.push(i % 2 === 0 ? { key: `key-${k}`, value: i } : { value: i, key: `key-${k}` });
  }
  return out;
}

/** Runs `fn` repeatedly for about `seconds`; returns records per second. */
function measure(fn: () => void): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up: let the JIT settle
  let batches = 0;
  const start = performance.now();
  let now = start;
  while (now - start < seconds * 1000) {
    for (let i = 0; i < 50; i++) fn();
    batches += 50;
    now = performance.now();
  }
  return (batches * BATCH) / ((now - start) / 1000);
}

const fmt = (r: number) => `${(r / 1e6).toFixed(1).padStart(6)} M/s`;

console.log(`batch codec, ${BATCH} records per batch, ${seconds}s per case, node ${process.version}`);
for (const kind of ['keyed', 'epoch-ms', 'numbers', 'nested', 'irregular']) {
  const batches = Array.from({ length: 16 }, (_, s) => makeBatch(kind, s));
  const ts = new Float64Array(BATCH).map((_, i) => i);
  const encoder = new BatchEncoder();
  const pool = batches.map((b) => encoder.encode(b, ts, BATCH));
  let b = 0;
  let sink = 0;
  const encode = measure(() => {
    const slot = pool[b & 15]!;
    const r = encoder.encode(batches[b & 15]!, ts, BATCH, slot.buffer);
    slot.buffer = r.buffer;
    slot.byteLength = r.byteLength;
    b++;
  });
  const decode = measure(() => {
    const slot = pool[b++ & 15]!;
    sink += decodeBatch(slot.buffer, slot.byteLength).length;
  });
  const clone = measure(() => {
    sink += (structuredClone(batches[b++ & 15]) as unknown[]).length;
  });
  const bytes = pool[0]!.byteLength / BATCH;
  console.log(
    `${kind.padEnd(10)} encode ${fmt(encode)}  decode ${fmt(decode)}  round trip ${fmt(1 / (1 / encode + 1 / decode))}` +
      `  structuredClone ${fmt(clone)}  ${bytes.toFixed(1)} B/record${sink < 0 ? '' : ''}`,
  );
}
