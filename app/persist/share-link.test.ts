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

  it('name the field whose value the editor cannot show, instead of opening the job', () => {
    const link = (job: unknown) => `#job=${toBase64Url(JSON.stringify(job))}`;
    const base = { format: 'eddy/job@1', nodes: [{ id: 'a', kind: 'map', params: { code: '(r) => r' } }], edges: [] };
    expect(jobFromHash(link({ ...base, nodes: [{ id: 'a', kind: 'map', name: { x: 1 } }] }))).toBe('node "a": "name" must be text, got {"x":1}');
    expect(jobFromHash(link({ ...base, nodes: [{ id: 'a', kind: 'map', params: 'oops' }] }))).toBe('node "a": "params" must be an object, got "oops"');
    expect(jobFromHash(link({ ...base, nodes: [{ id: 'a', kind: 'map', parallelism: '2' }] }))).toBe('node "a": "parallelism" must be a number, got "2"');
    expect(jobFromHash(link({ ...base, name: ['x'] }))).toBe('the job\'s "name" must be text, got ["x"]');
    expect(jobFromHash(link({ ...base, edges: [{ from: 'a', to: 'a', fromPort: 7 }] }))).toBe('edges[0]: "fromPort" must be text, got 7');
    expect(jobFromHash(link({ ...base, nodes: [{ id: 'a', kind: 'map' }, { id: 'b' }] }))).toBe('nodes[1] needs a string "id" and "kind"');
  });

  it('drop layout entries the editor cannot place a node at, keeping the rest', () => {
    const job = { format: 'eddy/job@1', nodes: [{ id: 'a', kind: 'map' }, { id: 'b', kind: 'map' }], edges: [], layout: { a: { x: 'left', y: 0 }, b: { x: 1, y: 2 }, c: null } };
    expect((jobFromHash(`#job=${toBase64Url(JSON.stringify(job))}`) as EditableJob).layout).toEqual({ b: { x: 1, y: 2 } });
  });

  it('explain a damaged or non-job link', () => {
    expect(jobFromHash('#job=%%%')).toMatch(/damaged/);
    expect(jobFromHash(`#job=${toBase64Url('{"format":"other"}')}`)).toMatch(/eddy\/job@1/);
  });
});
