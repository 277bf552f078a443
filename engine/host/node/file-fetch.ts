/**
 * The CLI's `ctx.fetch`: relative URLs and `file:` URLs read files, relative to the job file's
 * folder (as `source.file` paths do); `http:` and `https:` URLs go to Node's fetch.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type JobFetch, notFound, textResponse } from '../job-fetch.js';

export function fileFetch(baseDir: string): JobFetch {
  const base = pathToFileURL(baseDir.endsWith('/') ? baseDir : `${baseDir}/`);
  return async (url, init) => {
    const resolved = new URL(url, base);
    if (resolved.protocol !== 'file:') return fetch(resolved, init);
    try {
      return textResponse(url, await readFile(fileURLToPath(resolved), 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return notFound(url);
      throw e;
    }
  };
}
