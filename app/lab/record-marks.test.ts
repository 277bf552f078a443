import { describe, expect, it } from 'vitest';
import { recordMarkAttributes } from './record-marks';

describe('recordMarkAttributes', () => {
  it('gives a dot its record id, step, key, time, fate and place in whole pixels', () => {
    expect(recordMarkAttributes({ id: 0, step: 3, key: 's1', ts: 9000, fate: 'on-time', x: 100.4, y: 40.6, current: false })).toEqual({
      'data-record': '0',
      'data-step': '3',
      'data-key': 's1',
      'data-ts': '9000',
      'data-fate': 'on-time',
      style: 'left:100px;top:41px',
    });
  });

  it('marks the current step’s record, and only it', () => {
    expect(recordMarkAttributes({ id: 1, step: 7, key: 's1', ts: 4000, fate: 'late', x: 60, y: 41, current: true })['data-current']).toBe('');
    expect('data-current' in recordMarkAttributes({ id: 1, step: 7, key: 's1', ts: 4000, fate: 'late', x: 60, y: 41, current: false })).toBe(false);
  });
});
