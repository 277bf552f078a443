import { describe, expect, it } from 'vitest';
import { recordMarksHtml } from './record-marks';

describe('recordMarksHtml', () => {
  it('gives each dot its record id, step, key, time, fate and place, and marks the current step’s', () => {
    const html = recordMarksHtml([
      { id: 0, step: 3, key: 's1', ts: 9000, fate: 'on-time', x: 100.4, y: 40.6, current: false },
      { id: 1, step: 7, key: 's1', ts: 4000, fate: 'late', x: 60, y: 41, current: true },
    ]);
    expect(html).toBe(
      '<i class="lab-record-mark" data-record="0" data-step="3" data-key="s1" data-ts="9000" data-fate="on-time" style="left:100px;top:41px"></i>' +
        '<i class="lab-record-mark" data-record="1" data-step="7" data-key="s1" data-ts="4000" data-fate="late" data-current="" style="left:60px;top:41px"></i>',
    );
  });

  it('escapes keys, so a key with quotes or markup stays one attribute', () => {
    const html = recordMarksHtml([{ id: 2, step: 1, key: '{"a":"<b>&"}', ts: 0, fate: 'dropped', x: 0, y: 0, current: false }]);
    expect(html).toContain('data-key="{&quot;a&quot;:&quot;&lt;b>&amp;&quot;}"');
    expect(html.match(/<i /g)).toHaveLength(1);
  });

  it('is empty without dots', () => {
    expect(recordMarksHtml([])).toBe('');
  });
});
