import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'eddy-state-'));
const run = promisify(execFile);
const eddy = (...args: string[]) => run(process.execPath, ['bin/eddy.js', ...args], { cwd: root, maxBuffer: 1 << 26 });
const failing = (...args: string[]) => eddy(...args).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
const jsonLines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>);

const totals = `({ onElement(r, ctx, out) { const t = ctx.state.value('total'); t.update((t.get() ?? 0) + r.v); ctx.state.list('seen').add(r.v); out.collect({ user: r.user, total: t.get() }); } })`;
/** Running totals per user, and 10 s tumbling sums per user. */
const job = (records: unknown[], code = totals) => ({
  format: 'eddy/job@1',
  parallelism: 2,
  checkpointing: { intervalMs: 1000, mode: 'exactly-once', retained: 1 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records, timestampField: 'ts' } },
    { id: 'by-user', kind: 'keyBy', params: { field: 'user' } },
    { id: 'totals', kind: 'process', params: { code } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by-user' },
    { from: 'by-user', to: 'totals' },
    { from: 'totals', to: 'out' },
  ],
});
const first = [
  { user: 'ann', v: 1, ts: 1 },
  { user: 'bob', v: 2, ts: 2 },
  { user: 'ann', v: 2, ts: 3 },
];
const v1 = join(tmp, 'v1.json');
const savepoint = join(tmp, 'v1.savepoint.json');

beforeAll(async () => {
  writeFileSync(v1, JSON.stringify(job(first)));
  await eddy('run', v1, '--host', 'workers', '--savepoint', savepoint);
});

describe('eddy state', () => {
  it('prints the state rows of a savepoint as JSON lines, for a node and a key, with where the key lives now and at another parallelism', async () => {
    const all = jsonLines((await eddy('state', savepoint)).stdout);
    expect(all.filter((r) => r.node === 'totals' && r.kind === 'keyed').map((r) => [r.key, r.state, r.stateKind, r.value])).toEqual([
      ['ann', 'seen', 'list', [1, 2]],
      ['ann', 'total', 'value', 3],
      ['bob', 'seen', 'list', [2]],
      ['bob', 'total', 'value', 2],
    ]);
    expect(all.find((r) => r.node === 'src')).toMatchObject({ kind: 'operator', state: { index: 3 } });
    const ann = jsonLines((await eddy('state', savepoint, '--node', 'totals', '--key', 'ann', '--parallelism', '3')).stdout);
    expect(ann[0]).toEqual({ kind: 'key', key: 'ann', keyGroup: expect.any(Number), maxParallelism: 128, subtasks: { totals: expect.any(Number) }, newSubtasks: { totals: expect.any(Number) } });
    const kg = ann[0]!.keyGroup as number;
    expect(ann[0]!.subtasks.totals).toBe(Math.floor((kg * 2) / 128));
    expect(ann[0]!.newSubtasks.totals).toBe(Math.floor((kg * 3) / 128));
    expect(ann.slice(1).map((r) => [r.state, r.subtask, r.newSubtask])).toEqual([
      ['seen', ann[0]!.subtasks.totals, ann[0]!.newSubtasks.totals],
      ['total', ann[0]!.subtasks.totals, ann[0]!.newSubtasks.totals],
    ]);
  });

  it('edits a key\'s value into a new savepoint that a changed job restores, and diffs the two', async () => {
    const edited = join(tmp, 'edited.savepoint.json');
    const r = await eddy('state', 'edit', savepoint, '--out', edited, '--node', 'totals', '--key', 'ann', '--set', 'total=100');
    expect(r.stderr).toContain(`savepoint with 1 edit written to ${edited}`);
    const diff = jsonLines((await eddy('state', 'diff', savepoint, edited)).stdout);
    expect(diff).toEqual([{ change: 'changed', node: 'totals', kind: 'keyed', key: 'ann', state: 'total', before: 3, after: 100 }]);
    // The job goes on with one more record: ann's total continues from the edited value.
    const v2 = join(tmp, 'v2.json');
    writeFileSync(v2, JSON.stringify(job([...first, { user: 'ann', v: 5, ts: 4 }])));
    const resumed = await eddy('run', v2, '--from-savepoint', edited, '--parallelism', '3');
    expect(jsonLines(resumed.stdout)).toEqual([{ sink: 'out', value: { user: 'ann', total: 105 } }]);
  });

  it('refuses an edit that does not fit, and a restore that changes a state\'s type, with sentences naming the state', async () => {
    const bad = await failing('state', 'edit', savepoint, '--out', join(tmp, 'bad.json'), '--node', 'totals', '--key', 'ann', '--set', 'seen=3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('set on node "totals", key "ann", state "seen": a list state takes a non-empty JSON array');
    const v3 = join(tmp, 'v3.json');
    writeFileSync(v3, JSON.stringify(job([...first, { user: 'ann', v: 5, ts: 4 }], totals.replace("ctx.state.list('seen').add(r.v)", "ctx.state.value('seen').update(r.v)"))));
    const changed = await failing('run', v3, '--from-savepoint', savepoint);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('state "seen" was restored as a list state without TTL, but the function declares a value state without TTL');
  });

  it('lists the retained checkpoints of a directory with sizes per node and source offsets', async () => {
    const dir = join(tmp, 'checkpoints');
    await eddy('run', join(root, 'test', 'fixtures', 'checkpointed-counts.json'), '--checkpoint-dir', dir);
    const listed = jsonLines((await eddy('state', 'list', dir)).stdout);
    expect(listed.length).toBeGreaterThan(0);
    const last = listed.at(-1)!;
    expect(last).toMatchObject({ kind: 'checkpoint', sizeByNode: { sum: expect.any(Number) }, parallelism: { sum: 2 }, operatorState: { gen: expect.any(Array) } });
    expect(last.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(readFileSync(savepoint, 'utf8')).metadata.maxParallelism).toBe(128);
  });

  it('says what is wrong with a path or the arguments', async () => {
    const missing = await failing('state', join(tmp, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: no such file or directory');
    expect((await failing('state', savepoint, '--node', 'zzz')).stderr).toContain('holds no state for node "zzz"');
    expect((await failing('state', 'diff', savepoint)).stderr).toContain('takes two checkpoints (A B), got 1');
    expect((await failing('state', 'edit', savepoint, '--out', 'x.json', '--set', 'total=1')).stderr).toContain('need --node ID and --key K');
  });
});
