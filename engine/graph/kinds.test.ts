import { describe, expect, it } from 'vitest';
import { codeParamsOf, fixedParallelism, hasDynamicSideOutputs, KIND_INFO, outputPorts } from './kinds.js';
import { NODE_KIND_NAMES } from './schema-params.js';

describe('KIND_INFO', () => {
  it('describes every kind, under its own name', () => {
    expect(Object.keys(KIND_INFO).sort()).toEqual([...NODE_KIND_NAMES].sort());
    for (const kind of NODE_KIND_NAMES) {
      expect(KIND_INFO[kind].kind).toBe(kind);
      expect(KIND_INFO[kind].label.length).toBeGreaterThan(0);
      expect(KIND_INFO[kind].description.length).toBeGreaterThan(0);
    }
  });

  it('gives sources no input, two-input nodes in1/in2 and the rest "in"', () => {
    for (const kind of NODE_KIND_NAMES) {
      const expected = kind.startsWith('source.')
        ? []
        : ['connect', 'join.window', 'join.interval', 'process.broadcast', 'join.sqlInterval', 'join.regular', 'join.temporal', 'join.semiAnti'].includes(kind)
          ? ['in1', 'in2']
          : ['in'];
      expect(KIND_INFO[kind].inputs, kind).toEqual(expected);
    }
  });

  it('lets only union take many edges on one input, and only sinks have no output', () => {
    expect(NODE_KIND_NAMES.filter((k) => KIND_INFO[k].manyInputs)).toEqual(['union']);
    const noOutput = NODE_KIND_NAMES.filter((k) => !KIND_INFO[k].hasOutput);
    expect(noOutput).toEqual(expect.arrayContaining(['sink.collect', 'sink.file', 'sink.websocket']));
    expect(noOutput.filter((k) => KIND_INFO[k].category !== 'Sinks')).toEqual([]);
  });

  it('marks keyed-only, optionally keyed and self-keyed kinds', () => {
    const by = (mode: string) => NODE_KIND_NAMES.filter((k) => KIND_INFO[k].keyed === mode);
    expect(by('required')).toEqual(['reduce', 'aggregate', 'groupAggregate', 'rank']);
    expect(by('optional')).toEqual(['window', 'process', 'connect', 'cep.pattern']);
    expect(by('self')).toEqual(['join.window', 'join.interval', 'join.sqlInterval', 'join.regular', 'join.temporal', 'join.semiAnti']);
    expect(by('first')).toEqual(['process.broadcast']);
  });

  it('lets process, connect and process.broadcast emit side outputs under any tag, and a window with a process function (ctx.output)', () => {
    expect(NODE_KIND_NAMES.filter((k) => hasDynamicSideOutputs(KIND_INFO[k], {}))).toEqual(['process', 'connect', 'join.interval', 'process.broadcast']);
    expect(hasDynamicSideOutputs(KIND_INFO.window, { function: { type: 'process', code: '() => 1' } })).toBe(true);
    expect(hasDynamicSideOutputs(KIND_INFO.window, { function: { type: 'aggregate', fn: 'count' } })).toBe(false);
  });
});

describe('fixedParallelism', () => {
  it('runs a collection source as one subtask', () => {
    expect(fixedParallelism({ kind: 'source.collection' }, false)).toBe(1);
  });

  it('runs a window as one subtask only on a non-keyed stream (windowAll)', () => {
    expect(fixedParallelism({ kind: 'window' }, false)).toBe(1);
    expect(fixedParallelism({ kind: 'window' }, true)).toBeUndefined();
  });

  it('runs file sources and file sinks as one subtask (one file each)', () => {
    expect(fixedParallelism({ kind: 'source.file' }, false)).toBe(1);
    expect(fixedParallelism({ kind: 'sink.file' }, true)).toBe(1);
  });

  it('leaves parallel kinds free', () => {
    expect(fixedParallelism({ kind: 'map' }, false)).toBeUndefined();
    expect(fixedParallelism({ kind: 'reduce' }, true)).toBeUndefined();
  });
});

describe('outputPorts', () => {
  it('adds the late-output tag of a window', () => {
    expect(outputPorts('window', { lateOutput: 'late' })).toEqual(['out', 'late']);
    expect(outputPorts('window', {})).toEqual(['out']);
  });

  it('adds the late-output tags of an interval join, once when both sides share one', () => {
    expect(outputPorts('join.interval', { leftLateOutput: 'late-orders', rightLateOutput: 'late-payments' })).toEqual(['out', 'late-orders', 'late-payments']);
    expect(outputPorts('join.interval', { leftLateOutput: 'late', rightLateOutput: 'late' })).toEqual(['out', 'late']);
    expect(outputPorts('join.interval', {})).toEqual(['out']);
  });

  it('adds "errors" to a file source and gives sinks nothing', () => {
    expect(outputPorts('source.file', {})).toEqual(['out', 'errors']);
    expect(outputPorts('sink.collect', {})).toEqual([]);
  });

  it('tolerates params that are not objects', () => {
    expect(outputPorts('window', null)).toEqual(['out']);
  });
});

describe('codeParamsOf', () => {
  it('finds the code of a map, a keyBy written as code and a watermark timestamp', () => {
    expect(codeParamsOf('map', { code: '(r) => r' })).toEqual([{ path: 'code', code: '(r) => r' }]);
    expect(codeParamsOf('keyBy', { field: 'k' })).toEqual([]);
    expect(codeParamsOf('keyBy', { code: '(r) => r.k' })).toEqual([{ path: 'code', code: '(r) => r.k' }]);
    expect(codeParamsOf('watermarks', { timestamp: '(r) => r.ts' })).toEqual([{ path: 'timestamp', code: '(r) => r.ts' }]);
  });

  it('finds nested window code: a dynamic session gap and the window function', () => {
    const params = { assigner: { type: 'session', gap: '(r) => 5' }, function: { type: 'reduce', code: '(a, b) => a' } };
    expect(codeParamsOf('window', params).map((c) => c.path)).toEqual(['assigner.gap', 'function.code']);
  });

  it('counts join keys as code only when they are functions', () => {
    const params = { leftKey: 'user.id', rightKey: '(r) => r.user', code: '(l, r) => l' };
    expect(codeParamsOf('join.interval', params).map((c) => c.path)).toEqual(['code', 'rightKey']);
  });
});
