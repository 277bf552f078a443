import { describe, expect, it } from 'vitest';
import { ConnectOperator } from './connect.js';
import { OperatorHarness } from './harness.js';

const rules = `({
  onElement1(r, ctx, out) {
    const limit = ctx.state.value('limit').get();
    if (limit !== undefined && r.amount > limit) out.collect({ user: ctx.key, amount: r.amount, limit });
  },
  onElement2(rule, ctx, out) {
    ctx.state.value('limit').update(rule.limit);
    ctx.timers.registerEventTime(ctx.timestamp + 10);
  },
  onTimer(ts, ctx, out) { out.output('expired', { user: ctx.key, ts }); ctx.state.value('limit').clear(); },
})`;

describe('connect', () => {
  it('keyed: both inputs share state per key', () => {
    const h = new OperatorHarness(new ConnectOperator(), { params: { code: rules }, keys: ['user', 'user'] });
    h.processElement({ user: 'a', limit: 10 }, 1, 1);
    h.processElement({ user: 'a', amount: 5 }, 2, 0);
    h.processElement({ user: 'a', amount: 50 }, 3, 0);
    h.processElement({ user: 'b', amount: 50 }, 4, 0);
    expect(h.recordsWithTimestamps()).toEqual([[{ user: 'a', amount: 50, limit: 10 }, 3]]);
  });

  it('keyed: timers fire through onTimer with the key', () => {
    const h = new OperatorHarness(new ConnectOperator(), { params: { code: rules }, keys: ['user', 'user'] });
    h.processElement({ user: 'a', limit: 10 }, 1, 1).processWatermark(11);
    expect(h.side('expired')).toEqual([{ user: 'a', ts: 11 }]);
    h.processElement({ user: 'a', amount: 50 }, 12, 0);
    expect(h.records()).toEqual([]);
  });

  it('non-keyed: input 0 goes to onElement1 and input 1 to onElement2', () => {
    const code = `({ onElement1(r, ctx, out) { out.collect('1:' + r); }, onElement2(r, ctx, out) { out.collect('2:' + r); } })`;
    const h = new OperatorHarness(new ConnectOperator(), { params: { code } });
    h.processElement('x', 1, 0).processElement('y', 2, 1);
    expect(h.recordsWithTimestamps()).toEqual([
      ['1:x', 1],
      ['2:y', 2],
    ]);
  });

  it('non-keyed: state and timers throw a clear error', () => {
    const state = `({ onElement1(r, ctx) { ctx.state.value('v'); }, onElement2(r, ctx) { ctx.timers.registerEventTime(5); } })`;
    const h = new OperatorHarness(new ConnectOperator(), { nodeId: 'c1', kind: 'connect', params: { code: state } });
    expect(() => h.processElement('x', 1, 0)).toThrow(/connect node "c1": connect state needs keyed inputs/);
    expect(() => h.processElement('y', 1, 1)).toThrow(/connect state needs keyed inputs/);
  });

  it('requires both onElement1 and onElement2', () => {
    expect(() => new OperatorHarness(new ConnectOperator(), { nodeId: 'c1', kind: 'connect', params: { code: '({ onElement1() {} })' } })).toThrow(
      /method onElement2 is missing/,
    );
  });
});
