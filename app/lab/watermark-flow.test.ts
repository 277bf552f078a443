import { describe, expect, it } from 'vitest';
import type { TraceStep } from './trace-types';
import { WatermarkFlowIndex, holdingChannel, nodeIdle, nodeWatermark, watermarkFlowAt } from './watermark-flow';

const wm = (step: number, channel: number, watermark: number, combined: number): TraceStep => ({
  step,
  node: 'u',
  subtask: 0,
  events: [{ type: 'watermark.in', node: 'u', channel, port: 'in', watermark, combined }],
});
const idle = (step: number, channel: number, on: boolean): TraceStep => ({ step, node: 'u', subtask: 0, events: [{ type: 'idle.in', node: 'u', channel, port: 'in', idle: on }] });
const inputs = [0, 1, 2].map((c) => ({ to: 'u', toSubtask: 0, port: 'in', inputChannel: c }));

describe('watermark flow', () => {
  it('names the channel holding the minimum, counting channels that sent nothing yet', () => {
    const steps = [wm(0, 0, 12, -Infinity), wm(1, 2, 8, -Infinity)];
    const sub = watermarkFlowAt(steps, 1, inputs).byNode.get('u')!.subtasks.get(0)!;
    expect(sub.channels.get('1')).toEqual({ watermark: -Infinity, idle: false });
    expect(holdingChannel(sub)).toBe('1');
    // Without the plan's channels, only those heard from.
    expect(holdingChannel(watermarkFlowAt(steps, 1).byNode.get('u')!.subtasks.get(0)!)).toBe('2');
  });

  it('marks idle channels idle, leaves them out of the minimum, and an all-idle node is idle', () => {
    // Flink's partially idle example: ch0=15, ch1=10, ch2 idle → 10.
    const steps = [wm(0, 0, 15, -Infinity), wm(1, 1, 10, -Infinity), idle(2, 2, true)];
    const flow = watermarkFlowAt(steps, 2, inputs).byNode.get('u')!;
    const sub = flow.subtasks.get(0)!;
    expect(sub.channels.get('2')).toEqual({ watermark: -Infinity, idle: true });
    expect(sub.combined).toBe(10);
    expect(holdingChannel(sub)).toBe('1');
    expect(nodeWatermark(flow)).toBe(10);
    const allIdle = watermarkFlowAt([...steps, idle(3, 0, true), idle(4, 1, true)], 4, inputs).byNode.get('u')!;
    expect(nodeIdle(allIdle)).toBe(true);
    // Active again: counted again.
    const back = watermarkFlowAt([...steps, idle(3, 2, false)], 3, inputs).byNode.get('u')!;
    expect(back.subtasks.get(0)!.channels.get('2')!.idle).toBe(false);
    expect(nodeIdle(back)).toBe(false);
    // All level (say, every channel ended): nobody holds anything back.
    expect(holdingChannel(watermarkFlowAt([wm(0, 0, Infinity, -Infinity), wm(1, 1, Infinity, -Infinity), wm(2, 2, Infinity, Infinity)], 2, inputs).byNode.get('u')!.subtasks.get(0)!)).toBeNull();
  });

  it('the index gives what a pass over the whole trace gives, at any position forward and back, as the trace grows', () => {
    // A deterministic mix of watermarks and idleness on three channels, 3000 steps.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const steps: TraceStep[] = [];
    const grow = (n: number) => {
      for (let i = 0; i < n; i++) {
        const at = steps.length;
        steps.push(rnd() < 0.1 ? idle(at, Math.floor(rnd() * 3), rnd() < 0.5) : wm(at, Math.floor(rnd() * 3), Math.floor(at * 10 + rnd() * 500), at * 10 - 500));
      }
    };
    grow(1500);
    const index = new WatermarkFlowIndex(steps, inputs);
    const positions = [0, 1499, 700, 255, 256, 257, 1200, 3, 1499];
    for (const p of positions) expect(index.at(p), `at ${p}`).toEqual(watermarkFlowAt(steps, p, inputs));
    // The trace grows in place: the index goes on from where it is, and back again.
    grow(1500);
    for (const p of [2999, 1000, 2048, 511, 2999, -1]) expect(index.at(p), `at ${p}`).toEqual(watermarkFlowAt(steps, p, inputs));
  });
});
