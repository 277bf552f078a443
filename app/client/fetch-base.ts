/**
 * Where `ctx.fetch` resolves relative URLs in the browser: the app's examples folder, where the
 * shipped examples live — so `data/x.json` is the file the CLI reads beside an example's job.
 */
export function jobFetchBase(): string {
  return new URL('examples/', document.baseURI).href;
}
