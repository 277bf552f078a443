import { describe, expect, it } from 'vitest';
import { type EditableJob, emptyJob } from '../store/job-types';
import { fromBase64Url, jobFromHash, shareLinkFor, toBase64Url } from './share-link';

const job: EditableJob = {
  ...emptyJob('Größe → ✓ 日本'),
  nodes: [{ id: 'm', kind: 'map', params: { code: '(r) => ({ ...r, note: "ü/+=" })' } }],
};

describe('share links', () => {
  it('encode text as base64url without padding and decode it back, UTF-8 included', () => {
    for (const text of ['', 'a', 'ab', 'abc', '??>>', 'Größe → ✓ 日本 🎉']) {
      const encoded = toBase64Url(text);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(encoded)).toBe(text);
    }
  });

  it('put the whole job in the hash of the page address and read it back', () => {
    const link = shareLinkFor(job, 'http://127.0.0.1:4173/?x=1#old');
    expect(link.startsWith('http://127.0.0.1:4173/?x=1#job=')).toBe(true);
    expect(jobFromHash(new URL(link).hash)).toEqual(job);
  });

  it('say nothing about hashes that hold no job', () => {
    expect(jobFromHash('')).toBeNull();
    expect(jobFromHash('#section')).toBeNull();
  });

  it('explain a damaged or non-job link', () => {
    expect(jobFromHash('#job=%%%')).toMatch(/damaged/);
    expect(jobFromHash(`#job=${toBase64Url('{"format":"other"}')}`)).toMatch(/eddy\/job@1/);
  });
});
