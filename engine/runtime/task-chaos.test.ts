import { describe, expect, it } from 'vitest';
import type { Output } from '../operators/operator.js';
import { TaskChaos, armFailure } from './task-chaos.js';
import type { StreamOperator } from '../operators/operator.js';

/** A chain's outputs that record what they were told; `swallows` marks one that does not forward idleness. */
function chainOutputs(n: number, swallows = -1) {
  const log: string[] = [];
  const idle = new Array<boolean>(n).fill(false);
  const outputs: Output[] = Array.from({ length: n }, (_, i) => ({
    collect: (v: unknown, ts: number) => log.push(`${i}:record ${JSON.stringify(v)}@${ts}`),
    collectSide: () => {},
    emitWatermark: () => {},
    emitIdle: (flag: boolean) => {
      idle[i] = flag;
      log.push(`${i}:idle ${flag}`);
      // Chained members forward the status, except one that swallows it (a watermarks node).
      if (i + 1 < n && i + 1 !== swallows) outputs[i + 1]!.emitIdle(flag);
    },
  }));
  return { log, outputs, idleOf: (i: number) => idle[i]! };
}

describe('TaskChaos', () => {
  it('an idle pause marks every output of the chain idle once, also past a member that swallows the status, and active again at its end', () => {
    const { log, outputs, idleOf } = chainOutputs(3, 1);
    const chaos = new TaskChaos(outputs, idleOf);
    chaos.pause(1000, 2, true);
    expect(log).toEqual(['0:idle true', '1:idle true', '2:idle true']);
    expect(chaos.holds(2999)).toBe(true);
    expect(chaos.wakeup()).toBe(3000);
    expect(chaos.expire(2999)).toBe(true);
    expect(chaos.expire(3000)).toBe(false);
    expect(chaos.holds(3000)).toBe(false);
    expect(log.slice(3)).toEqual(['0:idle false', '1:idle false', '2:idle false']);
  });

  it('a plain pause holds the task without touching the watermark status; injected records still leave', () => {
    const { log, outputs, idleOf } = chainOutputs(2);
    const chaos = new TaskChaos(outputs, idleOf);
    chaos.pause(0, 10, false);
    chaos.inject({ n: 1 }, 5);
    expect(chaos.holds(1)).toBe(false);
    expect(chaos.emitInjected()).toBe(true);
    expect(chaos.emitInjected()).toBe(false);
    expect(chaos.holds(1)).toBe(true);
    expect(log).toEqual(['0:record {"n":1}@5']);
    chaos.end();
    expect(chaos.holds(1)).toBe(false);
  });

  it('a slowdown sleeps its delay after each record until its end', () => {
    const { outputs, idleOf } = chainOutputs(1);
    const chaos = new TaskChaos(outputs, idleOf);
    chaos.slow(0, 50, 1);
    expect(chaos.slowed(10)).toBe(true);
    expect(chaos.sleepAfterStep(10)).toBe(50);
    expect(chaos.holds(59)).toBe(true);
    expect(chaos.wakeup()).toBe(60);
    expect(chaos.expire(60)).toBe(true);
    expect(chaos.holds(60)).toBe(false);
    expect(chaos.slowed(1000)).toBe(false);
    expect(chaos.expire(1000)).toBe(false);
  });

  it('an armed failure throws at the next record, naming the node, once', () => {
    const op = { processElement: () => 'ran' } as unknown as StreamOperator;
    armFailure(op, 'w');
    expect(() => op.processElement(1, 0, 0)).toThrow('chaos: injected failure at node w');
    expect(op.processElement(1, 0, 0)).toBe('ran');
  });
});
