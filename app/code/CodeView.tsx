/**
 * A code param shown read-only, in the editor's font: what a node's inspector shows until the
 * user starts editing. It costs no Monaco; clicking the code or the "Edit code" button (the
 * keyboard's way in) asks for the editor, which then loads on demand (see CodeEditor).
 */
import { describedBy } from '../inspector/fields/FieldFrame';
import { CODE_FONT_FAMILY, CODE_FONT_SIZE, CODE_LINE_HEIGHT } from './code-font';

export interface CodeViewProps {
  readonly id: string;
  /** Accessible name of the code, as the editor will carry it. */
  readonly label: string;
  readonly value: string;
  /** What is wrong with the code ('' or absent when nothing): marks the code invalid, described by the field's problem text. */
  readonly problem?: string;
  onEdit(): void;
}

export function CodeView({ id, label, value, problem = '', onEdit }: CodeViewProps) {
  return (
    <div className="code-view">
      <div
        id={id}
        className="code-editor code-read-only"
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        tabIndex={0}
        aria-label={`${label}, read-only`}
        {...describedBy(id, problem)}
        title="Click or press Enter to edit"
        style={{ fontFamily: CODE_FONT_FAMILY, fontSize: CODE_FONT_SIZE, lineHeight: `${CODE_LINE_HEIGHT}px` }}
        onClick={onEdit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onEdit();
        }}
      >
        {value === '' ? <span className="code-placeholder">No code yet</span> : value}
      </div>
      <button type="button" className="code-edit-button" onClick={onEdit}>
        Edit code
      </button>
    </div>
  );
}
