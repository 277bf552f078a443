import { describe, expect, it } from 'vitest';
import { type EditableJob, emptyJob } from '../store/job-types';
import { connectionProblem } from './connection-rules';

const doc: EditableJob = {
  ...emptyJob('t'),
  nodes: [
    { id: 'a', kind: 'source.collection', params: { records: [] } },
    { id: 'b', kind: 'source.collection', params: { records: [] } },
    { id: 'm', kind: 'map', params: { code: '(r) => r' } },
    { id: 'j', kind: 'join.interval', params: {} },
    { id: 's', kind: 'sink.collect' },
  ],
  edges: [{ from: 'a', to: 'm' }],
};

describe('connections while drawing', () => {
  it('accepts an output into an input', () => {
    expect(connectionProblem(doc, { source: 'm', target: 's', sourceHandle: 'out', targetHandle: 'in' })).toBeNull();
    expect(connectionProblem(doc, { source: 'a', target: 'j', sourceHandle: 'out', targetHandle: 'in1' })).toBeNull();
  });

  it('refuses a self loop', () => {
    expect(connectionProblem(doc, { source: 'm', target: 'm', sourceHandle: 'out', targetHandle: 'in' })).toMatch(/itself/);
  });

  it('refuses a target handle that is not an input of the target', () => {
    expect(connectionProblem(doc, { source: 'a', target: 'j', sourceHandle: 'out', targetHandle: 'in' })).toMatch(/no input "in"/);
    expect(connectionProblem(doc, { source: 'm', target: 'b', sourceHandle: 'out', targetHandle: 'in' })).toMatch(/no input/);
  });

  it('refuses a source handle that is not an output of the source', () => {
    expect(connectionProblem(doc, { source: 's', target: 'm', sourceHandle: 'out', targetHandle: 'in' })).toMatch(/no output/);
  });

  it('refuses a second identical edge', () => {
    expect(connectionProblem(doc, { source: 'a', target: 'm', sourceHandle: 'out', targetHandle: 'in' })).toMatch(/already connected/);
  });

  it('leaves other rules to validation (a second stream into a one-stream input is drawn)', () => {
    expect(connectionProblem(doc, { source: 'b', target: 'm', sourceHandle: 'out', targetHandle: 'in' })).toBeNull();
  });
});
