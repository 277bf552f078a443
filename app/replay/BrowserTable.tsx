/** The browser's plain tables: a labelled table with a header row; the rows are the caller's. */
import type { ReactNode } from 'react';

export function BrowserTable({ label, headers, className, children }: { label: string; headers: readonly ReactNode[]; className?: string | undefined; children: ReactNode }) {
  return (
    <table className={className === undefined ? 'live-table' : `live-table ${className}`} aria-label={label}>
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
