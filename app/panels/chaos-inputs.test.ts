import { describe, expect, it } from 'vitest';
import type { EditableJob } from '../store/job-types';
import { chaosNodes, eventTimeField, lateEventTime, recordTemplate, withEventTime } from './chaos-inputs';

const doc = {
  format: 'eddy/job@1',
  name: 'j',
  parallelism: 2,
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [{ $watermark: 5 }, { k: 'a', t: 1 }] } },
    { id: 'wm', kind: 'watermarks', params: { timestampField: 'meta.t' } },
    { id: 'k', kind: 'keyBy', params: { field: 'k' } },
    { id: 'sink', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { from: 'src', to: 'wm' },
    { from: 'wm', to: 'k' },
    { from: 'k', to: 'sink' },
  ],
} as unknown as EditableJob;

describe('the Chaos tab\'s inputs', () => {
  it('lists nodes that run in tasks with their parallelism', () => {
    expect(chaosNodes(doc).map((n) => `${n.id}:${n.parallelism}`)).toEqual(['src:2', 'wm:2', 'sink:1']);
  });

  it('finds the event-time field of a source (its own, or the watermarks node after it) and sets it in a record', () => {
    expect(eventTimeField(doc, 'src')).toBe('meta.t');
    expect(withEventTime({ k: 'a', meta: { t: 1, x: 2 } }, 'meta.t', 900)).toEqual({ k: 'a', meta: { t: 900, x: 2 } });
    expect(withEventTime('text', 'ts', 900)).toBe('text');
    expect(recordTemplate(doc, 'src')).toBe('{"k":"a","t":1}');
  });

  it('defaults an injected record to 1 s behind the watermark', () => {
    expect(lateEventTime(5000)).toBe(4000);
    expect(lateEventTime(-Infinity)).toBe(0);
  });
});
