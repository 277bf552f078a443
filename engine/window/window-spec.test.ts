import { describe, expect, it } from 'vitest';
import { compileUserCode } from '../udf/compile.js';
import { CountEvictor } from './count-evictor.js';
import { CountTrigger } from './count-trigger.js';
import { GlobalWindows } from './global-windows.js';
import { PurgingTrigger } from './purging-trigger.js';
import { TumblingWindows } from './tumbling-windows.js';
import { createWindowSpec } from './window-spec.js';

const compile = (code: string) => compileUserCode(code);
const spec = (params: Record<string, any>, prefix = 'params') => createWindowSpec(params, prefix, 'w1', compile);

describe('createWindowSpec', () => {
  it('builds the assigner and its default trigger', () => {
    const s = spec({ assigner: { type: 'tumbling', sizeMs: 10, offsetMs: 0, time: 'event' }, trigger: 'default' });
    expect(s.assigner).toBeInstanceOf(TumblingWindows);
    expect(s.evictor).toBeNull();
    expect(s.allowedLateness).toBe(0);
  });

  it('makes countWindow(n) a global window with a purging count trigger', () => {
    const s = spec({ assigner: { type: 'count', size: 3 }, trigger: 'default', evictor: null });
    expect(s.assigner).toBeInstanceOf(GlobalWindows);
    expect(s.trigger).toBeInstanceOf(PurgingTrigger);
    expect(s.evictor).toBeNull();
  });

  it('makes countWindow(n, s) a global window with a count evictor(n) and a count trigger(s)', () => {
    const s = spec({ assigner: { type: 'count', size: 3, slide: 2 }, trigger: 'default', evictor: null });
    expect(s.trigger).toEqual(new CountTrigger(2));
    expect(s.evictor).toEqual(new CountEvictor(3));
  });

  it('lets an explicit evictor replace the count window’s own', () => {
    const s = spec({ assigner: { type: 'count', size: 3, slide: 2 }, evictor: { type: 'count', count: 1 } });
    expect(s.evictor).toEqual(new CountEvictor(1));
  });

  it('names the node and field of a bad param', () => {
    expect(() => spec({ assigner: { type: 'hopping' } })).toThrow('node "w1", field params.assigner.type');
    expect(() => spec({ assigner: { type: 'tumbling', sizeMs: 10, offsetMs: 10 } })).toThrow('field params.assigner');
    expect(() => spec({ assigner: { type: 'global' }, trigger: { type: 'purging', of: { type: 'nope' } } })).toThrow(
      'field params.trigger.of.type',
    );
    expect(() => spec({ assigner: { type: 'global' }, allowedLatenessMs: -1 })).toThrow('field params.allowedLatenessMs');
  });

  it('prefixes fields with where the window params sit', () => {
    expect(() => spec({ assigner: { type: 'count', size: 0 } }, 'params.window')).toThrow('field params.window.assigner.size');
  });
});
