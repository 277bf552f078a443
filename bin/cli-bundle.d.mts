/** The folder of the CLI's bundle (in node_modules/.cache), building it first if needed. */
export function bundledCli(): Promise<string>;
/** One of the CLI's modules (`main` or `args`): from the bundle, or the sources through tsx. */
export function loadCli(entry?: 'main' | 'args'): Promise<Record<string, unknown>>;
