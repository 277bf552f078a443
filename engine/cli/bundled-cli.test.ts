// `npx eddy` starts from a bundle of the CLI (bin/cli-bundle.mjs), not from TypeScript compiled
// at every start. These run the real entry point as a user would.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundledCli } from '../../bin/cli-bundle.mjs';
import { USAGE } from './args.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const eddy = (...args: string[]) => run(process.execPath, ['bin/eddy.js', ...args], { cwd: root });

describe('npx eddy', () => {
  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect((await eddy('--version')).stdout).toBe(`eddy ${version}\n`);
  });

  it('prints the usage for --help, -h and help', async () => {
    for (const flag of ['--help', '-h', 'help']) expect((await eddy(flag)).stdout).toBe(`${USAGE}\n`);
  });

  it('runs from the bundle, whose worker entry points still resolve beside their sources', async () => {
    const job = join(root, 'public', 'examples', 'late-data.json');
    const expected = readFileSync(join(root, 'public', 'examples', 'expected', 'late-data.jsonl'), 'utf8');
    for (const host of ['inline', 'workers']) expect((await eddy('run', job, '--host', host)).stdout).toBe(expected);
    // The same, in this process, from the bundle's own module (not the sources).
    const dir = await bundledCli();
    expect(dir).toMatch(/node_modules[/\\].cache[/\\]eddy-cli-[0-9a-f]{16}$/);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['main.mjs', 'args.mjs']));
    const { main } = (await import(pathToFileURL(join(dir, 'main.mjs')).href)) as { main: typeof import('./main.js').main };
    let out = '';
    const code = await main(['run', job, '--host', 'workers', '--parallelism', '2'], { stdout: (t) => void (out += t), stderr: () => undefined });
    expect(code).toBe(0);
    expect(out.split('\n').sort()).toEqual(expected.split('\n').sort());
  });
});
