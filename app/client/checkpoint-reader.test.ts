import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, readStateRows, savepointToText } from '../../engine/index';
import { stateWorld, worldCheckpoint } from '../../engine/checkpoint/state-world';
import { newOwner, nodeTables } from '../replay/state-table';
import { createCheckpointReader } from './checkpoint-reader';

/** 300 users, u0…u299, one record each. */
const manyUsers = () => stateWorld(Array.from({ length: 300 }, (_, i) => [{ user: `u${i}`, tag: 'x', v: i }, 100 + i] as [{ user: string; tag: string; v: number }, number]));

describe('the checkpoint reader', () => {
  it('opens a stored checkpoint and gives a node tables for a filter, keyed rows by range only', async () => {
    const stored = worldCheckpoint(4, manyUsers());
    const reader = createCheckpointReader();
    const info = await reader.openStored(stored);
    expect(info.nodes).toEqual(['counts', 'proc', 'sessions', 'src']);
    expect(info.metadata.id).toBe(4);
    expect(info.parallelism.proc).toBe(2);
    expect(info.maxParallelism).toBe(128);

    const all = nodeTables(readStateRows(decodeCheckpoint(stored), { node: 'proc' }));
    const view = await reader.view(info.handle, 'proc', '', null);
    expect(view).toMatchObject({ states: all.states, keyCount: 300, shown: 300, moved: null });
    expect(view.timers).toHaveLength(all.timers.length);
    // The rows of a range are those of the whole table at those places.
    const rows = await reader.keyRows(info.handle, 'proc', '', 120, 130);
    expect(rows.map((r) => r.keyText)).toEqual(all.keys.slice(120, 130).map((k) => k.keyText));
    expect(await reader.keyRows(info.handle, 'proc', '', 295, 400)).toHaveLength(5);

    // A filter narrows the keys, the ranges and the timers; "moved" counts the shown keys another owner has.
    const u29 = await reader.view(info.handle, 'proc', 'U29', 3);
    const expected = all.keys.filter((k) => k.keyText.startsWith('u29'));
    expect(u29.shown).toBe(11);
    expect(u29.keyCount).toBe(300);
    expect(u29.moved).toBe(expected.filter((k) => newOwner(k.keyGroup, 128, 3) !== k.subtask).length);
    expect(u29.timers.every((t) => String(t.key).startsWith('u29'))).toBe(true);
    expect((await reader.keyRows(info.handle, 'proc', 'U29', 0, 100)).map((r) => r.keyText)).toEqual(expected.map((k) => k.keyText));
  });

  it('edits into a new handle, diffs two handles, writes and reads savepoint files', async () => {
    const reader = createCheckpointReader();
    const before = await reader.openStored(worldCheckpoint(1, stateWorld()));
    const after = await reader.edit(before.handle, { op: 'set', node: 'proc', key: 'ann', state: 'seen', value: 42 }, 1_700_000_100_000);
    expect(after.handle).not.toBe(before.handle);
    expect(after.metadata.editedFrom).toEqual({ id: 1, edits: 1 });
    expect((await reader.keyRows(after.handle, 'proc', 'ann', 0, 1))[0]!.values.seen).toBe(42);
    expect((await reader.keyRows(before.handle, 'proc', 'ann', 0, 1))[0]!.values.seen).toBe(2);
    const diff = await reader.diff(before.handle, after.handle);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatchObject({ change: 'changed', node: 'proc', key: 'ann', state: 'seen', before: { value: 2 }, after: { value: 42 } });
    // A bad edit is the engine's sentence.
    await expect(reader.edit(before.handle, { op: 'set', node: 'proc', key: 'ann', state: 'nope', value: 1 }, 0)).rejects.toThrow(/nope/);

    const text = await reader.savepointText(after.handle);
    const again = await reader.openText(text);
    expect(await reader.diff(after.handle, again.handle)).toEqual([]);
    expect((await reader.state(again.handle)).byNode.proc).toHaveLength(2);
    await expect(reader.openText('{"format":"eddy/job@1"}')).rejects.toThrow('not a savepoint file');
    expect(savepointToText(worldCheckpoint(1, stateWorld()))).toContain('eddy/savepoint@1');

    await reader.closeAll();
    await expect(reader.view(before.handle, 'proc', '', null)).rejects.toThrow('is not open');
  });

  it('summarizes a stored checkpoint for the list', async () => {
    const s = await createCheckpointReader().summarize(worldCheckpoint(7, stateWorld()));
    expect(s.id).toBe(7);
    expect(Object.keys(s.sizeByNode ?? {}).sort()).toEqual(['counts', 'proc', 'sessions', 'src']);
  });
});
