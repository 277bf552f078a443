/**
 * Checking code params for syntax without the TypeScript stripper until some code needs it.
 *
 * Most code params are plain JavaScript: `javaScriptSyntaxError` decides those with the
 * platform's own parser. Only code that does not parse as JavaScript needs the full check
 * (`checkUserCode`, which strips TypeScript with sucrase); `loadCodeSyntaxCheck` imports it on
 * demand, so a browser page keeps sucrase out of its main bundle. Neither ever runs user code.
 */

/** The syntax error of a code param in words, or null when it parses. Never evaluates the code. */
export type CodeSyntaxCheck = (code: string) => string | null;

/**
 * The name compiled user code carries in stack traces (`//# sourceURL`), so a failure can be
 * traced to a line of the user's code.
 */
export const USER_CODE_URL = 'eddy-user-code';

/**
 * Lines before the code's first line in a stack trace of compiled code: the two that `new
 * Function` wraps the body in, and the two the body puts before the code (`javaScriptBody`; the
 * TypeScript path keeps the same two, sucrase preserving lines).
 */
const LINES_BEFORE_CODE = 4;

/** The function body that evaluates a JavaScript code param to its value. */
export function javaScriptBody(code: string): string {
  return `"use strict";\nreturn (\n${code}\n);\n//# sourceURL=${USER_CODE_URL}`;
}

const USER_FRAME = new RegExp(`${USER_CODE_URL}:(\\d+):(\\d+)`);

/** Where in the user's code `error` was thrown (1-based), or null when user code did not throw it. */
export function userCodeLine(error: unknown): { line: number; column: number } | null {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== 'string') return null;
  const m = USER_FRAME.exec(stack);
  if (!m) return null;
  const line = Number(m[1]) - LINES_BEFORE_CODE;
  return line >= 1 ? { line, column: Number(m[2]) } : null;
}

/**
 * The error of `code` parsed as JavaScript, or null when it parses. Null implies
 * `checkUserCode(code)` is null too; an error may still be valid TypeScript.
 */
export function javaScriptSyntaxError(code: string): string | null {
  try {
    new Function(javaScriptBody(code));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The full check (JavaScript or TypeScript), loaded on first use: a separate chunk in the browser. */
export async function loadCodeSyntaxCheck(): Promise<CodeSyntaxCheck> {
  const { checkUserCode } = await import('./full-code-check.js');
  return checkUserCode;
}
