import { describe, expect, it } from 'vitest';
import { validateJob, validateJobWith } from '../graph/validate.js';
import { checkUserCode } from './compile.js';
import { javaScriptSyntaxError, loadCodeSyntaxCheck } from './code-syntax.js';

const job = (code: string) => ({
  format: 'eddy/job@1',
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ v: 1 }] } },
    { id: 'm', kind: 'map', params: { code } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'm' },
    { from: 'm', to: 'out' },
  ],
});

describe('code syntax checks', () => {
  it('decides plain JavaScript without the TypeScript stripper', () => {
    expect(javaScriptSyntaxError('(r) => r.v * 2')).toBeNull();
    expect(javaScriptSyntaxError('({ processElement(r, ctx, out) { out.collect(r); } })')).toBeNull();
  });

  it('leaves TypeScript and broken code to the full check', () => {
    expect(javaScriptSyntaxError('(r: { v: number }) => r.v')).toMatch(/./);
    expect(javaScriptSyntaxError('(r) => r.v *')).toMatch(/./);
  });

  it('loads the full check: TypeScript parses, broken code does not', async () => {
    const check = await loadCodeSyntaxCheck();
    expect(check).toBe(checkUserCode);
    expect(check('(r: { v: number }): number => r.v')).toBeNull();
    expect(check('(r) => r.v *')).toMatch(/./);
  });

  it('validateJobWith reports what the handed-in check says, on the node and field', () => {
    const seen: string[] = [];
    const r = validateJobWith(job('(r) => r.v'), (code) => {
      seen.push(code);
      return 'nope';
    });
    expect(seen).toEqual(['(r) => r.v']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ code: expect.any(String), nodeId: 'm', field: 'params.code', message: 'code in "code" does not parse: nope' }]);
  });

  it('validateJob checks JavaScript and TypeScript exactly as the full check', () => {
    expect(validateJob(job('(r: { v: number }) => r.v')).ok).toBe(true);
    const broken = validateJob(job('(r: { v: number }) => r.v *'));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors.map((e) => [e.nodeId, e.field])).toEqual([['m', 'params.code']]);
  });
});
