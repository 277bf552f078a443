/** The frame of a live panel: its heading, and a hint until the run sends figures. */
import type { ReactNode } from 'react';

export function LivePanelFrame({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <div className="live-panel">
      <h2 className="panel-title">{title}</h2>
      {empty ? <p className="muted">Run the job to see its {title.toLowerCase()} here, live.</p> : children}
    </div>
  );
}
