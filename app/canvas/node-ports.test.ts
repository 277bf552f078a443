import { describe, expect, it } from 'vitest';
import type { EditableNode } from '../store/job-types';
import { codeSideOutputs, declaredSideOutputs, portsOf, sideOutputTagsInCode } from './node-ports';

describe('side-output tags in code', () => {
  it('finds literal tags passed to .output(tag, value), whatever the collector is called', () => {
    const code = `({ onElement(r, ctx, out) { if (r.late) out.output('late', r); else if (r.big) collector.output("big", r); o.output(\`audit\`, r); out.output('late', r); } })`;
    expect(sideOutputTagsInCode(code)).toEqual(['late', 'big', 'audit']);
  });

  it('ignores tags that are not literals, template literals with substitutions, "out" and calls without a value', () => {
    expect(sideOutputTagsInCode('out.output(tagOf(r), r); out.output(`x${n}`, r); out.output("out", r); out.output("alone")')).toEqual([]);
    expect(sideOutputTagsInCode('out.collect(r)')).toEqual([]);
  });

  it('reads every code param of the node kind (connect has one code object too)', () => {
    const p: EditableNode = { id: 'p', kind: 'process', params: { code: "({ onElement(r, ctx, out) { out.output('late', r) } })" } };
    expect(codeSideOutputs(p)).toEqual(['late']);
    expect(codeSideOutputs({ id: 'm', kind: 'map', params: { code: "(r) => r.output('x', 1)" } })).toEqual(['x']);
    expect(codeSideOutputs({ id: 'u', kind: 'nope', params: { code: "out.output('x', 1)" } })).toEqual([]);
  });
});

describe('ports of process/connect nodes', () => {
  const proc: EditableNode = { id: 'p', kind: 'process', params: { code: "({ onElement(r, ctx, out) { out.output('late', r) } })" } };

  it('shows a handle for a tag as soon as the code names it, before any edge uses it', () => {
    expect(portsOf(proc, []).outputs).toEqual(['out', 'late']);
  });

  it('adds hand-declared tags from the layout and tags edges use, each once', () => {
    const layout = { p: { x: 0, y: 0, sideOutputs: ['alerts', 'late'] } };
    expect(portsOf(proc, [{ from: 'p', fromPort: 'errors', to: 's' }, { from: 'p', fromPort: 'late', to: 's' }], layout).outputs).toEqual(['out', 'late', 'alerts', 'errors']);
  });

  it('does not grow code tags on kinds with fixed outputs', () => {
    expect(portsOf({ id: 'm', kind: 'map', params: { code: "(r) => r.output('x', 1)" } }, [], { m: { x: 0, y: 0, sideOutputs: ['y'] } }).outputs).toEqual(['out']);
  });

  it('grows ctx.output tags on a window with a process function, but not on one that aggregates', () => {
    const code = "({ process(k, w, els, ctx) { ctx.output('busy', k); return els.length; }, clear(ctx) { ctx.output('closed', 1); } })";
    const win: EditableNode = { id: 'w', kind: 'window', params: { lateOutput: 'late', function: { type: 'process', code } } };
    expect(portsOf(win, []).outputs).toEqual(['out', 'late', 'busy', 'closed']);
    const sum: EditableNode = { id: 'w', kind: 'window', params: { function: { type: 'aggregate', fn: 'sum', field: 'v' } } };
    expect(portsOf(sum, [{ from: 'w', fromPort: 'x', to: 's' }], { w: { x: 0, y: 0, sideOutputs: ['y'] } }).outputs).toEqual(['out']);
  });

  it('grows ctx.output tags on an interval join (ProcessJoinFunction.Context)', () => {
    const join: EditableNode = { id: 'j', kind: 'join.interval', params: { lowerMs: 0, upperMs: 5, leftKey: 'k', rightKey: 'k', code: "(l, r, ctx) => { ctx.output('early', l); return l; }" } };
    expect(portsOf(join, []).outputs).toEqual(['out', 'early']);
  });

  it('drops malformed declared tags', () => {
    expect(declaredSideOutputs({ p: { x: 0, y: 0, sideOutputs: ['ok', '', 'out', 3 as unknown as string] } }, 'p')).toEqual(['ok']);
    expect(declaredSideOutputs(undefined, 'p')).toEqual([]);
  });
});
