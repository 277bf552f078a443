/** The frame of a live panel: its heading, and a hint until the run sends figures. */
import type { ReactNode } from 'react';
import { useApp } from '../store/app-store';
import { isActive } from '../store/run-slice';

export function LivePanelFrame({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const active = useApp((s) => isActive(s.runStatus));
  const hint = active ? 'Waiting for the first figures from the slots…' : `No data yet — run the job to see its ${title.toLowerCase()} here, live.`;
  return (
    <div className="live-panel">
      <h2 className="panel-title">{title}</h2>
      {empty ? <p className="muted">{hint}</p> : children}
    </div>
  );
}
