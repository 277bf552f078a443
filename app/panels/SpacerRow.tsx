/** A live table's stand-in for rows scrolled out of view (`use-row-window`): as tall as they are, hidden from assistive technology. */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty row without tabindex is not focusable; hidden, it is not counted among the table's rows
    <tr className="live-spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}
