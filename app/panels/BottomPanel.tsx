/** The bottom panel's tabs: Results and Problems, then the live panels of a run, the data tap and chaos. */
import { type ComponentType, Suspense, lazy } from 'react';
import { useApp, useAppStore } from '../store/app-store';
import { problemCountOf } from '../store/selectors';
import type { PanelTab } from '../store/panels-slice';
import { ProblemsPanel } from './ProblemsPanel';
import { ResultsPanel } from './ResultsPanel';
import { StallNotice } from './StallNotice';

// Results and Problems show first; the other tabs load on first use (with their charts and
// tables): the main chunk has a size budget (e2e/bundle-size.spec.ts).
const WatermarksPanel = lazy(() => import('./WatermarksPanel').then((m) => ({ default: m.WatermarksPanel })));
const BackpressurePanel = lazy(() => import('./BackpressurePanel').then((m) => ({ default: m.BackpressurePanel })));
const StatePanel = lazy(() => import('./StatePanel').then((m) => ({ default: m.StatePanel })));
const ThroughputPanel = lazy(() => import('./ThroughputPanel').then((m) => ({ default: m.ThroughputPanel })));
const CheckpointsPanel = lazy(() => import('./CheckpointsPanel').then((m) => ({ default: m.CheckpointsPanel })));
const ExecutionPlanPanel = lazy(() => import('./ExecutionPlanPanel').then((m) => ({ default: m.ExecutionPlanPanel })));
const DataTapPanel = lazy(() => import('./DataTapPanel').then((m) => ({ default: m.DataTapPanel })));
const ChaosPanel = lazy(() => import('./ChaosPanel').then((m) => ({ default: m.ChaosPanel })));

const TABS: ReadonlyArray<{ id: PanelTab; label: string; view: ComponentType }> = [
  { id: 'results', label: 'Results', view: ResultsPanel },
  { id: 'problems', label: 'Problems', view: ProblemsPanel },
  { id: 'watermarks', label: 'Watermarks', view: WatermarksPanel },
  { id: 'backpressure', label: 'Backpressure', view: BackpressurePanel },
  { id: 'state', label: 'State', view: StatePanel },
  { id: 'throughput', label: 'Throughput', view: ThroughputPanel },
  { id: 'checkpoints', label: 'Checkpoints', view: CheckpointsPanel },
  { id: 'plan', label: 'Execution plan', view: ExecutionPlanPanel },
  { id: 'tap', label: 'Data tap', view: DataTapPanel },
  { id: 'chaos', label: 'Chaos', view: ChaosPanel },
];

export function BottomPanel() {
  const store = useAppStore();
  const active = useApp((s) => s.activeTab);
  const problemCount = useApp(problemCountOf);
  const warningCount = useApp((s) => s.typeWarnings.length);
  const View = (TABS.find((t) => t.id === active) ?? TABS[0]!).view;
  return (
    <section className="bottom-panel" aria-label="Panels">
      <div role="tablist" aria-label="Panels" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-label={t.label}
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => store.getState().setTab(t.id)}
          >
            {t.label}
            {t.id === 'problems' && problemCount > 0 && <span className="badge bad">{problemCount}</span>}
            {t.id === 'problems' && warningCount > 0 && (
              <span className="badge warn" title={`${warningCount} type warning${warningCount === 1 ? '' : 's'}`}>
                {warningCount}
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="tab-body">
        <StallNotice />
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <View />
        </Suspense>
      </div>
    </section>
  );
}
