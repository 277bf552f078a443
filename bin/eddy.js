#!/usr/bin/env node
// Entry point of `npx eddy`. `--version` answers at once and `--help` loads only the usage text;
// everything else runs the CLI from a bundle built once per version of the engine's sources
// (bin/cli-bundle.mjs), or through tsx.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv[0] === '--version' || argv[0] === '-V') {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`eddy ${version}\n`);
} else if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
  const { loadCli } = await import('./cli-bundle.mjs');
  process.stdout.write(`${(await loadCli('args')).USAGE}\n`);
} else {
  const { loadCli } = await import('./cli-bundle.mjs');
  const { main } = await loadCli();
  process.exitCode = await main(argv);
}
