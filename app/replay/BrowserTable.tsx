/**
 * The browser's plain tables: a labelled table with a header row; the rows are the caller's. With
 * `widths` (one per column, in %) it is a `fit` table: fixed columns, wrapping headers, cells cut
 * with an ellipsis (the caller gives a cut cell its whole text as a title).
 */
import type { ReactNode } from 'react';

export function BrowserTable({ label, headers, className, widths, children }: { label: string; headers: readonly ReactNode[]; className?: string | undefined; widths?: readonly number[]; children: ReactNode }) {
  const classes = ['live-table', widths === undefined ? undefined : 'fit', className].filter(Boolean).join(' ');
  return (
    <table className={classes} aria-label={label}>
      {widths !== undefined && (
        <colgroup>
          {widths.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed set of columns
            <col key={i} style={{ width: `${w}%` }} />
          ))}
        </colgroup>
      )}
      <thead>
        <tr>
          {headers.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed header row
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
