import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceController } from '../../engine/index';
import { until } from '../../engine/testing/until';
import { controllerLabClient } from '../client/lab-client';
import { engineBreakpoints } from '../lab/breakpoints';
import { createAppStore } from '../store/app-store';
import type { EditableJob } from '../store/job-types';
import { nodeMenuItems } from './node-menu';

const lateData = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'examples', 'late-data.json'), 'utf8')) as EditableJob;

function store() {
  const st = createAppStore({ labClient: () => controllerLabClient(new TraceController()) });
  st.getState().loadJob(lateData);
  return st;
}
const labels = (st: ReturnType<typeof store>, node: string) => nodeMenuItems(st.getState(), st, node).map((i) => `${i.label}${i.checked ? ' ✓' : ''}`);

describe('the canvas node menu', () => {
  it('offers editing actions outside the lab: duplicate copies the node beside it, the clipboard untouched', () => {
    const st = store();
    expect(labels(st, 'by-sensor')).toEqual(['Inspect', 'Duplicate', 'Delete']);
    nodeMenuItems(st.getState(), st, 'by-sensor').find((i) => i.id === 'duplicate')!.perform();
    expect(st.getState().doc.nodes).toHaveLength(6);
    expect(st.getState().selectedNodeIds).toHaveLength(1);
    expect(st.getState().clipboard).toBeNull();
    nodeMenuItems(st.getState(), st, 'by-sensor').find((i) => i.id === 'delete')!.perform();
    expect(st.getState().doc.nodes.map((n) => n.id)).not.toContain('by-sensor');
  });

  it('toggles the lab breakpoints at a node, a window firing only at window nodes', async () => {
    const st = store();
    st.getState().enterLab();
    await until(() => st.getState().labStatus === 'ready');
    expect(labels(st, 'readings')).toEqual(['Break on next record here', 'Break on next watermark here', 'Inspect']);
    const fire = () => nodeMenuItems(st.getState(), st, 'sum-10s').find((i) => i.id === 'break-fire')!;
    fire().perform();
    expect(labels(st, 'sum-10s')).toContain('Break when a window fires here ✓');
    nodeMenuItems(st.getState(), st, 'sum-10s').find((i) => i.id === 'break-record')!.perform();
    expect(st.getState().labBreakpoints.map((b) => b.kind)).toEqual(['window-fires', 'node-input']);
    // The record breakpoint stands for records only.
    expect(engineBreakpoints(st.getState().labBreakpoints).conditions.map((c) => (c.kind === 'event' ? c.condition.type : c.kind))).toEqual(['window.fire', 'record.in']);
    fire().perform();
    expect(labels(st, 'sum-10s')).toContain('Break when a window fires here');
    expect(st.getState().labBreakpoints.map((b) => b.kind)).toEqual(['node-input']);
    await st.getState().labRunToBreakpoint();
    expect(st.getState().labStop).toBe('Next record into sum-10s');
    expect(st.getState().labTrace.steps[st.getState().labPosition - 1]!.events[0]!.type).toBe('record.in');
  });
});
