/**
 * The Execution plan tab: the physical graph — tasks (chains of operators run as one), their
 * parallelism and the slots their subtasks run in (slot sharing: subtask i of every task in
 * slot i), and the partitioning of every network edge between tasks — as a graph (default) or
 * as tables.
 */
import { useMemo, useState } from 'react';
import { planOf } from '../client/plan-view';
import { useApp } from '../store/app-store';
import { PlanGraphView } from './PlanGraphView';

const VIEWS = ['Graph', 'Table'] as const;
type PlanViewKind = (typeof VIEWS)[number];

export function ExecutionPlanPanel() {
  const doc = useApp((s) => s.doc);
  const plan = useMemo(() => planOf(doc), [doc]);
  const [view, setView] = useState<PlanViewKind>('Graph');
  if (typeof plan === 'string')
    return (
      <div className="live-panel">
        <h2 className="panel-title">Execution plan</h2>
        <p className="muted">{plan}</p>
      </div>
    );
  const nodeName = (id: string) => plan.nodes[id]?.name ?? id;
  return (
    <div className="live-panel">
      <h2 className="panel-title">Execution plan</h2>
      <p className="meta">
        {plan.vertices.length} task{plan.vertices.length === 1 ? '' : 's'} · {plan.slots} slot{plan.slots === 1 ? '' : 's'} · {plan.maxParallelism} key groups
        {plan.checkpointing ? ` · checkpoints every ${plan.checkpointing.intervalMs} ms (${plan.checkpointing.mode})` : ''}
      </p>
      <div className="plan-view-choice" role="group" aria-label="Plan view">
        {VIEWS.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {v}
          </button>
        ))}
      </div>
      {view === 'Graph' ? (
        <PlanGraphView plan={plan} />
      ) : (
        <div className="live-grid">
          <table className="live-table" aria-label="Tasks">
            <thead>
              <tr>
                <th>Task</th>
                <th>Chained operators</th>
                <th>Parallelism</th>
                <th>Slots</th>
              </tr>
            </thead>
            <tbody>
              {plan.vertices.map((v) => (
                <tr key={v.id}>
                  <td>{v.id}</td>
                  <td>{v.nodes.map((n) => `${nodeName(n)} (${plan.nodes[n]?.kind ?? '?'})`).join(' → ')}</td>
                  <td>{v.parallelism}</td>
                  <td>{Array.from({ length: v.parallelism }, (_, i) => i).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="live-table" aria-label="Network edges">
            <thead>
              <tr>
                <th>From task</th>
                <th>To task</th>
                <th>Partitioning</th>
                <th>Channels</th>
              </tr>
            </thead>
            <tbody>
              {plan.edges.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No network edges: the whole job is one chain.
                  </td>
                </tr>
              )}
              {plan.edges.map((e) => {
                const up = plan.nodes[e.from]?.parallelism ?? 1;
                const down = plan.nodes[e.to]?.parallelism ?? 1;
                const key = e.key ? ('field' in e.key ? ` by ${e.key.field}` : ' by code') : '';
                return (
                  <tr key={e.index}>
                    <td>
                      {e.fromVertex}
                      {e.port !== 'out' ? ` [${e.port}]` : ''}
                    </td>
                    <td>{e.toVertex}</td>
                    <td>
                      {e.partition}
                      {key}
                    </td>
                    <td>
                      {up} → {down}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
