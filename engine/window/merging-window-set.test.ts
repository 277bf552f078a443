import { describe, expect, it } from 'vitest';
import { KeyedStateBackend, VOID_NAMESPACE } from '../state/keyed-state-backend.js';
import { javaHashSetOrder, MERGING_WINDOW_SET_STATE, MergingWindowSet, type MergingWindowRows, timeWindowHash } from './merging-window-set.js';
import { SessionWindows } from './session-windows.js';
import { TimeWindow } from './time-window.js';

interface Merge {
  target: string;
  sources: string[];
  stateWindow: string;
  mergedStateWindows: string[];
}

function world() {
  const backend = new KeyedStateBackend(128, { start: 0, end: 127 });
  backend.setCurrentKey('k');
  const table = backend.table<MergingWindowRows>(MERGING_WINDOW_SET_STATE);
  const assigner = new SessionWindows(3, 'event');
  const set = () => new MergingWindowSet(assigner, table);
  let merges: Merge[] = [];
  const add = (s: MergingWindowSet, start: number, end: number) => {
    merges = [];
    return s.addWindow(new TimeWindow(start, end), (r, ws, sw, msw) =>
      merges.push({ target: r.ns, sources: ws.map((w) => w.ns).sort(), stateWindow: sw, mergedStateWindows: [...msw].sort() }),
    ).ns;
  };
  return { backend, table, set, add, merges: () => merges };
}

describe('MergingWindowSet', () => {
  it('maps a self-contained new window to itself without merging', () => {
    const w = world();
    const s = w.set();
    expect(w.add(s, 0, 4)).toBe('0:4');
    expect(w.merges()).toEqual([]);
    expect(s.getStateWindow(new TimeWindow(0, 4))).toBe('0:4');
  });

  it('keeps the first state window while a session grows incrementally', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 4);
    expect(w.add(s, 0, 4)).toBe('0:4');
    expect(w.merges()).toEqual([]);
    expect(w.add(s, 3, 5)).toBe('0:5');
    expect(w.merges()).toEqual([{ target: '0:5', sources: ['0:4'], stateWindow: '0:4', mergedStateWindows: [] }]);
    expect(w.add(s, 4, 6)).toBe('0:6');
    expect(w.merges()).toEqual([{ target: '0:6', sources: ['0:5'], stateWindow: '0:4', mergedStateWindows: [] }]);
    expect(s.getStateWindow(new TimeWindow(0, 6))).toBe('0:4');
  });

  it('absorbs a window inside an in-flight session without calling the merge function', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 4);
    w.add(s, 4, 6);
    expect(w.add(s, 1, 4)).toBe('0:6');
    expect(w.merges()).toEqual([]);
    expect(s.getStateWindow(new TimeWindow(0, 6))).toBe('0:4');
  });

  it('merges two sessions bridged by a late window, folding one state window into the other', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 3);
    w.add(s, 5, 8);
    w.add(s, 10, 13);
    expect(w.add(s, 8, 10)).toBe('5:13');
    expect(w.merges()).toEqual([{ target: '5:13', sources: ['10:13', '5:8'], stateWindow: '5:8', mergedStateWindows: ['10:13'] }]);
    expect(w.add(s, 3, 5)).toBe('0:13');
    expect(w.merges()).toEqual([{ target: '0:13', sources: ['0:3', '5:13'], stateWindow: '0:3', mergedStateWindows: ['5:8'] }]);
    expect(s.windows().map((x) => x.ns)).toEqual(['0:13']);
  });

  it('merges a large new window covering several in-flight windows', () => {
    const w = world();
    const s = w.set();
    w.add(s, 1, 3);
    w.add(s, 5, 8);
    w.add(s, 10, 13);
    expect(w.add(s, 0, 13)).toBe('0:13');
    expect(w.merges()[0]!.mergedStateWindows).toEqual(['10:13', '5:8']);
    expect(s.getStateWindow(new TimeWindow(0, 13))).toBe('1:3');
  });

  it('keeps the contents mapping when an identical window is added again', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 4);
    w.add(s, 3, 6);
    // [0, 6) is in flight with state window [0, 4); an identical new window must not remap it.
    expect(w.add(s, 0, 6)).toBe('0:6');
    expect(s.getStateWindow(new TimeWindow(0, 6))).toBe('0:4');
  });

  it('retires windows and reports unknown ones', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 3);
    w.add(s, 10, 13);
    s.retireWindow(new TimeWindow(0, 3));
    expect(s.getStateWindow(new TimeWindow(0, 3))).toBeUndefined();
    expect(s.getStateWindow(new TimeWindow(10, 13))).toBe('10:13');
    expect(() => s.retireWindow(new TimeWindow(0, 3))).toThrow(/not in the in-flight/);
  });

  it('persists the mapping in keyed state and reads it back', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 4);
    w.add(s, 3, 6);
    s.persist();
    expect(w.table.get(VOID_NAMESPACE)).toEqual([['0:6', '0:4']]);
    expect(w.set().getStateWindow(new TimeWindow(0, 6))).toBe('0:4');
  });

  it('leaves no state once every window is retired', () => {
    const w = world();
    const s = w.set();
    w.add(s, 0, 4);
    s.persist();
    const t = w.set();
    t.retireWindow(new TimeWindow(0, 4));
    t.persist();
    expect(w.backend.numKeys()).toBe(0);
  });

  // Expected values printed by Flink 2.3's own TimeWindow in jshell (HashSet<TimeWindow> iteration, hashCode()).
  it("keeps the state window of the merged window a java.util.HashSet iterates first, as Flink's MergingWindowSet does", () => {
    const w = world();
    const s = w.set();
    w.add(s, 26500, 29500);
    w.add(s, 24000, 26000);
    // The bridging window: Flink iterates {[26500,29500), [24000,26000)} in that order, so the later window's state stays.
    expect(w.add(s, 25999, 27999)).toBe('24000:29500');
    expect(w.merges()).toEqual([{ target: '24000:29500', sources: ['24000:26000', '26500:29500'], stateWindow: '26500:29500', mergedStateWindows: ['24000:26000'] }]);
  });

  it("orders windows as Java's HashSet<TimeWindow> does, past a resize too", () => {
    expect(timeWindowHash(new TimeWindow(24000, 26000))).toBe(476724707);
    expect(timeWindowHash(new TimeWindow(-5000, 1000))).toBe(-1396094342);
    const three = [new TimeWindow(24000, 26000), new TimeWindow(25999, 27999), new TimeWindow(26500, 29500)];
    expect(javaHashSetOrder(three).map((x) => x.ns)).toEqual(['26500:29500', '24000:26000', '25999:27999']);
    const fourteen = Array.from({ length: 14 }, (_, i) => new TimeWindow(i * 1000, i * 1000 + 1500));
    expect(javaHashSetOrder(fourteen).map((x) => x.start)).toEqual([2000, 12000, 0, 13000, 6000, 5000, 11000, 1000, 7000, 8000, 9000, 4000, 10000, 3000]);
  });
});
