import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceController } from '../../engine/index';
import { until } from '../../engine/testing/until';
import { controllerLabClient } from '../client/lab-client';
import { parseVariantValue, variantJob } from '../lab/compare';
import { timelineAt } from '../lab/timeline-index';
import { createAppStore } from './app-store';
import type { EditableJob } from './job-types';

const lateData = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'examples', 'late-data.json'), 'utf8')) as EditableJob;

function labStore() {
  const store = createAppStore({ labClient: () => controllerLabClient(new TraceController()) });
  store.getState().loadJob(lateData);
  return store;
}

describe('Compare in the lab', () => {
  it('traces the same input with allowed lateness 0 beside 5 s, in lockstep with the lab', async () => {
    const store = labStore();
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    await s().labGoTo(3);
    s().startLabCompare({ node: 'sum-10s', param: 'allowedLatenessMs', value: 0 });
    await until(() => s().labCompareStatus === 'ready' && s().labComparePosition === 3);
    await s().labRunToBreakpoint();
    const end = s().labPosition;
    await until(() => s().labComparePosition === s().labCompareLength);
    expect(s().labCompareLength).toBe(end);
    // The record at 9 s (value 5) fires its window again with 5 s of lateness; without, it goes to the side output.
    const a = timelineAt(s().labTrace.steps, 'sum-10s', end - 1, 5000);
    const b = timelineAt(s().labCompareTrace.steps, 'sum-10s', end - 1, 0);
    const fate = (m: typeof a, value: number) => m.records.find((r) => (r.value as { value: number }).value === value)?.fate;
    expect(fate(a, 5)).toBe('late');
    expect(fate(b, 5)).toBe('side-output');
    // Stepping back moves both.
    await s().labGoTo(2);
    await until(() => s().labComparePosition === 2);
    s().stopLabCompare();
    expect(s().labCompare).toBeNull();
    expect(s().labCompareTrace.steps).toEqual([]);
  });

  it('names the node and the param of a bad comparison', () => {
    expect(() => variantJob(lateData, { node: 'nope', param: 'x', value: 1 })).toThrow('Compare: the job has no node "nope"');
    expect(parseVariantValue('sum-10s', 'assigner', '{"type": ')).toEqual({ ok: false, error: 'Compare: the value for assigner of node sum-10s is not JSON ({"type":)' });
    expect(parseVariantValue('sum-10s', 'allowedLatenessMs', '2000')).toEqual({ ok: true, value: 2000 });
  });

  it('says why the variant cannot run: the engine names the node and field', async () => {
    const store = labStore();
    const s = () => store.getState();
    s().enterLab();
    await until(() => s().labStatus === 'ready');
    s().startLabCompare({ node: 'sum-10s', param: 'allowedLatenessMs', value: 'lots' });
    await until(() => s().labCompareStatus === 'invalid');
    expect(s().labCompareProblems.join()).toContain('sum-10s');
  });
});
