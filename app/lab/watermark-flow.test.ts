import { describe, expect, it } from 'vitest';
import type { TraceStep } from './trace-types';
import { holdingChannel, nodeIdle, nodeWatermark, watermarkFlowAt } from './watermark-flow';

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
});
