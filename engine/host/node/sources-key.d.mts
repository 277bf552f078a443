/** 16 hex digits naming `files` (absolute paths) as they are now; throws when one is gone. */
export function filesKey(files: readonly string[]): string;
/** The files an esbuild metafile says went into a bundle, as absolute paths, plus `extra` ones. */
export function bundleInputs(metafile: { inputs: Record<string, unknown> }, workingDir: string, extra?: readonly string[]): string[];
/** The files recorded for the bundles `name` of `recipe` in `folder`, or null when none are. */
export function recordedInputs(folder: string, name: string, recipe: string): string[] | null;
/** The bundle `name-<key><suffix>` in `folder` made from the files recorded for `recipe`, as they are now, or null. */
export function findBundle(folder: string, name: string, suffix: string, recipe: string): string | null;
/** Where to keep a bundle just made from `inputs` for `recipe` (recording them), or null when one changed after `builtAt`: build again. */
export function placeBundle(folder: string, name: string, suffix: string, recipe: string, inputs: readonly string[], builtAt: number): string | null;
/** Removes week-old bundles in `folder` (default: the temp folder) whose names match `pattern`, except `current`. */
export function forgetOldBundles(pattern: RegExp, current: string, folder?: string): void;
