import { describe, expect, it } from 'vitest';
import { stateForSubtask } from '../checkpoint/restore.js';
import { ConnectOperator } from './connect.js';
import { OperatorHarness } from './harness.js';
import type { OperatorSnapshot } from './operator.js';
import { ProcessOperator } from './process.js';

/** A non-keyed connect: in1 records go into list and union list state, an in2 record reports them. */
const buffering = `({
  onElement1(r, ctx) {
    ctx.operatorState.list('buffer').add(r);
    ctx.operatorState.unionList('seen').add(r);
  },
  onElement2(cmd, ctx, out) {
    out.collect({ buffer: ctx.operatorState.list('buffer').get(), seen: ctx.operatorState.unionList('seen').get() });
  },
})`;

function subtask(parallelism: number, index: number, restore?: OperatorSnapshot) {
  const h = new OperatorHarness(new ConnectOperator(), { nodeId: 'c', kind: 'connect', params: { code: buffering }, parallelism, subtaskIndex: index });
  if (restore) h.restore(restore);
  return h;
}

/** Restores `old` at `parallelism`; each new subtask reports its state. */
function rescale(old: OperatorSnapshot[], parallelism: number) {
  const hs = Array.from({ length: parallelism }, (_, i) => subtask(parallelism, i, stateForSubtask(old, old.length, parallelism, i)));
  const reports = hs.map((h) => {
    h.processElement('report', 0, 1);
    return h.records()[0];
  });
  return { hs, reports };
}

describe('operator state (ctx.operatorState) in user functions', () => {
  it('list state splits evenly and union list state goes whole to every subtask: p1 → p3 → p2', () => {
    const h = subtask(1, 0);
    for (const r of ['a', 'b', 'c', 'd', 'e']) h.processElement(r, 0, 0);
    const p3 = rescale([h.snapshot()], 3);
    expect(p3.reports).toEqual([
      { buffer: ['a', 'b'], seen: ['a', 'b', 'c', 'd', 'e'] },
      { buffer: ['c', 'd'], seen: ['a', 'b', 'c', 'd', 'e'] },
      { buffer: ['e'], seen: ['a', 'b', 'c', 'd', 'e'] },
    ]);
    // Each p3 subtask adds one element of its own, then p3 → p2.
    for (const [i, x] of p3.hs.entries()) x.processElement(`n${i}`, 0, 0);
    const p2 = rescale(
      p3.hs.map((x) => x.snapshot()),
      2,
    );
    const union = ['a', 'b', 'c', 'd', 'e', 'n0', 'a', 'b', 'c', 'd', 'e', 'n1', 'a', 'b', 'c', 'd', 'e', 'n2'];
    expect(p2.reports).toEqual([
      { buffer: ['a', 'b', 'n0', 'c'], seen: union },
      { buffer: ['d', 'n1', 'e', 'n2'], seen: union },
    ]);
  });

  it('a restore at the same parallelism keeps each list and still unions the union lists', () => {
    const hs = [0, 1].map((i) => subtask(2, i));
    hs[0]!.processElement('x', 0, 0);
    hs[1]!.processElement('y', 0, 0);
    const { reports } = rescale(
      hs.map((h) => h.snapshot()),
      2,
    );
    expect(reports).toEqual([
      { buffer: ['x'], seen: ['x', 'y'] },
      { buffer: ['y'], seen: ['x', 'y'] },
    ]);
  });

  it('works in keyed functions too, and a name keeps its kind across a restore', () => {
    const code = (decl: string) => `({ onElement(r, ctx, out) { ctx.operatorState.${decl}('n').add(r.v); out.collect(ctx.operatorState.${decl}('n').get()); } })`;
    const h = new OperatorHarness(new ProcessOperator(), { nodeId: 'p', kind: 'process', params: { code: code('list') }, keys: ['k'] });
    h.processElement({ k: 'a', v: 1 }).processElement({ k: 'b', v: 2 });
    expect(h.records()).toEqual([[1], [1, 2]]);
    const again = new OperatorHarness(new ProcessOperator(), { nodeId: 'p', kind: 'process', params: { code: code('unionList') }, keys: ['k'] });
    again.restore(h.snapshot());
    expect(() => again.processElement({ k: 'a', v: 3 })).toThrow(
      /operator state "n" was restored as a list state \(operatorState\.list\), but the function declares a union list state \(operatorState\.unionList\)/,
    );
  });

  it('refuses one name for two kinds and null elements', () => {
    const code = `({ onElement1(r, ctx) { ctx.operatorState.list('n'); ctx.operatorState.unionList('n'); }, onElement2(r, ctx) { ctx.operatorState.list('m').add(null); } })`;
    const h = new OperatorHarness(new ConnectOperator(), { params: { code } });
    expect(() => h.processElement('x', 0, 0)).toThrow(/operator state "n" is already a list state/);
    expect(() => h.processElement('x', 0, 1)).toThrow(/elements may not be null or undefined/);
  });
});
