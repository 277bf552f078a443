/** The bottom panel's tabs: Results first, then Problems; later increments add live panels here. */
import { useApp, useAppStore } from '../store/app-store';
import type { PanelTab } from '../store/panels-slice';
import { ProblemsPanel } from './ProblemsPanel';
import { ResultsPanel } from './ResultsPanel';

const TABS: ReadonlyArray<{ id: PanelTab; label: string }> = [
  { id: 'results', label: 'Results' },
  { id: 'problems', label: 'Problems' },
];

export function BottomPanel() {
  const store = useAppStore();
  const active = useApp((s) => s.activeTab);
  const problemCount = useApp((s) => s.problems.length);
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
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="tab-body">
        {active === 'results' ? <ResultsPanel /> : <ProblemsPanel />}
      </div>
    </section>
  );
}
