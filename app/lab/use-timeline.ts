/**
 * One window node's timeline at the lab's position, kept by a `TimelineIndex`: moving on applies
 * only the new steps, moving back restores the saved state nearest before the position (one every
 * 256 steps) and replays at most that many — never the trace from its first step. Stepping from a
 * checkpoint, the panes its state holds are there from step 0.
 */
import { useMemo, useRef } from 'react';
import { useApp } from '../store/app-store';
import { restoredPanes } from './restored-panes';
import { TimelineIndex } from './timeline-index';
import { chainHeadOf } from './timeline-model';
import type { TimelineModel } from './timeline-types';

/** `trace`: the lab's own, or the comparison's (Compare). */
export function useTimeline(node: string, allowedLatenessMs: number, trace: 'lab' | 'compare' = 'lab'): TimelineModel {
  const position = useApp((s) => (trace === 'lab' ? s.labPosition : s.labComparePosition));
  const steps = useApp((s) => (trace === 'lab' ? s.labTrace.steps : s.labCompareTrace.steps));
  // The comparison traces the job from the start; only the lab's own trace may start from a checkpoint.
  const restoredState = useApp((s) => (trace === 'lab' ? (s.labRestore?.state ?? null) : null));
  const restored = useMemo(() => restoredPanes(restoredState, node), [restoredState, node]);
  // The task the node runs in, from the plan: its checkpoint snapshots are named after the task's head.
  const chainHead = useApp((s) => chainHeadOf(trace === 'lab' ? s.labShape : s.labCompareShape, node));
  const index = useRef<TimelineIndex | null>(null);
  return useMemo(() => {
    let i = index.current;
    if (i === null || i.steps !== steps || i.node !== node || i.allowedLatenessMs !== allowedLatenessMs || i.restored !== restored || i.chainHead !== chainHead) index.current = i = new TimelineIndex(steps, node, allowedLatenessMs, undefined, restored, chainHead);
    return i.at(position - 1);
  }, [node, allowedLatenessMs, steps, position, restored, chainHead]);
}
