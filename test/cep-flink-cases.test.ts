/**
 * 38 CEP patterns — contiguity (Flink's docs), looping contiguity, quantifiers (times ranges,
 * greedy, optional, timesOrMore, times from 0), NOT stages (notNext / notFollowedBy in the
 * middle, after a loop, before an optional stage, at the end with within), iterative
 * conditions, within with timeouts, and every skip strategy (Flink's docs and
 * AfterMatchSkipITCase) — one sink each. The expected lines are what the job, exported with
 * `eddy export --to flink-java`, printed on Apache Flink 2.3.0 (`npm run test:flink` reruns that:
 * test/flink/cep.flink.ts). Eddy must print the same, inline and in worker slots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { runJob } from '../engine/run-job.js';

const dir = join(import.meta.dirname, 'fixtures');
const job = JSON.parse(readFileSync(join(dir, 'cep-flink-cases.json'), 'utf8'));
const flink = readFileSync(join(dir, 'cep-flink-cases.expected.jsonl'), 'utf8').trim().split('\n').sort();
const lines = (r: { results: readonly { sink: string; value: unknown }[] }) => r.results.map((x) => JSON.stringify({ sink: x.sink, value: x.value })).sort();

describe("cep.pattern against Flink's output", () => {
  it('gives the lines Flink printed, inline', async () => {
    expect(lines(await runJob(job, {}))).toEqual(flink);
  });

  it('gives the lines Flink printed, in worker slots at parallelism 2', async () => {
    expect(lines(await runJob(job, { parallelism: 2, spawner: nodeSlotSpawner }))).toEqual(flink);
  });
});
