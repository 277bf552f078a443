import { describe, expect, it } from 'vitest';
import { lastSourceRecord, lateTimestamp, recordAt } from './chaos-defaults';
import type { TraceStep } from './trace-types';

const steps: TraceStep[] = [
  { step: 0, node: 'src', subtask: 0, events: [{ type: 'source.emit', node: 'src', offset: 0, value: { k: 'a', ts: 4000 } }] },
  { step: 1, node: 'w', subtask: 0, events: [{ type: 'watermark.in', node: 'w', channel: 0, watermark: 10999, combined: 10999 }] },
  { step: 2, node: 'w', subtask: 0, events: [{ type: 'watermark.in', node: 'w', channel: 0, watermark: Infinity, combined: Infinity }] },
];

describe('chaos defaults', () => {
  it('a default injected record is late by a second relative to the current watermark (0 before any)', () => {
    expect(lateTimestamp(steps, 0)).toBe(0);
    expect(lateTimestamp(steps, 2)).toBe(9999);
    // The end-of-input watermark is no time to be late against.
    expect(lateTimestamp(steps, 3)).toBe(9999);
  });

  it('shapes the record like the source’s last one, with its timestamp field set', () => {
    expect(lastSourceRecord(steps, 3, 'src')).toEqual({ k: 'a', ts: 4000 });
    expect(lastSourceRecord(steps, 3, 'other')).toBeUndefined();
    expect(recordAt({ k: 'a', ts: 4000 }, undefined, 9999)).toEqual({ k: 'a', ts: 9999 });
    expect(recordAt({ k: 'a', at: 1 }, 'at', 5)).toEqual({ k: 'a', at: 5 });
    expect(recordAt(7, 'ts', 5)).toEqual({ ts: 5 });
  });
});
