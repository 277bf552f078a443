/**
 * The receiving end of a keyed channel at parallelism 2: batches of `{key, value, ts}` records
 * (1000 keys, each key one string object on the sender, as the datagen source makes them) are
 * encoded, decoded, and every record's key is looked up in a `Map` as keyed state is — with and
 * without the channel's string dictionary. Prints the CPU time per record (process.cpuUsage, so
 * other load on the machine inflates it less than wall time does; compare the two lines of one
 * run). Run: `npx tsx engine/net/batch-codec-dictionary.bench.ts [batches=20000] [dict|plain|both]`.
 * Under `valgrind --tool=callgrind --smc-check=all-non-file` the instruction counts of `dict` and
 * `plain` runs compare without any noise from other load.
 */
import { BatchDecoder, BatchEncoder } from './batch-codec.js';

const BATCH = 1024;
const KEYS = 1000;
const batches = Number(process.argv[2] ?? 20_000);
const which = process.argv[3] ?? 'both';
const keyNames = Array.from({ length: KEYS }, (_, k) => `key-${k}`);

function run(dictionary: boolean, count: number): { cpuNsPerRecord: number; bytesPerRecord: number; checksum: number } {
  const encoder = new BatchEncoder({ dictionary });
  const decoder = new BatchDecoder();
  const state = new Map<string, { sum: number }>();
  const values: unknown[] = new Array(BATCH);
  const ts = new Float64Array(BATCH);
  let buffer: ArrayBuffer | undefined;
  let bytes = 0;
  let i = 0;
  const start = process.cpuUsage();
  for (let b = 0; b < count; b++) {
    for (let j = 0; j < BATCH; j++, i++) {
      values[j] = { key: keyNames[(Math.imul(i, 2654435761) >>> 0) % KEYS]!, value: i & 1023, ts: i };
      ts[j] = i;
    }
    const enc = encoder.encode(values, ts, BATCH, buffer);
    buffer = enc.buffer;
    bytes += enc.byteLength;
    const out = decoder.decode(enc.buffer, enc.byteLength).values as { key: string; value: number }[];
    for (let j = 0; j < BATCH; j++) {
      const r = out[j]!;
      let row = state.get(r.key);
      if (row === undefined) state.set(r.key, (row = { sum: 0 }));
      row.sum += r.value;
    }
  }
  const used = process.cpuUsage(start);
  let checksum = 0;
  for (const row of state.values()) checksum += row.sum;
  return { cpuNsPerRecord: ((used.user + used.system) * 1000) / (count * BATCH), bytesPerRecord: bytes / (count * BATCH), checksum };
}

const modes = which === 'both' ? [false, true, false, true] : [which === 'dict'];
run(true, 200); // warm-up
run(false, 200);
for (const dictionary of modes) {
  const r = run(dictionary, batches);
  console.log(`${dictionary ? 'dictionary' : 'plain     '}  ${r.cpuNsPerRecord.toFixed(1)} ns CPU/record (encode + decode + state lookup)  ${r.bytesPerRecord.toFixed(1)} B/record  checksum ${r.checksum}`);
}
