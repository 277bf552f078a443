import { describe, expect, it } from 'vitest';
import { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { keyGroupOf } from '../state/key-groups.js';
import { ManualProcessingTime } from './processing-time.js';
import { InternalTimerService, type Timer } from './timer-service.js';

/** A timer service over a real backend and manual clock; fired timers are recorded as "key/ns@time". */
function world(range = { start: 0, end: 127 }) {
  const backend = new KeyedStateBackend(128, range);
  const clock = new ManualProcessingTime(0);
  const timers = new InternalTimerService(backend, clock);
  const fired: string[] = [];
  const label = (t: Timer) => `${String(t.keyId)}/${String(t.namespace)}@${t.timestamp}`;
  let onFire: (t: Timer) => void = () => {};
  timers.setTarget({
    onEventTimer: (t) => {
      expect(backend.currentKeyId).toBe(t.keyId);
      fired.push('e:' + label(t));
      onFire(t);
    },
    onProcessingTimer: (t) => {
      fired.push('p:' + label(t));
      onFire(t);
    },
  });
  const event = (key: unknown, ns: string | number, time: number) => {
    backend.setCurrentKey(key);
    timers.registerEventTimeTimer(ns, time);
  };
  const deleteEvent = (key: unknown, ns: string | number, time: number) => {
    backend.setCurrentKey(key);
    timers.deleteEventTimeTimer(ns, time);
  };
  return { backend, clock, timers, fired, event, deleteEvent, setOnFire: (f: (t: Timer) => void) => (onFire = f) };
}

describe('InternalTimerService', () => {
  it('fires event-time timers in time order, ties in registration order, with the key set', () => {
    const w = world();
    w.event('b', 'x', 20);
    w.event('a', 'x', 10);
    w.event('c', 'y', 20);
    w.event('a', 'y', 20);
    w.event('b', 'x', 5);
    w.timers.advanceWatermark(20);
    expect(w.fired).toEqual(['e:b/x@5', 'e:a/x@10', 'e:b/x@20', 'e:c/y@20', 'e:a/y@20']);
    expect(w.timers.numEventTimeTimers()).toBe(0);
  });

  it('keeps one timer per (key, namespace, time) and counts it once', () => {
    const w = world();
    w.event('a', 'x', 10);
    w.event('b', 'x', 10);
    w.event('a', 'x', 10);
    w.event('a', 'y', 10);
    w.event('a', 'x', 11);
    expect(w.timers.numEventTimeTimers()).toBe(4);
    w.timers.advanceWatermark(100);
    expect(w.fired).toEqual(['e:a/x@10', 'e:b/x@10', 'e:a/y@10', 'e:a/x@11']);
  });

  it('fires only timers at or below the watermark, the rest on a later watermark', () => {
    const w = world();
    w.event('a', 'x', 10);
    w.event('a', 'x', 30);
    w.timers.advanceWatermark(9);
    expect(w.fired).toEqual([]);
    w.timers.advanceWatermark(29);
    expect(w.fired).toEqual(['e:a/x@10']);
    w.timers.advanceWatermark(30);
    expect(w.fired).toEqual(['e:a/x@10', 'e:a/x@30']);
  });

  it('does not fire deleted timers and forgets them in the count', () => {
    const w = world();
    w.event('a', 'x', 10);
    w.event('b', 'x', 10);
    w.event('a', 'y', 10);
    w.deleteEvent('a', 'x', 10);
    w.deleteEvent('a', 'x', 99);
    w.deleteEvent('zz', 'x', 10);
    expect(w.timers.numEventTimeTimers()).toBe(2);
    w.timers.advanceWatermark(10);
    expect(w.fired).toEqual(['e:b/x@10', 'e:a/y@10']);
  });

  it('fires a timer deleted and registered again before it was due at its first place among ties', () => {
    const w = world();
    w.event('a', 'x', 10);
    w.event('b', 'x', 10);
    w.deleteEvent('a', 'x', 10);
    w.event('a', 'x', 10);
    expect(w.timers.numEventTimeTimers()).toBe(2);
    w.timers.advanceWatermark(10);
    expect(w.fired).toEqual(['e:a/x@10', 'e:b/x@10']);
  });

  it('fires a timer registered again after a look at the next time passed it over at its new place', () => {
    const w = world();
    w.backend.setCurrentKey('a');
    w.timers.registerProcessingTimeTimer('x', 10);
    w.backend.setCurrentKey('b');
    w.timers.registerProcessingTimeTimer('x', 10);
    w.backend.setCurrentKey('a');
    w.timers.deleteProcessingTimeTimer('x', 10);
    // Looking for the next time drops the deleted timer at the head of the queue for good.
    expect(w.timers.nextProcessingTime()).toBe(10);
    w.timers.registerProcessingTimeTimer('x', 10);
    w.timers.advanceProcessingTime(10);
    expect(w.fired).toEqual(['p:b/x@10', 'p:a/x@10']);
  });

  it('fires in the same pass a timer registered while firing when it is already due, in time order', () => {
    const w = world();
    w.event('a', 'x', 10);
    w.event('b', 'x', 10);
    let first = true;
    w.setOnFire((t) => {
      if (first && t.keyId === 'a' && t.timestamp === 10) {
        first = false;
        w.timers.registerEventTimeTimer('x', 10); // already fired: registered anew
        w.timers.registerEventTimeTimer('y', 10);
        w.timers.registerEventTimeTimer('y', 5);
        w.timers.registerEventTimeTimer('y', 11);
      }
    });
    w.timers.advanceWatermark(10);
    expect(w.fired).toEqual(['e:a/x@10', 'e:a/y@5', 'e:b/x@10', 'e:a/x@10', 'e:a/y@10']);
    expect(w.timers.numEventTimeTimers()).toBe(1);
  });

  it('keeps numeric and string namespaces and keys apart', () => {
    const w = world();
    w.event(1, 1, 10);
    w.event('1', 1, 10);
    w.event(1, '1', 10);
    w.event(1, 1, 10);
    expect(w.timers.numEventTimeTimers()).toBe(3);
    w.deleteEvent(1, '1', 10);
    w.timers.advanceWatermark(10);
    expect(w.fired).toEqual(['e:1/1@10', 'e:1/1@10']);
  });

  it('fires processing-time timers when the clock reaches them and asks for a wakeup once per timer', () => {
    const w = world();
    w.backend.setCurrentKey('a');
    w.timers.registerProcessingTimeTimer('x', 50);
    w.timers.registerProcessingTimeTimer('x', 50);
    w.timers.registerProcessingTimeTimer('x', 40);
    expect(w.timers.nextProcessingTime()).toBe(40);
    expect(w.timers.numProcessingTimeTimers()).toBe(2);
    w.timers.deleteProcessingTimeTimer('x', 40);
    expect(w.timers.nextProcessingTime()).toBe(50);
    w.timers.advanceProcessingTime(49);
    expect(w.fired).toEqual([]);
    w.timers.advanceProcessingTime(50);
    expect(w.fired).toEqual(['p:a/x@50']);
    expect(w.timers.nextProcessingTime()).toBe(Infinity);
    expect(w.clock.nextWakeup()).toBe(40);
  });

  it('handles infinite times', () => {
    const w = world();
    w.event('a', 'x', Infinity);
    w.event('a', 'x', -Infinity);
    w.event('b', 'x', 0);
    w.timers.advanceWatermark(0);
    expect(w.fired).toEqual(['e:a/x@-Infinity', 'e:b/x@0']);
    w.timers.advanceWatermark(Infinity);
    expect(w.fired).toEqual(['e:a/x@-Infinity', 'e:b/x@0', 'e:a/x@Infinity']);
  });

  it('snapshots live timers by key group in firing order, and restores only the groups in range', () => {
    const w = world();
    w.event('a', 'x', 20);
    w.event('b', 'x', 10);
    w.event('a', 'y', 10);
    w.event('b', 'gone', 10);
    w.deleteEvent('b', 'gone', 10);
    w.backend.setCurrentKey('a');
    w.timers.registerProcessingTimeTimer('p', 7);
    const snap = w.timers.snapshot();
    const ga = keyGroupOf('a', 128);
    const gb = keyGroupOf('b', 128);
    expect(ga).not.toBe(gb);
    expect(snap[ga]).toEqual({
      event: [
        ['a', 'y', 10],
        ['a', 'x', 20],
      ],
      processing: [['a', 'p', 7]],
    });
    expect(snap[gb]).toEqual({ event: [['b', 'x', 10]], processing: [] });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);

    const all = world();
    all.timers.restore(snap, { start: 0, end: 127 });
    all.timers.advanceWatermark(100);
    all.timers.advanceProcessingTime(100);
    expect(all.fired).toEqual(['e:b/x@10', 'e:a/y@10', 'e:a/x@20', 'p:a/p@7']);
    expect(all.clock.nextWakeup()).toBe(7);

    const onlyB = world({ start: gb, end: gb });
    onlyB.timers.restore(snap, { start: gb, end: gb });
    expect(onlyB.timers.numEventTimeTimers()).toBe(1);
    expect(onlyB.timers.numProcessingTimeTimers()).toBe(0);
  });

  it('fires many timers at many times in (time, registration) order', () => {
    const w = world();
    const expected: Array<[number, number, string]> = [];
    let seed = 99;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    for (let i = 0; i < 500; i++) {
      const key = 'k' + rnd(20);
      const time = rnd(40);
      const before = w.timers.numEventTimeTimers();
      w.event(key, 'ns', time);
      if (w.timers.numEventTimeTimers() > before) expected.push([time, i, `e:${key}/ns@${time}`]);
    }
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    w.timers.advanceWatermark(15);
    w.timers.advanceWatermark(40);
    expect(w.fired).toEqual(expected.map((e) => e[2]));
  });

  it('agrees with a heap on (time, registration number) with lazy deletion over random operations', () => {
    // The reference: every registration is an entry; a deleted timer's entry stays until it is
    // the earliest one, where firing or a look at the next time skips it.
    type Entry = { key: string; ns: string; time: number; seq: number };
    const entries: Entry[] = [];
    const live = new Set<string>();
    const id = (key: string, ns: string, time: number) => `${key}|${ns}|${time}`;
    let seq = 0;
    const earliest = () => {
      let best = -1;
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        const b = entries[best];
        if (b === undefined || e.time < b.time || (e.time === b.time && e.seq < b.seq)) best = i;
      }
      return best;
    };
    const w = world();
    const expected: string[] = [];
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    let watermark = 0;
    for (let step = 0; step < 3000; step++) {
      const op = rnd(10);
      const key = 'k' + rnd(4);
      const ns = 'n' + rnd(2);
      const time = watermark + rnd(6);
      w.backend.setCurrentKey(key);
      if (op < 5) {
        w.timers.registerProcessingTimeTimer(ns, time);
        if (!live.has(id(key, ns, time))) {
          live.add(id(key, ns, time));
          entries.push({ key, ns, time, seq: seq++ });
        }
      } else if (op < 8) {
        w.timers.deleteProcessingTimeTimer(ns, time);
        live.delete(id(key, ns, time));
      } else if (op < 9) {
        let next = Infinity;
        for (let i = earliest(); i >= 0; i = earliest()) {
          const e = entries[i]!;
          if (live.has(id(e.key, e.ns, e.time))) {
            next = e.time;
            break;
          }
          entries.splice(i, 1);
        }
        expect(w.timers.nextProcessingTime()).toBe(next);
      } else {
        watermark += rnd(3);
        for (let i = earliest(); i >= 0 && entries[i]!.time <= watermark; i = earliest()) {
          const e = entries.splice(i, 1)[0]!;
          if (live.delete(id(e.key, e.ns, e.time))) expected.push(`p:${e.key}/${e.ns}@${e.time}`);
        }
        w.timers.advanceProcessingTime(watermark);
        expect(w.fired).toEqual(expected);
      }
      expect(w.timers.numProcessingTimeTimers()).toBe(live.size);
    }
    const listed = [...entries].sort((a, b) => a.time - b.time || a.seq - b.seq).filter((e) => live.has(id(e.key, e.ns, e.time)));
    const snap = Object.values(w.timers.snapshot()).flatMap((g) => g.processing);
    expect(snap.sort()).toEqual(listed.map((e) => [e.key, e.ns, e.time]).sort());
    expect(expected.length).toBeGreaterThan(100);
  });
});
