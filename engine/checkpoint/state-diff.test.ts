import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from './restore.js';
import { diffCheckpoints } from './state-diff.js';
import { packCheckpoint, splitBySubtask, stateWorld, worldCheckpoint } from './state-world.js';

describe('diffing two checkpoints', () => {
  it('finds keys added, removed and changed per operator and state, on every kind of state, with values side by side', () => {
    const w = stateWorld();
    const a = decodeCheckpoint(worldCheckpoint(1, w));
    w.process.processElement({ user: 'cat', tag: 'x', v: 1 }, 400).processElement({ user: 'ann', tag: 'x', v: 9 }, 500);
    w.counts.processElement({ k: 'ann', v: 4 }, 300); // the third element: the count trigger fires (FIRE keeps the contents) and clears its count
    w.sessions.processWatermark(3600); // bob's session [500, 3500) fires and is cleared
    w.source.runSource(1);
    const b = decodeCheckpoint(worldCheckpoint(2, w));
    const diff = diffCheckpoints(a, b);
    const summary = diff.map((d) => `${d.change} ${d.node} ${d.kind} ${JSON.stringify(d.key ?? d.subtask)} ${d.state ?? ''}`.trim());
    expect(summary).toEqual([
      'changed counts window "ann"',
      'changed proc keyed "ann" avg',
      'changed proc keyed "ann" byTag',
      'changed proc keyed "ann" items',
      'changed proc keyed "ann" max',
      'changed proc keyed "ann" seen',
      'added proc timer "ann"',
      'added proc keyed "cat" avg',
      'added proc keyed "cat" byTag',
      'added proc keyed "cat" items',
      'added proc keyed "cat" max',
      'added proc keyed "cat" seen',
      'added proc timer "cat"',
      'added proc timer "cat"',
      'removed sessions merging-window-set "bob"',
      'removed sessions timer "bob"',
      'removed sessions window "bob"',
      'changed src operator 0',
    ]);
    expect(diff.find((d) => d.node === 'proc' && d.key === 'ann' && d.state === 'items')).toMatchObject({ before: [3, 5], after: [3, 5, 9] });
    expect(diff.find((d) => d.node === 'proc' && d.key === 'ann' && d.state === 'seen')).toMatchObject({
      before: { value: 2, ttl: { writtenAt: 1000 } },
      after: { value: 3, ttl: { writtenAt: 1000 } },
    });
    expect(diff.find((d) => d.node === 'counts' && d.kind === 'window')).toMatchObject({ before: { contents: 3, trigger: { count: 2 } }, after: { contents: 7 } });
    expect(diff.find((d) => d.node === 'src')).toMatchObject({ before: { state: { index: 2 } }, after: { state: { index: 3 } } });
    expect(diff.find((d) => d.kind === 'timer' && d.key === 'ann')).toMatchObject({ domain: 'event', timestamp: 1500 });
  });

  it('matches rows by identity, not subtask: the same state at another parallelism has no differences', () => {
    const w = stateWorld();
    const at2 = decodeCheckpoint(worldCheckpoint(1, w));
    const at3 = decodeCheckpoint(packCheckpoint(2, { proc: splitBySubtask(w.process.snapshot(), 3) }));
    expect(diffCheckpoints(at2, at3, { node: 'proc' })).toEqual([]);
  });

  it('narrows to one key, and compares in-flight records of unaligned checkpoints', () => {
    const w = stateWorld();
    const a = decodeCheckpoint(worldCheckpoint(1, w));
    w.process.processElement({ user: 'bob', tag: 'y', v: 1 }, 900);
    const b = decodeCheckpoint(worldCheckpoint(2, w));
    expect(diffCheckpoints(a, b, { key: 'ann' }).filter((d) => d.node === 'proc')).toEqual([]);
    expect(diffCheckpoints(a, b, { key: 'bob' }).filter((d) => d.node === 'proc').length).toBeGreaterThan(0);
    const flight = (values: unknown[]) => decodeCheckpoint(packCheckpoint(1, { x: [{ channels: { inputs: [{ input: 0, values, timestamps: values.map(() => 1) }] } }] }));
    expect(diffCheckpoints(flight([1]), flight([1, 2]))).toEqual([
      { change: 'changed', node: 'x', kind: 'in-flight', subtask: 0, state: 'input 0', before: [{ value: 1, timestamp: 1 }], after: [{ value: 1, timestamp: 1 }, { value: 2, timestamp: 1 }] },
    ]);
  });
});
