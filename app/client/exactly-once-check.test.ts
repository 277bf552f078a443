import { describe, expect, it } from 'vitest';
import { type ChaosLogEntry, checkApplicability, compareOutputs, describeComparison } from './exactly-once-check';

const entry = (kind: ChaosLogEntry['kind']): ChaosLogEntry => ({ kind, at: 0, text: kind });
const r = (sink: string, value: unknown) => ({ sink, value });

describe('the exactly-once check', () => {
  it('applies after failures with checkpoints on, and not after injected records or an idle source', () => {
    const cp = { mode: 'exactly-once' };
    expect(checkApplicability([entry('kill-slot'), entry('throw-next')], cp)).toEqual({ applies: true, note: expect.stringContaining('starts the watermark over') });
    expect(checkApplicability([entry('kill-slot')], null)).toMatchObject({ applies: false, reason: expect.stringContaining('no checkpoints') });
    expect(checkApplicability([entry('throw-next'), entry('inject-record')], cp)).toMatchObject({ applies: false, reason: expect.stringContaining('injected') });
    expect(checkApplicability([entry('idle-source')], cp)).toMatchObject({ applies: false, reason: expect.stringContaining('idle') });
    expect(checkApplicability([entry('slow')], cp)).toMatchObject({ applies: true, note: expect.stringContaining('delay') });
    expect(checkApplicability([entry('kill-slot')], { mode: 'at-least-once' })).toMatchObject({ applies: true, note: expect.stringContaining('duplicated') });
  });

  it('compares outputs as multisets of sink and value, whatever their order', () => {
    const c = compareOutputs([r('out', { n: 2 }), r('out', { n: 1 })], [r('out', { n: 1 }), r('out', { n: 2 })]);
    expect(c.equal).toBe(true);
    expect(describeComparison(c).headline).toBe('Output equals an undisturbed run: yes — 2 records, exactly-once held');
  });

  it('lists missing, duplicated and unexpected records, the undisturbed run\'s order first', () => {
    const expected = [r('out', 1), r('out', 2), r('out', 3), r('late', 4)];
    const actual = [r('out', 3), r('out', 3), r('out', 1), r('out', 9), r('late', 4)];
    const c = compareOutputs(actual, expected);
    expect(c.equal).toBe(false);
    expect(c.differences).toEqual([
      { sink: 'out', value: 2, actual: 0, expected: 1 },
      { sink: 'out', value: 3, actual: 2, expected: 1 },
      { sink: 'out', value: 9, actual: 1, expected: 0 },
    ]);
    const text = describeComparison(c);
    expect(text.headline).toBe('Output equals an undisturbed run: no — 5 records instead of 4, 3 differing');
    expect(text.lines).toEqual(['out: 2 — missing', 'out: 3 — duplicated (2× instead of 1×)', 'out: 9 — unexpected (1×)']);
    expect(compareOutputs(actual, expected, 1).differences).toHaveLength(1);
    expect(describeComparison(compareOutputs(actual, expected, 1)).headline).toContain('(the first 1 listed)');
  });

  it('tells a changelog\'s row kinds apart: an update before is not an update after', () => {
    const u = (op: string, value: unknown) => ({ sink: 'out', op, value });
    expect(compareOutputs([u('+I', 1), u('-U', 1), u('+U', 2)], [{ sink: 'out', value: 1 }, u('-U', 1), u('+U', 2)]).equal).toBe(true);
    const c = compareOutputs([u('+I', 1), u('+U', 1), u('+U', 2)], [u('+I', 1), u('-U', 1), u('+U', 2)]);
    expect(c.equal).toBe(false);
    expect(describeComparison(c).lines).toEqual(['out: -U 1 — missing', 'out: +U 1 — unexpected (1×)']);
  });
});
