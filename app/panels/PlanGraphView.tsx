/**
 * The execution plan drawn as a graph (see `plan-graph`): tasks as boxes left to right, network
 * edges as arrows labelled with their partitioning. Read-only SVG; its text is real text.
 */
import { memo, useMemo } from 'react';
import type { ExecutionPlan } from '../../engine/index';
import { PLAN_LAYOUT, footerText, planGraph } from './plan-graph';
import './plan-graph.css';

export const PlanGraphView = memo(function PlanGraphView({ plan }: { plan: ExecutionPlan }) {
  const g = useMemo(() => planGraph(plan), [plan]);
  const L = PLAN_LAYOUT;
  return (
    <div className="plan-graph" role="figure" aria-label="Execution plan graph">
      <svg width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`}>
        <title>Execution plan graph</title>
        <defs>
          <marker id="plan-arrow-head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" />
          </marker>
        </defs>
        {g.arrows.map((a) => (
          <g key={a.index} className="plan-edge" role="group" aria-label={`Edge ${a.from} to ${a.to}: ${a.label}, ${a.channels}`} data-partition={a.label.split(' ')[0]}>
            <path d={a.path} markerEnd="url(#plan-arrow-head)" />
            <text x={a.labelX} y={a.labelY} textAnchor="middle">
              {a.label}
            </text>
            <text x={a.labelX} y={a.labelY + 22} textAnchor="middle" className="plan-edge-channels">
              {a.channels}
            </text>
          </g>
        ))}
        {g.boxes.map((b) => (
          <g key={b.id} className="plan-task" role="group" aria-label={`Task ${b.id}`} transform={`translate(${b.x} ${b.y})`}>
            <rect width={b.width} height={b.height} rx={6} />
            <text x={10} y={16} className="plan-task-title">
              Task {b.id}
            </text>
            {b.operators.map((op, i) => (
              <text key={op} x={10} y={L.header + i * L.line + 12} className="plan-task-op">
                {i > 0 ? '↳ ' : ''}
                {op}
              </text>
            ))}
            <text x={10} y={b.height - 8} className="plan-task-meta">
              {footerText(b.parallelism, b.slots)}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
});
