/**
 * One CEP node's timeline at the lab's position, kept by a `CepTimelineIndex`: moving on applies
 * only the new steps, moving back restores the nearest saved state and replays from it.
 */
import { useMemo, useRef } from 'react';
import { useApp } from '../store/app-store';
import { CepTimelineIndex, type CepTimelineModel } from './cep-timeline-model';

/** `trace`: the lab's own, or the comparison's (Compare). */
export function useCepTimeline(node: string, withinMs: number, trace: 'lab' | 'compare' = 'lab'): CepTimelineModel {
  const position = useApp((s) => (trace === 'lab' ? s.labPosition : s.labComparePosition));
  const steps = useApp((s) => (trace === 'lab' ? s.labTrace.steps : s.labCompareTrace.steps));
  const index = useRef<CepTimelineIndex | null>(null);
  return useMemo(() => {
    let i = index.current;
    if (i === null || i.steps !== steps || i.node !== node || i.withinMs !== withinMs) index.current = i = new CepTimelineIndex(steps, node, withinMs);
    return i.at(position - 1);
  }, [node, withinMs, steps, position]);
}
