import { describe, expect, it } from 'vitest';
import { type FieldDef, type FieldSpec, humanize, jobSettingFields, optionFields, paramFields, selectedOption, switchOption } from './form-model';

function field(fields: readonly FieldDef[], name: string): FieldDef {
  const f = fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

type Union = Extract<FieldSpec, { kind: 'union' }>;

describe('forms from the param schemas', () => {
  it('labels params in words and keeps the ms unit apart', () => {
    expect(humanize('maxOutOfOrdernessMs')).toBe('Max out of orderness');
    expect(humanize('timestampField')).toBe('Timestamp field');
    expect(humanize('code')).toBe('Code');
  });

  it('describes numbers with their unit, limits, default and help text', () => {
    const f = field(paramFields('watermarks'), 'maxOutOfOrdernessMs');
    expect(f.spec).toEqual({ kind: 'number', integer: true, min: 0, unit: 'ms' });
    expect(f.default).toBe(0);
    expect(f.required).toBe(false);
    expect(f.description).toMatch(/out-of-orderness|behind/);
  });

  it('makes enums selects and code params code editors', () => {
    const wm = paramFields('watermarks');
    expect(field(wm, 'strategy').spec).toEqual({ kind: 'enum', options: ['bounded-out-of-orderness', 'monotonous'] });
    expect(field(wm, 'timestamp').spec).toEqual({ kind: 'code' });
    expect(field(paramFields('map'), 'code')).toMatchObject({ required: true, spec: { kind: 'code' } });
  });

  it('edits a collection\'s records as a JSON array', () => {
    expect(field(paramFields('source.collection'), 'records')).toMatchObject({ required: true, spec: { kind: 'json', expects: 'array' } });
  });

  it('makes join keys key fields (a path or a function)', () => {
    expect(field(paramFields('join.interval'), 'leftKey').spec).toEqual({ kind: 'key' });
  });

  it("shows an interval join's late-output tags as optional fields with their help text", () => {
    for (const name of ['leftLateOutput', 'rightLateOutput']) {
      const f = field(paramFields('join.interval'), name);
      expect(f).toMatchObject({ required: false, spec: { kind: 'text' } });
      expect(f.description).toMatch(/sideOutput(Left|Right)LateData/);
    }
  });

  it('turns the window assigner into a type choice whose fields follow the choice', () => {
    const assigner = field(paramFields('window'), 'assigner');
    const spec = assigner.spec as Union;
    expect(spec.kind).toBe('union');
    expect(spec.discriminator).toBe('type');
    expect(spec.options.map((o) => o.label)).toEqual(['tumbling', 'sliding', 'session', 'global', 'count']);
    const sliding = optionFields(spec.options[1]!, 'type', assigner.path, 'window');
    expect(sliding.map((f) => f.name)).toEqual(['sizeMs', 'slideMs', 'offsetMs', 'time']);
    expect(sliding[0]!.path).toEqual(['assigner', 'sizeMs']);
    const session = optionFields(spec.options[2]!, 'type', assigner.path, 'window');
    expect(field(session, 'gap').spec).toEqual({ kind: 'code' });
  });

  it('finds code inside a union option (the window function\'s code)', () => {
    const fn = field(paramFields('window'), 'function');
    const spec = fn.spec as Union;
    const reduce = spec.options.find((o) => o.label === 'reduce')!;
    expect(field(optionFields(reduce, 'type', fn.path, 'window'), 'code').spec).toEqual({ kind: 'code' });
  });

  it('offers "default" and every trigger, and describes a purging trigger\'s inner trigger on demand', () => {
    const trigger = field(paramFields('window'), 'trigger');
    const spec = trigger.spec as Union;
    expect(trigger.default).toBe('default');
    expect(spec.options.map((o) => o.label)).toEqual(['default', 'count', 'event-time', 'processing-time', 'continuous-event-time', 'end-of-stream', 'purging']);
    const of = optionFields(spec.options[6]!, 'type', trigger.path, 'window');
    expect(of[0]!.name).toBe('of');
    expect((of[0]!.spec as Union).options.map((o) => o.label)).toContain('purging');
  });

  it('offers "none" for a nullable evictor', () => {
    const spec = field(paramFields('window'), 'evictor').spec as Union;
    expect(spec.options.map((o) => o.label)).toEqual(['count', 'time', 'none']);
  });

  it('finds which option a value is, and switches keeping shared fields', () => {
    const spec = field(paramFields('window'), 'assigner').spec as Union;
    expect(selectedOption(spec, { type: 'sliding', sizeMs: 1 })).toBe(1);
    expect(selectedOption(spec, undefined)).toBe(-1);
    expect(switchOption(spec, 1, { type: 'tumbling', sizeMs: 5000, time: 'event' })).toEqual({ type: 'sliding', sizeMs: 5000, time: 'event' });
    expect(switchOption(spec, 3, { type: 'tumbling', sizeMs: 5000 })).toEqual({ type: 'global' });
    const trigger = field(paramFields('window'), 'trigger').spec as Union;
    expect(selectedOption(trigger, 'default')).toBe(0);
    expect(switchOption(trigger, 0, { type: 'count', count: 3 })).toBe('default');
  });

  it('nests object params in a group (a join\'s window)', () => {
    const win = field(paramFields('join.window'), 'window');
    expect(win.spec.kind).toBe('object');
    const inner = (win.spec as Extract<FieldSpec, { kind: 'object' }>).fields;
    expect(inner.map((f) => f.name)).toEqual(['assigner', 'trigger', 'evictor', 'allowedLatenessMs']);
    expect(inner[0]!.path).toEqual(['window', 'assigner']);
  });

  it('describes every kind without a hand-written form', () => {
    for (const kind of ['source.collection', 'source.datagen', 'source.file', 'watermarks', 'map', 'filter', 'flatMap', 'keyBy', 'reduce', 'aggregate', 'window', 'process', 'union', 'connect', 'join.window', 'join.interval', 'sink.collect', 'sink.file'] as const) {
      expect(() => paramFields(kind)).not.toThrow();
    }
    expect(paramFields('union')).toEqual([]);
  });
});

describe('the job settings form', () => {
  it('describes checkpointing as the checkpoint config\'s fields, paths from the document root', () => {
    const cp = field(jobSettingFields(), 'checkpointing');
    expect(cp.required).toBe(false);
    const fields = (cp.spec as Extract<FieldSpec, { kind: 'object' }>).fields;
    expect(fields.map((f) => f.name)).toEqual(['intervalMs', 'mode', 'unaligned', 'retained']);
    expect(field(fields, 'intervalMs')).toMatchObject({ path: ['checkpointing', 'intervalMs'], required: true, spec: { kind: 'number', unit: 'ms' } });
    expect(field(fields, 'mode')).toMatchObject({ default: 'exactly-once', spec: { kind: 'enum', options: ['exactly-once', 'at-least-once'] } });
    expect(field(fields, 'unaligned').spec.kind).toBe('boolean');
  });

  it('describes the restart strategy as a union tagged by "strategy", with each option\'s fields', () => {
    const restart = field(jobSettingFields(), 'restart');
    const spec = restart.spec as Union;
    expect(spec.discriminator).toBe('strategy');
    expect(spec.options.map((o) => o.label)).toEqual(['none', 'fixed-delay', 'exponential-delay', 'failure-rate']);
    expect(optionFields(spec.options[0]!, 'strategy', restart.path, 'job')).toEqual([]);
    const fixed = optionFields(spec.options[1]!, 'strategy', restart.path, 'job');
    expect(fixed.map((f) => f.path.join('.'))).toEqual(['restart.attempts', 'restart.delayMs']);
    const rate = optionFields(spec.options[3]!, 'strategy', restart.path, 'job');
    expect(rate.map((f) => f.name)).toEqual(['maxFailures', 'intervalMs', 'delayMs']);
    expect(switchOption(spec, 3, { strategy: 'fixed-delay', attempts: 3, delayMs: 100 })).toEqual({ strategy: 'failure-rate', delayMs: 100 });
  });

  it('describes execution as the watchdog\'s time limit, in ms, defaulting to 10 s', () => {
    const execution = field(jobSettingFields(), 'execution');
    expect(execution.required).toBe(false);
    const fields = (execution.spec as Extract<FieldSpec, { kind: 'object' }>).fields;
    expect(field(fields, 'functionTimeoutMs')).toMatchObject({ path: ['execution', 'functionTimeoutMs'], default: 10_000, spec: { kind: 'number', unit: 'ms' } });
  });
});
