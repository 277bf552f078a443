import { describe, expect, it } from 'vitest';
import { emptyJob } from '../store/job-types';
import { jobFileName, jobFileText, parseJobFile } from './job-file';

describe('job files', () => {
  it('round-trip a job, keeping fields the editor does not know', () => {
    const doc = { ...emptyJob('Clicks per minute'), checkpointing: { intervalMs: 1000 }, nodes: [{ id: 's', kind: 'sink.collect', colour: 'red' }] };
    expect(parseJobFile(jobFileText(doc))).toEqual(doc);
  });

  it('name the file after the job', () => {
    expect(jobFileName(emptyJob('Clicks per user, per minute!'))).toBe('clicks-per-user-per-minute.json');
    const { name: _, ...nameless } = emptyJob();
    expect(jobFileName(nameless)).toBe('job.json');
  });

  it('explain why a file is not a job', () => {
    expect(parseJobFile('{nope')).toMatch(/not JSON/);
    expect(parseJobFile('[]')).toMatch(/JSON object/);
    expect(parseJobFile('{"format":"eddy/job@1"}')).toMatch(/"nodes"/);
    expect(parseJobFile('{"format":"eddy/job@1","nodes":[{"id":"a"}]}')).toMatch(/nodes\[0\]/);
  });

  it('list every problem of a file the editor cannot hold, as the CLI does', () => {
    const text = parseJobFile(JSON.stringify({ format: 'eddy/job@1', nodes: [{ id: 'a', kind: 'map' }, { kind: 'sink.collect' }], edges: [{ from: 'a' }] }));
    expect(text).toMatch(/^4 problems: /);
    expect(text).toContain('field nodes[1].id: missing required field "id" [missing-field]');
    expect(text).toContain('field edges[0].to: missing required field "to" [missing-field]');
    expect(text).toContain('node "a", field params.code');
  });

  it('accept a job without edges or layout', () => {
    expect(parseJobFile('{"format":"eddy/job@1","nodes":[]}')).toEqual({ format: 'eddy/job@1', nodes: [], edges: [] });
  });
});
