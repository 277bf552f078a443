// The CLI as one esbuild bundle (with lazily loaded chunks for `trace` and SQL), built once per
// version of the files it contains (engine/host/node/sources-key.mjs), like the slot runtime,
// and kept in node_modules/.cache, where the dependencies left outside it resolve. A start then loads plain JavaScript instead of
// compiling the engine's TypeScript through tsx (~1.5 s).
// Each module keeps its own `import.meta.url` (rewritten to its source file's URL), so paths
// relative to a source file — worker entry points, the engine folder — resolve as without the bundle.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleInputs, findBundle, forgetOldBundles, placeBundle } from '../engine/host/node/sources-key.mjs';

const engineDir = fileURLToPath(new URL('../engine/', import.meta.url));

/** The CLI's bundled entry points: the CLI itself, and its usage text alone (for `--help`). */
const ENTRIES = { main: 'main.ts', args: 'args.ts' };

/** Attempts at a bundle whose files did not change while esbuild read them. */
const BUILD_ATTEMPTS = 3;

/** The bundle's folder, building it first if needed. */
export async function bundledCli() {
  const cache = join(engineDir, '..', 'node_modules', '.cache');
  const recipe = join(engineDir, 'cli', ENTRIES.main);
  const found = findBundle(cache, 'eddy-cli', '', recipe);
  if (found !== null && existsSync(join(found, 'main.mjs'))) return found;
  const { build, transform } = await import('esbuild');
  const root = join(engineDir, '..');
  for (let attempt = 1; ; attempt++) {
    const partial = join(cache, `eddy-cli-build.${process.pid}.tmp`);
    rmSync(partial, { recursive: true, force: true });
    const builtAt = Date.now();
    const { metafile } = await build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(engineDir, 'cli', file)])),
      absWorkingDir: root,
      outdir: partial,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      metafile: true,
      // Smaller to parse at every start; names stay as written, for stack traces.
      minifyWhitespace: true,
      minifySyntax: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // esbuild is a native package (the slot runtime's bundler); tsx is the fallback.
      external: ['esbuild', 'tsx', 'tsx/*'],
      // CommonJS dependencies inside an ES module need a `require`.
      banner: { js: "import { createRequire as __eddyRequire } from 'node:module'; const require = __eddyRequire(import.meta.url);" },
      logLevel: 'silent',
      plugins: [
        {
          name: 'keep-import-meta-url',
          setup(b) {
            b.onLoad({ filter: /\/engine\/.*\.ts$/ }, async (args) => {
              const source = readFileSync(args.path, 'utf8');
              if (!source.includes('import.meta.url')) return undefined;
              // esbuild's own define touches code only, never a string that mentions it.
              const url = JSON.stringify(pathToFileURL(args.path).href);
              const { code } = await transform(source, { loader: 'ts', format: 'esm', define: { 'import.meta.url': url } });
              return { contents: code, loader: 'js' };
            });
          },
        },
      ],
    });
    // This file holds the build's options: editing it makes a new bundle too.
    const dir = placeBundle(cache, 'eddy-cli', '', recipe, bundleInputs(metafile, root, [fileURLToPath(import.meta.url)]), builtAt);
    if (dir === null) {
      rmSync(partial, { recursive: true, force: true });
      if (attempt < BUILD_ATTEMPTS) continue;
      throw new Error('the engine sources kept changing while the CLI was bundled');
    }
    try {
      // Renamed whole: a concurrent start never loads half a bundle.
      renameSync(partial, dir);
    } catch {
      // Another process finished first; its bundle is the same.
      rmSync(partial, { recursive: true, force: true });
    }
    forgetOldBundles(/^eddy-cli-[0-9a-f]{16}$/, dir, cache);
    return dir;
  }
}

/**
 * One of the CLI's modules (`main` or `args`): from the bundle, or the TypeScript sources through
 * tsx when esbuild cannot build it.
 */
export async function loadCli(entry = 'main') {
  try {
    return await import(pathToFileURL(join(await bundledCli(), `${entry}.mjs`)).href);
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return entry === 'args' ? import('../engine/cli/args.ts') : import('../engine/cli/main.ts');
  }
}
