/**
 * A live chart's legend: its lines grouped by their node's role (Sources, Transforms, …, the
 * canvas's colour roles), each with a sample of its colour and dash. Static while the run goes
 * on (it changes with the set of lines, not with their values); hovering an entry highlights its
 * line.
 */
import { memo } from 'react';
import { type SeriesStyle, byRole } from './series-style';

export const ChartLegend = memo(function ChartLegend({ title, styles, onFocus }: { title: string; styles: readonly SeriesStyle[]; onFocus: (name: string | null) => void }) {
  return (
    <div className="chart-legend" role="list" aria-label={`Legend of ${title.charAt(0).toLowerCase()}${title.slice(1)}`}>
      {byRole(styles).map((g) => (
        <div className="chart-legend-role" role="listitem" key={g.role ?? ''} data-role={g.role ?? 'none'}>
          <span className={`chart-legend-role-name cat-text-${g.role ?? 'none'}`}>{g.role ?? 'Other'}</span>
          <ul aria-label={g.role ?? 'Other'}>
            {g.series.map((s) => (
              <li key={s.name} data-series={s.name} onMouseEnter={() => onFocus(s.name)} onMouseLeave={() => onFocus(null)}>
                <svg width="24" height="8" aria-hidden="true">
                  <line x1="1" y1="4" x2="23" y2="4" stroke={s.stroke} strokeWidth="2.5" strokeDasharray={s.dash.length > 0 ? s.dash.join(' ') : undefined} />
                </svg>
                {s.name}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
});
