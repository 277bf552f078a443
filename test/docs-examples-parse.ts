/**
 * The examples of docs/job-format.md: a ```json job block, optionally preceded by ```text
 * file=NAME blocks (input files) and followed by a ```jsonl output block and ```text
 * written=NAME blocks. Shared by the tests that run them (docs-examples, trace).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DOC = join(ROOT, 'docs', 'job-format.md');

interface Block {
  readonly info: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Texts of the headings enclosing the block, outermost first. */
  readonly headings: readonly string[];
}

export interface Example {
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
export function parseExamples(markdown: string): Example[] {
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

/** Every example of docs/job-format.md. */
export function docsExamples(): Example[] {
  return parseExamples(readFileSync(DOC, 'utf8'));
}
