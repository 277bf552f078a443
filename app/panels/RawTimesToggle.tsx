/** The per-table switch between readable times and the raw epoch milliseconds the engine keeps. */
export function RawTimesToggle({ raw, onChange }: { raw: boolean; onChange: (raw: boolean) => void }) {
  return (
    <div className="raw-times">
      <label>
        <input type="checkbox" checked={raw} onChange={(e) => onChange(e.target.checked)} /> Times in milliseconds
      </label>
    </div>
  );
}
