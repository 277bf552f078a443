import { describe, expect, it } from 'vitest';
import { MemoryIO } from '../host/memory-io.js';
import { planForTrace } from './trace-job.js';
import { traceStepJson } from './trace-json.js';
import type { TraceStep } from './trace-recorder.js';
import { type StepperSnapshot, TraceStepper } from './trace-stepper.js';

/**
 * A task triggered for a checkpoint while it still waits for the barrier (TaskSnapshots.awaiting)
 * reports its final state for that checkpoint when its upstream finished without sending one. A
 * step back to a moment in between must keep that mark: without it the restored task never
 * reports, and the checkpoint the recorded trace completed stays pending.
 */
const job = {
  format: 'eddy/job@1',
  checkpointing: { intervalMs: 60_000 },
  nodes: [
    { id: 'src', kind: 'source.collection', params: { records: [1, 2, 3, 4, 5, 6].map((v) => ({ k: `k${v % 3}`, v })) } },
    { id: 'by-k', kind: 'keyBy', params: { field: 'k' } },
    { id: 'sum', kind: 'process', params: { code: `({ onElement(r, ctx, out) { const s = ctx.state.value('s'); s.update((s.get() ?? 0) + r.v); out.collect({ k: r.k, s: s.get() }); } })` } },
    { id: 'out', kind: 'sink.collect' },
  ],
  edges: [
    { from: 'src', to: 'by-k' },
    { from: 'by-k', to: 'sum' },
    { from: 'sum', to: 'out' },
  ],
};

describe('stepping back keeps the checkpoint a task awaits', () => {
  it('a stepper restored where a task awaits a checkpoint barrier takes the recorded steps, completing that checkpoint', () => {
    let awaited = 0;
    for (const every of [1, 2, 3, 4, 5]) {
      const plan = planForTrace(job, 2);
      const stepper = new TraceStepper(plan, { io: new MemoryIO(), checkpointEverySteps: every });
      const steps: TraceStep[] = [];
      const snapshots: StepperSnapshot[] = [stepper.snapshot()];
      for (let s = stepper.next(); s !== null; s = stepper.next()) {
        steps.push(s);
        snapshots.push(stepper.snapshot());
      }
      snapshots.forEach((snapshot, k) => {
        if (!snapshot.runtime.tasks.some((t) => t.awaiting !== null)) return;
        awaited++;
        const restored = TraceStepper.restore(plan, { io: new MemoryIO(), checkpointEverySteps: every }, snapshot);
        const rest: TraceStep[] = [];
        for (let s = restored.next(); s !== null; s = restored.next()) rest.push(s);
        expect(rest.map(traceStepJson), `every ${every} steps, restored after ${k} steps`).toEqual(steps.slice(k).map(traceStepJson));
      });
    }
    // The case this guards happens: some step leaves a task awaiting a barrier.
    expect(awaited).toBeGreaterThan(0);
  });
});
