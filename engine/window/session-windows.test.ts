import { describe, expect, it } from 'vitest';
import { SessionWindows } from './session-windows.js';
import { isMergingAssigner } from './window-assigner.js';

const clockAt = (t: number) => ({ currentProcessingTime: () => t });
const noClock = clockAt(0);
const starts = (ws: readonly { ns: string }[]) => ws.map((w) => w.ns);

describe('SessionWindows', () => {
  it('opens [t, t + gap) per record and is a merging assigner', () => {
    const a = new SessionWindows(3000, 'event');
    expect(starts(a.assignWindows(null, 1000, noClock))).toEqual(['1000:4000']);
    expect(isMergingAssigner(a)).toBe(true);
  });

  it('computes a dynamic gap per record', () => {
    const a = new SessionWindows((r: any) => r.gap, 'event');
    expect(starts(a.assignWindows({ gap: 50 }, 100, noClock))).toEqual(['100:150']);
  });

  it('fails on a dynamic gap that is not a positive number', () => {
    const a = new SessionWindows(() => 0, 'event');
    expect(() => a.assignWindows({}, 100, noClock)).toThrow(/0 < gap/);
  });

  it('starts processing-time sessions at the current processing time', () => {
    expect(starts(new SessionWindows(3000, 'processing').assignWindows(null, 1, clockAt(1000)))).toEqual(['1000:4000']);
  });
});
