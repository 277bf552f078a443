/**
 * `ctx.fetch` of asyncMap functions: the global `fetch`, with relative URLs resolved against the
 * job's base — the app's `examples/` folder in the browser, the job file's folder in the CLI —
 * so an example that fetches `data/x.json` reads the same file in both. Each host builds one:
 * `baseFetch` where the platform's fetch can reach the base (the browser, over HTTP),
 * `memoryFetch` over input texts held in memory (tests, the docs' examples), and
 * `node/file-fetch` reading files from disk (the CLI).
 */

/** A fetch whose relative URLs mean the job's base. */
export type JobFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A URL with a scheme (`https:`, `file:`, `data:`): not relative to anything. */
export function isAbsoluteUrl(url: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url);
}

/** The platform's fetch, relative URLs resolved against `base` (an absolute URL ending in `/`). */
export function baseFetch(base: string): JobFetch {
  return (url, init) => fetch(new URL(url, base), init);
}

/**
 * Relative URLs read the texts of `files` by the URL as written (`data/x.json`; a leading `./`
 * ignored), 404 for others; absolute URLs go to the platform's fetch.
 */
export function memoryFetch(files: Readonly<Record<string, string>>): JobFetch {
  return async (url, init) => {
    if (isAbsoluteUrl(url)) return fetch(url, init);
    const text = files[url.replace(/^\.\//, '')];
    return text === undefined ? notFound(url) : textResponse(url, text);
  };
}

/** A 200 response with `text` as its body, typed after the file's extension. */
export function textResponse(url: string, text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': contentType(url) } });
}

export function notFound(url: string): Response {
  return new Response(`not found: ${url}`, { status: 404, statusText: 'Not Found', headers: { 'content-type': 'text/plain' } });
}

function contentType(url: string): string {
  if (/\.json(\?|#|$)/i.test(url)) return 'application/json';
  if (/\.csv(\?|#|$)/i.test(url)) return 'text/csv';
  return 'text/plain';
}

/** A response as it crosses from a host's controller to a slot (structured-cloneable). */
export interface FetchedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Array<[string, string]>;
  readonly body: ArrayBuffer;
}

export async function toFetched(res: Response): Promise<FetchedResponse> {
  return { status: res.status, statusText: res.statusText, headers: [...res.headers], body: await res.arrayBuffer() };
}

export function fromFetched(f: FetchedResponse): Response {
  // Null-body statuses (204, 304) take no body.
  const body = f.status === 204 || f.status === 304 ? null : f.body;
  return new Response(body, { status: f.status, statusText: f.statusText, headers: f.headers });
}
