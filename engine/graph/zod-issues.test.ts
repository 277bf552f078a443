import { describe, expect, it } from 'vitest';
import { JobDocumentSchema } from './schema.js';
import { closest, describeValue, formatPath, jobErrorsFromIssues } from './zod-issues.js';

function errorsFor(doc: unknown) {
  const r = JobDocumentSchema.safeParse(doc, { reportInput: true });
  return r.success ? [] : jobErrorsFromIssues(r.error.issues, doc);
}

describe('zod issues in plain words', () => {
  it('formats paths as users write them', () => {
    expect(formatPath(['params', 'records', 3, '$watermark'])).toBe('params.records[3].$watermark');
  });

  it('describes values briefly', () => {
    expect(describeValue(-5)).toBe('-5');
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(37)}..."`);
    expect(describeValue([1])).toBe('a list');
    expect(describeValue({})).toBe('an object');
  });

  it('suggests a close spelling, swaps included, and nothing for a distant word', () => {
    expect(closest('nmae', ['name', 'nodes'])).toBe('name');
    expect(closest('SIZEMS', ['sizeMs'])).toBe('sizeMs');
    expect(closest('banana', ['sizeMs', 'offsetMs'])).toBeUndefined();
  });

  it('names the node by id and the field relative to it', () => {
    const errors = errorsFor({ format: 'eddy/job@1', nodes: [{ id: 'm', kind: 'map', params: { code: 5 } }] });
    expect(errors).toEqual([{ code: 'invalid-param', nodeId: 'm', field: 'params.code', message: 'expected a string, got 5' }]);
  });

  it('falls back to the node index when the node has no usable id', () => {
    const errors = errorsFor({ format: 'eddy/job@1', nodes: [{ kind: 'map', params: { code: 'x' } }] });
    expect(errors).toEqual([{ code: 'missing-field', field: 'nodes[0].id', message: 'missing required field "id"' }]);
  });

  it('explains an unmarked watermark value with its unit', () => {
    const errors = errorsFor({ format: 'eddy/job@1', nodes: [{ id: 's', kind: 'source.collection', params: { records: [{ $watermark: 'x' }] } }] });
    expect(errors).toEqual([{ code: 'invalid-param', nodeId: 's', field: 'params.records[0].$watermark', message: 'a watermark marker needs a number (ms), got "x"' }]);
  });

  it('lists the options of a missing enum param', () => {
    const errors = errorsFor({ format: 'eddy/job@1', nodes: [{ id: 'a', kind: 'aggregate', params: { field: 'v' } }] });
    expect(errors).toEqual([{ code: 'missing-param', nodeId: 'a', field: 'params.fn', message: 'missing required param "fn": one of "sum", "min", "max", "minBy", "maxBy", "count", "avg"' }]);
  });
});
