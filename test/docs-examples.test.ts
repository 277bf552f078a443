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
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_KIND_NAMES } from '../engine/graph/schema.js';
import { nodeSlotSpawner } from '../engine/host/node/node-slots.js';
import { main } from '../engine/cli/main.js';
import { runJob } from '../engine/run-job.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = join(ROOT, 'docs', 'job-format.md');

interface Block {
  readonly info: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Texts of the headings enclosing the block, outermost first. */
  readonly headings: readonly string[];
}

interface Example {
  readonly name: string;
  readonly line: number;
  readonly headings: readonly string[];
  readonly job: unknown;
  readonly orderDependent: boolean;
  readonly inputs: Record<string, string>;
  readonly output: string[];
  readonly written: Record<string, string>;
}

/** The fenced blocks of a markdown text, each with the headings above it. */
function parseBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  const stack: { level: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, text: heading[2]! });
      continue;
    }
    const fence = /^```(.*)$/.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`docs/job-format.md:${start + 1}: code block is never closed`);
    blocks.push({ info: fence[1]!.trim(), text: body.join('\n'), line: start + 1, headings: stack.map((h) => h.text) });
  }
  return blocks;
}

/** Groups blocks into examples: input files, the job, its output, written files. */
function parseExamples(markdown: string): Example[] {
  const blocks = parseBlocks(markdown);
  const examples: Example[] = [];
  let inputs: Record<string, string> = {};
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const file = /^text file=(\S+)$/.exec(b.info);
    if (file) {
      inputs[file[1]!] = b.text + '\n';
      continue;
    }
    if (b.info !== 'json job' && b.info !== 'json job order-dependent') continue;
    const where = `docs/job-format.md:${b.line}`;
    const out = blocks[i + 1];
    if (out?.info !== 'jsonl output') throw new Error(`${where}: a json job block must be followed by a jsonl output block`);
    i++;
    const written: Record<string, string> = {};
    for (let w: RegExpExecArray | null; i + 1 < blocks.length && (w = /^text written=(\S+)$/.exec(blocks[i + 1]!.info)); i++) {
      written[w[1]!] = blocks[i + 1]!.text + '\n';
    }
    let job: unknown;
    try {
      job = JSON.parse(b.text);
    } catch (e) {
      throw new Error(`${where}: the job is not valid JSON: ${(e as Error).message}`);
    }
    examples.push({
      name: b.headings[b.headings.length - 1] ?? `line ${b.line}`,
      line: b.line,
      headings: b.headings,
      job,
      orderDependent: b.info.endsWith('order-dependent'),
      inputs,
      output: out.text === '' ? [] : out.text.split('\n'),
      written,
    });
    inputs = {};
  }
  return examples;
}

/** A collected record as the CLI prints it. */
function line(r: { sink: string; value: unknown }): string {
  return `{"sink":${JSON.stringify(r.sink)},"value":${JSON.stringify(r.value) ?? 'null'}}`;
}

function sortedLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '').sort();
}

function kindsOf(job: unknown): string[] {
  const nodes = (job as { nodes?: { kind?: unknown }[] }).nodes ?? [];
  return nodes.map((n) => String(n.kind));
}

const examples = parseExamples(readFileSync(DOC, 'utf8'));

describe('docs/job-format.md examples', () => {
  it('has examples with distinct names', () => {
    expect(examples.length).toBeGreaterThan(NODE_KIND_NAMES.length);
    const names = examples.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('has an example for every node kind, under the heading that names it', () => {
    const missing = NODE_KIND_NAMES.filter(
      (kind) => !examples.some((e) => e.headings.some((h) => h.includes('`' + kind + '`')) && kindsOf(e.job).includes(kind)),
    );
    expect(missing).toEqual([]);
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
    }, 30_000);
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
        execFile(process.execPath, ['bin/eddy.js', 'run', jobPath], { cwd: ROOT, timeout: 15_000 }, (error, out, err) => {
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
