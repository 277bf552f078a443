import { describe, expect, it } from 'vitest';
import { checkUserCode } from '../udf/compile.js';
import type { JobError } from './errors.js';
import { codeParamsOf, outputPorts } from './kinds.js';
import { validateJob, validateJobWith } from './validate.js';

const begin = { name: 'a', type: 'begin', where: '(e) => e.kind === "a"' };
const then = { name: 'b', type: 'followedBy', where: '(e) => e.kind === "b"' };

function job(params: Record<string, unknown>, keyed = true) {
  const nodes = [
    { id: 'src', kind: 'source.collection', params: { records: [{ k: 'x', kind: 'a', ts: 1 }], timestampField: 'ts' } },
    ...(keyed ? [{ id: 'by', kind: 'keyBy', params: { field: 'k' } }] : []),
    { id: 'cep', kind: 'cep.pattern', params: { select: '(m) => m', ...params } },
    { id: 'out', kind: 'sink.collect' },
  ];
  const ids = nodes.map((n) => n.id);
  return { format: 'eddy/job@1', nodes, edges: ids.slice(1).map((to, i) => ({ from: ids[i]!, to })) };
}

function errors(params: Record<string, unknown>): JobError[] {
  const r = validateJob(job(params));
  return r.ok ? [] : r.errors;
}

describe('cep.pattern params', () => {
  it('accepts a pattern on a keyed and on a non-keyed stream', () => {
    expect(validateJob(job({ pattern: [begin, then] })).ok).toBe(true);
    expect(validateJob(job({ pattern: [begin, then] }, false)).ok).toBe(true);
  });

  it('names the node and the stage field of each mistake', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ pattern: [{ ...begin, type: 'next' }] }, 'params.pattern[0].type', /first stage must be "begin"/],
      [{ pattern: [begin, { ...then, type: 'begin' }] }, 'params.pattern[1].type', /only for the first stage/],
      [{ pattern: [begin, { ...then, name: 'a' }] }, 'params.pattern[1].name', /duplicate stage name "a"/],
      [{ pattern: [begin, { ...then, times: 2, oneOrMore: true }] }, 'params.pattern[1].oneOrMore', /one quantifier/],
      [{ pattern: [begin, { ...then, greedy: true }] }, 'params.pattern[1].greedy', /only to a repeating stage/],
      [{ pattern: [begin, { ...then, oneOrMore: true, consecutive: true, allowCombinations: true }] }, 'params.pattern[1].allowCombinations', /only one of/],
      [{ pattern: [begin, { ...then, type: 'notNext', optional: true }] }, 'params.pattern[1].optional', /takes no quantifier/],
      [{ pattern: [{ ...begin, optional: true }, { ...then, type: 'notFollowedBy' }, { name: 'c', type: 'next' }] }, 'params.pattern[1].type', /optional stage cannot precede a NOT stage/],
      [{ pattern: [begin, { ...then, type: 'notFollowedBy' }] }, 'params.pattern[1].type', /cannot end with notFollowedBy without "withinMs"/],
      [{ pattern: [begin, then], afterMatchSkip: { skipToFirst: 'c' } }, 'params.afterMatchSkip.skipToFirst', /no stage is named "c"/],
      [{ pattern: [begin, { ...then, times: { from: 3, to: 2 } }] }, 'params.pattern[1].times.to', /must not be smaller/],
      [{ pattern: [] }, 'params.pattern', /./],
      [{ pattern: [begin], timeoutOutput: 'out' }, 'params.timeoutOutput', /differ from the main output/],
    ];
    for (const [params, field, message] of cases) {
      const errs = errors(params);
      const found = errs.find((e) => e.field === field);
      expect(found, `${JSON.stringify(params)} → ${JSON.stringify(errs)}`).toBeDefined();
      expect(found!.nodeId).toBe('cep');
      expect(found!.message).toMatch(message);
    }
  });

  it('accepts notFollowedBy at the end with withinMs', () => {
    expect(errors({ pattern: [begin, { ...then, type: 'notFollowedBy' }], withinMs: 1000 })).toEqual([]);
  });

  it("checks the syntax of each stage's condition as a code param", () => {
    expect(codeParamsOf('cep.pattern', { pattern: [begin, { name: 'b', type: 'next' }], select: 's' }).map((c) => c.path)).toEqual(['select', 'pattern.0.where']);
    const r = validateJobWith(job({ pattern: [begin, { ...then, where: '(e) => e.kind ===' }] }), checkUserCode);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.nodeId, e.field])).toEqual([['cep', 'params.pattern.1.where']]);
  });

  it('has the timeout and late outputs as side-output ports', () => {
    expect(outputPorts('cep.pattern', { timeoutOutput: 'timeouts', lateOutput: 'late' })).toEqual(['out', 'timeouts', 'late']);
  });
});
