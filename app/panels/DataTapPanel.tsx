/**
 * The Data tap tab: the last records that crossed the selected edge (per subtask, newest first),
 * live while the job runs, kept after it ends; Pause freezes the table like a debugger's watch.
 */
import { useMemo, useState } from 'react';
import { tapCount } from '../../engine/index';
import { formatInstant, instantTitle } from '../format/time';
import { RawTimesToggle } from './RawTimesToggle';
import { useApp, useAppStore } from '../store/app-store';
import { isActive } from '../store/run-slice';
import { tapRows } from '../store/tap-view';

export function DataTapPanel() {
  const store = useAppStore();
  const tap = useApp((s) => s.tap);
  const running = useApp((s) => isActive(s.runStatus));
  const rows = useMemo(() => tapRows(tap?.snapshot ?? null), [tap?.snapshot]);
  const [raw, setRaw] = useState(false);
  return (
    <div className="live-panel data-tap">
      <h2 className="panel-title">Data tap</h2>
      {tap === null ? (
        <p className="muted">Select one edge on the canvas while the job runs (or before you run it) to watch the last records that cross it, live.</p>
      ) : (
        <>
          <div className="tap-header">
            <p className="meta" data-testid="tap-summary">
              <strong>{tap.label}</strong>
              {tap.sharedWith > 0 && ` · the port feeds ${tap.sharedWith + 1} edges, all with these records`}
              {tap.snapshot !== null && ` · ${tapCount(tap.snapshot)} records crossed, the last ${rows.length} shown`}
              {tap.paused && ' · paused'}
            </p>
            <button type="button" aria-label={tap.paused ? 'Resume tap' : 'Pause tap'} disabled={!tap.tapped} onClick={() => store.getState().toggleTapPause()}>
              {tap.paused ? 'Resume' : 'Pause'}
            </button>
          </div>
          {!tap.tapped ? (
            <p className="muted">This edge was not tapped during a run: run the job with it selected, or select it while the job runs.</p>
          ) : rows.length === 0 ? (
            <p className="muted">{running ? 'Waiting for records on this edge…' : 'No record crossed this edge.'}</p>
          ) : (
            <div>
              <RawTimesToggle raw={raw} onChange={setRaw} />
              <table className="live-table" aria-label="Tapped records">
                <thead>
                  <tr>
                    <th>Subtask</th>
                    <th>#</th>
                    <th>Timestamp</th>
                    <th>Value</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <td>{r.subtask}</td>
                      <td>{r.seq}</td>
                      {r.timestamp === null ? <td>—</td> : <td title={instantTitle(r.timestamp)}>{raw ? r.timestamp : formatInstant(r.timestamp)}</td>}
                      <td className="tap-value">{r.json}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
