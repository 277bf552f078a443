/**
 * Share links carry the whole job in the URL hash: `#job=` + base64url of the job's JSON
 * (UTF-8). Nothing is uploaded anywhere: the link is the job.
 */
import { type EditableJob, asEditableJob } from '../store/job-types';

const PREFIX = '#job=';

/**
 * The longest address a link may be: Chromium refuses longer URLs (2 MiB, `url::kMaxURLChars`),
 * opening a blank page instead, so a longer link could never open the job it holds.
 */
export const MAX_LINK_CHARS = 2 * 1024 * 1024;

/** Why a link cannot be shared (too long to open in a browser), or null when it can. */
export function linkTooLong(link: string): string | null {
  if (link.length <= MAX_LINK_CHARS) return null;
  return `this job makes a link of ${link.length.toLocaleString('en')} characters, and browsers open addresses of at most ${MAX_LINK_CHARS.toLocaleString('en')}: share the job file instead (Job → Export job)`;
}

/** base64url (RFC 4648 §5, no padding) of the UTF-8 bytes of `text`. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short for large jobs.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text `toBase64Url` encoded; throws on characters outside the base64url alphabet. */
export function fromBase64Url(encoded: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) throw new Error('not base64url');
  const b64 = encoded.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (encoded.length % 4)) % 4);
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** A link to `base` (the page's address without its hash) that opens `doc`. */
export function shareLinkFor(doc: EditableJob, base: string): string {
  return `${base.replace(/#.*$/, '')}${PREFIX}${toBase64Url(JSON.stringify(doc))}`;
}

/**
 * The job in a location hash: null when the hash holds no job, a sentence when it holds a
 * broken one, else the job.
 */
export function jobFromHash(hash: string): EditableJob | string | null {
  if (!hash.startsWith(PREFIX)) return null;
  let value: unknown;
  try {
    value = JSON.parse(fromBase64Url(hash.slice(PREFIX.length)));
  } catch {
    return 'the link is damaged: its job could not be read';
  }
  return asEditableJob(value);
}
