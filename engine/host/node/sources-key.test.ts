import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleInputs, findBundle, placeBundle, recordedInputs } from './sources-key.mjs';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Sets a file's modification time to `secondsAgo`: distinct times for each edit, without waiting for the clock. */
function touch(path: string, secondsAgo: number): void {
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

/** A small source tree beside the engine's shape: an entry, a module it imports, a bench and a test it does not. */
function world() {
  const root = mkdtempSync(join(tmpdir(), 'eddy-sources-key-'));
  made.push(root);
  mkdirSync(join(root, 'src'));
  const file = (name: string, text: string) => {
    const path = join(root, 'src', name);
    writeFileSync(path, text);
    touch(path, 1000);
    return path;
  };
  const entry = file('entry.ts', "import { used } from './used.js';\nexport const answer = used + 1;\n");
  const used = file('used.ts', 'export const used: number = 41;\n');
  const bench = file('used.bench.ts', "import { used } from './used.js';\nconsole.log(used);\n");
  const test = file('used.test.ts', "import { used } from './used.js';\nexport const t = used;\n");
  const out = join(root, 'bundles');
  mkdirSync(out);
  let builds = 0;
  /** The bundle for `entry`, as node-slots.ts gets it: the recorded one, or a new build. */
  const bundle = (): string => {
    const found = findBundle(out, 'b', '.mjs', entry);
    if (found !== null) return found;
    builds++;
    const builtAt = Date.now();
    const { metafile, outputFiles } = buildSync({ entryPoints: [entry], absWorkingDir: root, bundle: true, format: 'esm', write: false, metafile: true });
    const path = placeBundle(out, 'b', '.mjs', entry, bundleInputs(metafile, root), builtAt);
    if (path === null) throw new Error('an input changed during the build');
    writeFileSync(path, outputFiles[0]!.contents);
    return path;
  };
  return { root, out, entry, used, bench, test, bundle, builds: () => builds };
}

describe('bundle keys over the files a bundle contains', () => {
  it('records exactly the files esbuild read, not the benches and tests beside them', () => {
    const w = world();
    w.bundle();
    expect(recordedInputs(w.out, 'b', w.entry)?.sort()).toEqual([w.entry, w.used].sort());
  });

  it('reuses the bundle when a bench or a test beside its sources is edited, and builds a new one when a source it contains is', () => {
    const w = world();
    const first = w.bundle();
    expect(w.bundle()).toBe(first);
    touch(w.bench, 500);
    writeFileSync(w.test, '// edited\n');
    touch(w.test, 400);
    expect(w.bundle()).toBe(first);
    expect(w.builds()).toBe(1);
    touch(w.used, 300);
    const second = w.bundle();
    expect(second).not.toBe(first);
    expect(w.builds()).toBe(2);
    expect(w.bundle()).toBe(second);
  });

  it('builds again when a file it contains goes away or its record is missing', () => {
    const w = world();
    w.bundle();
    rmSync(w.used);
    expect(findBundle(w.out, 'b', '.mjs', w.entry)).toBeNull();
    expect(findBundle(w.out, 'b', '.mjs', join(w.root, 'src', 'other.ts'))).toBeNull();
  });

  it('refuses to name a bundle after files edited while it was being built', () => {
    const w = world();
    const builtAt = Date.now() - 100_000;
    touch(w.used, 50);
    expect(placeBundle(w.out, 'b', '.mjs', w.entry, [w.entry, w.used], builtAt)).toBeNull();
    expect(placeBundle(w.out, 'b', '.mjs', w.entry, [w.entry], builtAt)).toMatch(/b-[0-9a-f]{16}\.mjs$/);
  });
});
