import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { type EditableJob, emptyJob } from '../store/job-types';
import { fullCodeCheck, validateFully, validateOnPage } from './job-validation';

const withCode = (code: string): EditableJob => ({
  ...emptyJob('t'),
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ v: 1 }] } },
    { id: 'm', kind: 'map', params: { code } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'm' },
    { from: 'm', to: 'out' },
  ],
  layout: {},
});

// One file, one module state: these run in order, before and after the full check loads.
describe('validation on the page', () => {
  it('decides plain JavaScript at once, without the full code check', () => {
    const page = validateOnPage(withCode('(r) => r.v * 2'));
    expect(page).toMatchObject({ complete: true, result: { ok: true } });
  });

  it('reports code that is not JavaScript once the full check has loaded, on its node and field', async () => {
    const store = createAppStore({ startJob: () => { throw new Error('no runs here'); } });
    store.getState().loadJob(withCode('(r: { v: number }) => r.v *'));
    expect(validateOnPage(store.getState().doc).complete).toBe(false);
    await fullCodeCheck();
    await Promise.resolve();
    expect(store.getState().problems.map((p) => [p.nodeId, p.field])).toEqual([['m', 'params.code']]);
  });

  it('validateFully accepts TypeScript and rejects broken code like the engine', async () => {
    expect((await validateFully(withCode('(r: { v: number }): number => r.v'))).ok).toBe(true);
    const broken = await validateFully(withCode('(r) => r.v *'));
    expect(broken.ok).toBe(false);
  });

  it('after loading, page checks are complete', () => {
    expect(validateOnPage(withCode('(r: { v: number }) => r.v *')).complete).toBe(true);
    expect(validateOnPage(withCode('(r: { v: number }) => r.v')).result.ok).toBe(true);
  });
});
