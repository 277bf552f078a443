/** 16 hex digits naming the engine's sources under `engineDir`, and the `extra` files, as they are now. */
export function sourcesKey(engineDir: string, extra?: readonly string[]): string;
/** Removes week-old bundles in `folder` (default: the temp folder) whose names match `pattern`, except `current`. */
export function forgetOldBundles(pattern: RegExp, current: string, folder?: string): void;
