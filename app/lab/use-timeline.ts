/**
 * One window node's timeline at the lab's position, kept by a builder that applies new steps as
 * the position moves on and starts again when it moves back (building from the start is a few
 * milliseconds for tens of thousands of steps).
 */
import { useMemo, useRef } from 'react';
import { useApp } from '../store/app-store';
import { TimelineBuilder, type TimelineModel } from './timeline-model';

/** `trace`: the lab's own, or the comparison's (Compare). */
export function useTimeline(node: string, allowedLatenessMs: number, trace: 'lab' | 'compare' = 'lab'): TimelineModel {
  const position = useApp((s) => (trace === 'lab' ? s.labPosition : s.labComparePosition));
  const steps = useApp((s) => (trace === 'lab' ? s.labTrace.steps : s.labCompareTrace.steps));
  const builder = useRef<{ b: TimelineBuilder; steps: unknown } | null>(null);
  return useMemo(() => {
    let b = builder.current?.b ?? null;
    const last = position - 1;
    if (b === null || builder.current?.steps !== steps || b.node !== node || b.allowedLatenessMs !== allowedLatenessMs || b.lastStep > last) {
      b = new TimelineBuilder(node, allowedLatenessMs);
      builder.current = { b, steps };
    }
    for (let i = b.lastStep + 1; i <= last && i < steps.length; i++) b.apply(steps[i]!);
    return b.model();
  }, [node, allowedLatenessMs, steps, position]);
}
