/**
 * Runs every example of docs/job-format.md and checks the output printed beside it, so the
 * user documentation cannot drift from the engine.
 *
 * An example is a ```json job block, optionally preceded by ```text file=NAME blocks (input
 * files, handed to the job by name) and followed by a ```jsonl output block (the CLI's lines)
 * and optionally ```text written=NAME blocks (what file sinks write). At parallelism 1 the lines
 * must match exactly and in order; at parallelism 4 as a multiset, except for examples marked
 * ```json job order-dependent, which must only run to the end with as many results.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_KIND_NAMES } from '../engine/graph/schema-params.js';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { main } from '../engine/cli/main.js';
import { runJob } from '../engine/run-job.js';
import { DOC, ROOT, docsExamples } from './docs-examples-parse.js';

/** A collected record as the CLI prints it (with its row kind when it is not an INSERT). */
function line(r: { sink: string; op?: string; value: unknown }): string {
  return `{"sink":${JSON.stringify(r.sink)},${r.op ? `"op":"${r.op}",` : ''}"value":${JSON.stringify(r.value) ?? 'null'}}`;
}

function sortedLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '').sort();
}

function kindsOf(job: unknown): string[] {
  const nodes = (job as { nodes?: { kind?: unknown }[] }).nodes ?? [];
  return nodes.map((n) => String(n.kind));
}

const examples = docsExamples();
/** Live kinds: their examples need a server, so they are shown (plain ```json), not run. */
const NEED_A_SERVER: readonly string[] = ['source.websocket', 'sink.websocket', 'source.sse'];

describe('docs/job-format.md examples', () => {
  it('has examples with distinct names', () => {
    expect(examples.length).toBeGreaterThan(NODE_KIND_NAMES.length);
    const names = examples.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('has an example for every node kind, under the heading that names it', () => {
    const missing = NODE_KIND_NAMES.filter(
      (kind) => !NEED_A_SERVER.includes(kind) && !examples.some((e) => e.headings.some((h) => h.includes('`' + kind + '`')) && kindsOf(e.job).includes(kind)),
    );
    expect(missing).toEqual([]);
    const text = readFileSync(DOC, 'utf8');
    expect(NEED_A_SERVER.filter((kind) => !text.includes('### `' + kind + '`'))).toEqual([]);
  });

  for (const ex of examples) {
    it(`${ex.name} (line ${ex.line})`, async () => {
      const p1 = await runJob(ex.job, { clock: 'virtual', parallelism: 1, files: ex.inputs });
      expect(p1.results.map(line)).toEqual(ex.output);
      for (const [path, text] of Object.entries(ex.written)) expect(p1.files[path]).toBe(text);

      const p4 = await runJob(ex.job, { clock: 'virtual', parallelism: 4, files: ex.inputs });
      if (ex.orderDependent) {
        expect(p4.results).toHaveLength(ex.output.length);
        return;
      }
      expect(p4.results.map(line).sort()).toEqual([...ex.output].sort());
      for (const [path, text] of Object.entries(ex.written)) expect(sortedLines(p4.files[path] ?? '')).toEqual(sortedLines(text));
    });
  }

  // The same examples in worker-thread slots. Processing-time examples need the virtual clock,
  // which only the inline host has.
  for (const ex of examples.filter((e) => !e.orderDependent && !JSON.stringify(e.job).includes('"processing"'))) {
    it(`${ex.name} (line ${ex.line}) in worker slots at parallelism 2`, async () => {
      const r = await runJob(ex.job, { parallelism: 2, files: ex.inputs, spawner: nodeSlotSpawner });
      expect(r.results.map(line).sort()).toEqual([...ex.output].sort());
    });
  }
});

describe('the eddy CLI', () => {
  it('prints the documented lines for the source.file example, reading the file beside the job', async () => {
    const ex = examples.find((e) => kindsOf(e.job).includes('source.file') && Object.keys(e.inputs).length > 0);
    if (!ex) throw new Error('docs/job-format.md has no source.file example with an input file');
    const dir = mkdtempSync(join(tmpdir(), 'eddy-docs-'));
    try {
      const jobPath = join(dir, 'job.json');
      writeFileSync(jobPath, JSON.stringify(ex.job));
      for (const [name, text] of Object.entries(ex.inputs)) writeFileSync(join(dir, name), text);
      // Run from the repository root: the job's relative `path` must resolve against the job's folder.
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['bin/eddy.js', 'run', jobPath], { cwd: ROOT }, (error, out, err) => {
          if (error) reject(new Error(`eddy run failed (${error.code}): ${err}`));
          else resolve(out);
        });
      });
      expect(stdout.split('\n').filter((l) => l !== '')).toEqual(ex.output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Every example, through the CLI's own entry point (in-process: same code as `npx eddy run`).
  for (const ex of examples) {
    it(`eddy run prints the documented lines: ${ex.name} (line ${ex.line})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'eddy-docs-'));
      try {
        const jobPath = join(dir, 'job.json');
        writeFileSync(jobPath, JSON.stringify(ex.job));
        for (const [name, text] of Object.entries(ex.inputs)) writeFileSync(join(dir, name), text);
        let stdout = '';
        let stderr = '';
        const clock = JSON.stringify(ex.job).includes('"processing"') ? ['--clock', 'virtual'] : [];
        const code = await main(['run', jobPath, ...clock], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout.split('\n').filter((l) => l !== '')).toEqual(ex.output);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
