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

/** The function body that evaluates a JavaScript code param to its value. */
export function javaScriptBody(code: string): string {
  return `"use strict";\nreturn (\n${code}\n);`;
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
