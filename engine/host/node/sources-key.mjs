// Names for the esbuild bundles made from the engine's sources (the slot runtime, node-slots.ts;
// the CLI, bin/cli-bundle.mjs): a key over exactly the files esbuild read to make a bundle — path,
// size and modification time of each, as its metafile lists them — recorded beside the bundles,
// so only an edit to a file a bundle contains makes a new one (a benchmark, a test or a README
// edited in the middle of a measurement does not). Plain JavaScript because the CLI's entry point
// needs it before anything can compile TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** 16 hex digits naming `files` (absolute paths) as they are now; throws when one is gone. */
export function filesKey(files) {
  const hash = createHash('sha256');
  for (const path of [...files].sort()) {
    const st = statSync(path);
    hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The files an esbuild metafile says went into a bundle, as absolute paths (`workingDir` is the
 * build's absWorkingDir), plus `extra` ones (the file holding the build's options).
 */
export function bundleInputs(metafile, workingDir, extra = []) {
  const inputs = new Set(extra);
  for (const path of Object.keys(metafile.inputs)) {
    // Virtual inputs ("<define:…>", "(disabled):…") are no files.
    const file = isAbsolute(path) ? path : resolve(workingDir, path);
    if (existsSync(file)) inputs.add(file);
  }
  return [...inputs];
}

/** The record of the inputs of the bundles `name` made for `recipe` (an entry point, say). */
const inputsRecord = (folder, name, recipe) => join(folder, `${name}-inputs-${sha(recipe)}.json`);

/** The files recorded for the bundles `name` of `recipe` in `folder`, or null when none are. */
export function recordedInputs(folder, name, recipe) {
  try {
    return JSON.parse(readFileSync(inputsRecord(folder, name, recipe), 'utf8')).inputs;
  } catch {
    return null;
  }
}

/**
 * The bundle `name-<key><suffix>` in `folder` made from the files recorded for `recipe`, as they
 * are now; null when there is none (never built, or one of its files changed or went away).
 */
export function findBundle(folder, name, suffix, recipe) {
  const inputs = recordedInputs(folder, name, recipe);
  if (inputs === null) return null;
  try {
    const path = join(folder, `${name}-${filesKey(inputs)}${suffix}`);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Where to keep a bundle just made from `inputs` (bundleInputs) for `recipe`, recording them for
 * findBundle; null when one of them changed after `builtAt` (ms, taken before the build), so the
 * bundle may hold its older text: build again.
 */
export function placeBundle(folder, name, suffix, recipe, inputs, builtAt) {
  for (const path of inputs) if (statSync(path).mtimeMs > builtAt) return null;
  const record = inputsRecord(folder, name, recipe);
  // Written whole, then renamed: a concurrent start never reads half a record.
  const partial = `${record}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify({ recipe, inputs }));
  renameSync(partial, record);
  return join(folder, `${name}-${filesKey(inputs)}${suffix}`);
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
