import { describe, expect, it } from 'vitest';
import { PeriodicTrigger, type TriggeredCoordinator } from './periodic-trigger.js';

/** A coordinator that numbers checkpoints and records declines (what the trigger drives). */
function coordinator(): TriggeredCoordinator & { declined: Array<[number, string]>; complete(): void; savepoint(): number } {
  let next = 1;
  let pending: number | null = null;
  const declined: Array<[number, string]> = [];
  return {
    declined,
    get inProgress() {
      return pending;
    },
    begin() {
      if (pending !== null) return null;
      pending = next++;
      return pending;
    },
    decline(id, reason) {
      if (pending === id) pending = null;
      declined.push([id, reason]);
    },
    complete() {
      pending = null;
    },
    savepoint() {
      pending = next++;
      return pending;
    },
  };
}

describe('PeriodicTrigger', () => {
  it('triggers one interval after the start, then one interval after each trigger', () => {
    const c = coordinator();
    const t = new PeriodicTrigger(c, 1000);
    expect(t.poll(5000)).toBeNull();
    expect(t.poll(5999)).toBeNull();
    expect(t.poll(6000)).toBe(1);
    c.complete();
    expect(t.poll(6500)).toBeNull();
    expect(t.poll(7000)).toBe(2);
  });

  it('never triggers while a checkpoint is in progress, and triggers at once when it ends late', () => {
    const c = coordinator();
    const t = new PeriodicTrigger(c, 1000);
    t.poll(0);
    expect(t.poll(1000)).toBe(1);
    expect(t.poll(2500)).toBeNull();
    c.complete();
    expect(t.poll(2600)).toBe(2);
  });

  it('declines a checkpoint in progress longer than the timeout, and the next one follows the interval', () => {
    const c = coordinator();
    const t = new PeriodicTrigger(c, 1000, 3000);
    t.poll(0);
    expect(t.poll(1000)).toBe(1);
    expect(t.poll(4000)).toBeNull();
    expect(c.declined).toEqual([]);
    expect(t.poll(4001)).toBeNull();
    expect(c.declined).toEqual([[1, 'timed out after 3000 ms']]);
    expect(t.poll(4002)).toBe(2);
  });

  it("times a savepoint it did not trigger from when it first sees it", () => {
    const c = coordinator();
    const t = new PeriodicTrigger(c, 1000, 3000);
    t.poll(0);
    const sp = c.savepoint();
    expect(t.poll(500)).toBeNull();
    expect(t.poll(3500)).toBeNull();
    expect(c.declined).toEqual([]);
    expect(t.poll(3501)).toBeNull();
    expect(c.declined).toEqual([[sp, 'timed out after 3000 ms']]);
  });
});
