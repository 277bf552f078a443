/** The code font, shared by Monaco and the read-only code view so switching between them does not jump. */
export const CODE_FONT_FAMILY = "ui-monospace, 'SF Mono', Menlo, Consolas, 'Droid Sans Mono', monospace";
export const CODE_FONT_SIZE = 12;
/** Pixels per line; also what the editor's height is computed from. */
export const CODE_LINE_HEIGHT = 18;
