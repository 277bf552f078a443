import { describe, expect, it } from 'vitest';
import { stateForSubtask } from '../checkpoint/restore.js';
import { runJob } from '../run-job.js';
import { OperatorHarness } from './harness.js';
import type { OperatorSnapshot } from './operator.js';
import { ProcessBroadcastOperator } from './process-broadcast.js';

/** Dynamic thresholds: rules {sensor, max} broadcast to keyed readings {sensor, value}. */
const thresholds = `({
  processElement(r, ctx, out) {
    const rule = ctx.broadcastState('rules').get(r.sensor);
    if (rule !== undefined && r.value > rule) out.collect({ sensor: ctx.key, value: r.value, max: rule });
  },
  processBroadcastElement(rule, ctx, out) {
    ctx.broadcastState('rules').put(rule.sensor, rule.max);
  },
})`;

const keyed = (code: string, extra: Record<string, unknown> = {}) =>
  new OperatorHarness(new ProcessBroadcastOperator(), { nodeId: 'b1', kind: 'process.broadcast', params: { code }, keys: ['sensor'], ...extra });

describe('process.broadcast', () => {
  it('keyed: processElement reads the rules processBroadcastElement wrote', () => {
    const h = keyed(thresholds);
    h.processElement({ sensor: 'a', value: 50 }, 1, 0);
    h.processElement({ sensor: 'a', max: 10 }, 2, 1);
    h.processElement({ sensor: 'a', value: 5 }, 3, 0);
    h.processElement({ sensor: 'a', value: 12 }, 4, 0);
    h.processElement({ sensor: 'b', value: 99 }, 5, 0);
    h.processElement({ sensor: 'a', max: 20 }, 6, 1);
    h.processElement({ sensor: 'a', value: 12 }, 7, 0);
    expect(h.recordsWithTimestamps()).toEqual([[{ sensor: 'a', value: 12, max: 10 }, 4]]);
  });

  it('broadcast state is read-only in processElement and onTimer, with a sentence naming the node', () => {
    const h = keyed(`({
      processElement(r, ctx) { ctx.broadcastState('rules').put('x', 1); },
      processBroadcastElement() {},
    })`);
    expect(() => h.processElement({ sensor: 'a' }, 1, 0)).toThrow(
      /broadcast state "rules"\.put\(…\): broadcast state is read-only in processElement and onTimer \(Flink's ReadOnlyBroadcastState\); change it in processBroadcastElement/,
    );
    const t = keyed(`({
      processElement(r, ctx) { ctx.timers.registerEventTime(10); },
      processBroadcastElement(rule, ctx) { ctx.broadcastState('rules').put('k', rule); },
      onTimer(ts, ctx, out) { out.collect(ctx.broadcastState('rules').entries()); ctx.broadcastState('rules').clear(); },
    })`);
    t.processElement('r1', 1, 1).processElement({ sensor: 'a' }, 2, 0);
    expect(() => t.processWatermark(10)).toThrow(/broadcast state "rules"\.clear\(…\): broadcast state is read-only/);
    expect(t.records()).toEqual([[['k', 'r1']]]);
  });

  it('processBroadcastElement has no key: keyed state and timers refuse, applyToKeyedState visits every key', () => {
    const h = keyed(`({
      open(ctx) { ctx.state.value('count'); },
      processElement(r, ctx, out) {
        const c = ctx.state.value('count');
        c.update((c.get() ?? 0) + 1);
      },
      processBroadcastElement(cmd, ctx, out) {
        if (cmd === 'state') ctx.state.value('count');
        else if (cmd === 'timer') ctx.timers.registerEventTime(1);
        else if (cmd === 'undeclared') ctx.applyToKeyedState('other', () => {});
        else ctx.applyToKeyedState('count', (key, state) => { out.collect([key, state.get()]); state.clear(); });
      },
    })`);
    h.processElement({ sensor: 'a' }, 1, 0).processElement({ sensor: 'b' }, 1, 0).processElement({ sensor: 'a' }, 1, 0);
    expect(() => h.processElement('state', 2, 1)).toThrow(/process\.broadcast node "b1": processBroadcastElement has no current key, so ctx\.state is not available there/);
    expect(() => h.processElement('timer', 2, 1)).toThrow(/timers are not available in processBroadcastElement/);
    expect(() => h.processElement('undeclared', 2, 1)).toThrow(/declare state "other" first/);
    h.processElement('report', 2, 1);
    expect(h.records()).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    h.processElement('report', 3, 1);
    expect(h.records()).toHaveLength(2);
  });

  it('keyed: timers fire through onTimer with the key and the current rules', () => {
    const h = keyed(`({
      processElement(r, ctx) { ctx.timers.registerEventTime(ctx.timestamp + 10); },
      processBroadcastElement(rule, ctx) { ctx.broadcastState('rules').put('level', rule); },
      onTimer(ts, ctx, out) { out.collect({ key: ctx.key, ts, level: ctx.broadcastState('rules').get('level') }); },
    })`);
    h.processElement({ sensor: 'a' }, 1, 0).processElement('high', 5, 1).processWatermark(11);
    expect(h.recordsWithTimestamps()).toEqual([[{ key: 'a', ts: 11, level: 'high' }, 11]]);
  });

  it('non-keyed: no key, keyed state and timers throw a clear error', () => {
    const code = `({
      processElement(r, ctx, out) { if (r === 'state') ctx.state.value('v'); out.collect([ctx.key, r, ctx.broadcastState('b').get('x') ?? null]); },
      processBroadcastElement(rule, ctx, out) {
        if (rule === 'apply') ctx.applyToKeyedState('v', () => {});
        ctx.broadcastState('b').put('x', rule);
      },
    })`;
    const h = new OperatorHarness(new ProcessBroadcastOperator(), { nodeId: 'b1', kind: 'process.broadcast', params: { code } });
    h.processElement('r1', 1, 0).processElement('R', 2, 1).processElement('r2', 3, 0);
    expect(h.records()).toEqual([
      [undefined, 'r1', null],
      [undefined, 'r2', 'R'],
    ]);
    expect(() => h.processElement('state', 4, 0)).toThrow(/process\.broadcast node "b1": keyed state and timers need a keyed in1/);
    expect(() => h.processElement('apply', 4, 1)).toThrow(/applyToKeyedState needs a keyed in1/);
  });

  it('requires processElement and processBroadcastElement', () => {
    expect(() => keyed('({ processElement() {} })')).toThrow(/process\.broadcast node "b1", params\.code: method processBroadcastElement is missing/);
  });

  it('each subtask snapshots its copy; a restore keeps it at the same parallelism and deals copies round-robin at another', () => {
    const snapshots: OperatorSnapshot[] = [];
    for (let i = 0; i < 2; i++) {
      const h = keyed(thresholds, { parallelism: 2, subtaskIndex: i });
      // Copies differ only to show which one a subtask gets (a real job keeps them equal).
      h.processElement({ sensor: 'a', max: 10 + i }, 1, 1);
      snapshots.push(h.snapshot());
    }
    expect(snapshots.map((s) => s.operatorState?.broadcast)).toEqual([{ rules: [['a', 10]] }, { rules: [['a', 11]] }]);

    const maxOf = (p: number, i: number) => {
      const h = keyed(thresholds, { parallelism: p, subtaskIndex: i });
      h.restore(stateForSubtask(snapshots, 2, p, i));
      h.processElement({ sensor: 'a', value: 100 }, 2, 0);
      return (h.records()[0] as { max: number }).max;
    };
    expect([0, 1].map((i) => maxOf(2, i))).toEqual([10, 11]);
    expect([0, 1, 2].map((i) => maxOf(3, i))).toEqual([10, 11, 10]);
    expect([0].map((i) => maxOf(1, i))).toEqual([10]);
  });

  it('in a job: rules reach every subtask, and the watermark is the minimum over both inputs', async () => {
    const job = (rulesEnd: number) => ({
      format: 'eddy/job@1',
      nodes: [
        {
          id: 'readings',
          kind: 'source.collection',
          params: {
            records: [{ $watermark: 0 }, ...['a', 'b', 'c', 'd'].map((sensor, i) => ({ sensor, value: 50, ts: 100 + i })), { $watermark: 1000 }],
            timestampField: 'ts',
          },
        },
        {
          id: 'rules',
          kind: 'source.collection',
          params: { records: [...['a', 'b', 'c', 'd'].map((sensor) => ({ sensor, max: 10, ts: 1 })), { $watermark: rulesEnd }], timestampField: 'ts' },
        },
        { id: 'by-sensor', kind: 'keyBy', params: { field: 'sensor' } },
        {
          id: 'alerts',
          kind: 'process.broadcast',
          params: {
            code: `({
              processElement(r, ctx) { ctx.timers.registerEventTime(500); },
              processBroadcastElement(rule, ctx) { ctx.broadcastState('rules').put(rule.sensor, rule.max); },
              onTimer(ts, ctx, out) { out.collect({ sensor: ctx.key, max: ctx.broadcastState('rules').get(ctx.key), wm: ctx.currentWatermark() }); },
            })`,
          },
        },
        { id: 'out', kind: 'sink.collect' },
      ],
      edges: [
        { from: 'readings', to: 'by-sensor' },
        { from: 'by-sensor', to: 'alerts', toPort: 'in1' },
        { from: 'rules', to: 'alerts', toPort: 'in2' },
        { from: 'alerts', to: 'out' },
      ],
    });
    // The readings' watermark 1000 passes 500, but the rules hold the operator at 600 until they end.
    for (const parallelism of [1, 3]) {
      const r = await runJob(job(600), { parallelism });
      const alerts = r.results.map((x) => x.value as { sensor: string; max: number; wm: number });
      expect(alerts.map((a) => a.sensor).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(alerts.every((a) => a.max === 10)).toBe(true);
      // Timers at 500 fire on the first watermark ≥ 500 that both inputs allow: min(1000, 600).
      expect(alerts.every((a) => a.wm === 600)).toBe(true);
    }
  });
});
