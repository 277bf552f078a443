import { describe, expect, it } from 'vitest';
import { until } from '../../engine/testing/until';
import { RecordMarkLayer, recordMarkAttributes } from './record-marks';

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

/** A layer element as far as the marks use it: children it made, and which of them a pass touched. */
function fakeLayer() {
  const children: FakeMark[] = [];
  const touched = new Set<FakeMark>();
  class FakeMark {
    readonly attributes = new Map<string, string>();
    className = '';
    setAttribute(name: string, value: string) {
      touched.add(this);
      this.attributes.set(name, value);
    }
    removeAttribute(name: string) {
      touched.add(this);
      this.attributes.delete(name);
    }
    remove() {
      touched.add(this);
      children.splice(children.indexOf(this), 1);
    }
  }
  const layer = {
    ownerDocument: { createElement: () => new FakeMark() },
    appendChild: (el: FakeMark) => {
      children.push(el);
      return el;
    },
  };
  return { layer: layer as unknown as HTMLElement, children, touched, byRecord: (id: number) => children.find((c) => c.attributes.get('data-record') === String(id)) };
}

describe('RecordMarkLayer', () => {
  /** A draw of records 0..n-1 on one lane, record `current` taken at the current step. */
  const draw = (layer: RecordMarkLayer, n: number, current: number, xOf = (i: number) => 10 * i) => {
    layer.begin();
    for (let i = 0; i < n; i++) layer.mark(i, i, 's1', 1000 * i, 'on-time', xOf(i), 40, i === current);
    layer.end();
  };

  it('shows every dot drawn, then on a step touches only the marks that changed: the new record and the current one before', async () => {
    const f = fakeLayer();
    const marks = new RecordMarkLayer(f.layer);
    draw(marks, 500, 499);
    await until(() => f.children.length === 500);
    expect(f.byRecord(499)!.attributes.get('data-current')).toBe('');
    expect(f.byRecord(7)!.attributes.get('style')).toBe('left:70px;top:40px');
    f.touched.clear();

    draw(marks, 501, 500);
    await until(() => f.children.length === 501 && f.byRecord(499)!.attributes.get('data-current') === undefined);
    expect([...f.touched].map((m) => m.attributes.get('data-record')).sort()).toEqual(['499', '500']);
    expect(f.byRecord(499)!.attributes.has('data-current')).toBe(false);
    expect(f.byRecord(500)!.attributes.get('data-current')).toBe('');
  });

  it('removes the marks a draw no longer hands in (a step back), and moves all of them when the axis changes', async () => {
    const f = fakeLayer();
    const marks = new RecordMarkLayer(f.layer);
    draw(marks, 10, 9);
    await until(() => f.children.length === 10);
    draw(marks, 8, 7);
    await until(() => f.children.length === 8);
    expect(f.byRecord(9)).toBeUndefined();
    expect(f.byRecord(7)!.attributes.get('data-current')).toBe('');
    // Handed in again before the pass that would remove it: it stays.
    draw(marks, 7, 6);
    draw(marks, 8, 7);
    await until(() => f.byRecord(7)?.attributes.get('data-current') === '' && f.children.length === 8);
    f.touched.clear();
    draw(marks, 8, 7, (i) => 20 * i);
    await until(() => f.byRecord(7)!.attributes.get('style') === 'left:140px;top:40px');
    expect(f.byRecord(3)!.attributes.get('style')).toBe('left:60px;top:40px');
    // Record 0 stays where it was: not touched.
    expect(f.touched.size).toBe(7);
  });
});
