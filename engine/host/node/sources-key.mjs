// A key for the engine's sources as they are now — path, size and modification time of each file,
// and the lock file's time for the bundled dependencies — naming the esbuild bundles made from them
// (the slot runtime, node-slots.ts; the CLI, bin/cli-bundle.mjs). Plain JavaScript because the CLI's
// entry point needs it before anything can compile TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** 16 hex digits naming the engine's sources under `engineDir`, and the `extra` files, as they are now. */
export function sourcesKey(engineDir, extra = []) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs|js)$/.test(entry.name) && !entry.name.includes('.test.')) {
        const st = statSync(path);
        hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(engineDir);
  for (const path of extra) {
    const st = statSync(path);
    hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
  }
  const lock = join(engineDir, '..', 'package-lock.json');
  if (existsSync(lock)) hash.update(`lock\0${statSync(lock).mtimeMs}`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Removes bundles in `folder` (default: the temp folder) whose names match `pattern` (files or
 * folders) and that were untouched for a week, except `current`: a running job may still use a recent one.
 */
export function forgetOldBundles(pattern, current, folder = tmpdir()) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (!pattern.test(name) || path === current) continue;
    try {
      if (statSync(path).mtimeMs < weekAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
