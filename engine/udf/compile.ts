/**
 * Compiling user code strings into functions, inside the slot that runs them.
 *
 * Code params are JavaScript or TypeScript expressions: a function (`(r) => r.x > 0`) or, for
 * `process`/`connect`, an object with methods. Plain JavaScript is compiled as is; code that
 * does not parse as JavaScript is stripped of TypeScript syntax (sucrase) and tried again.
 * `checkUserCode` only parses — it never evaluates user code, so validation may run anywhere.
 * Pages that validate without running code reach it through `loadCodeSyntaxCheck` (code-syntax).
 */
import { transform } from 'sucrase';
import { USER_CODE_URL, javaScriptBody } from './code-syntax.js';

const HOLDER = '__eddyUserCode';

function asJavaScript(code: string): { source: string } | { error: string } {
  const js = javaScriptBody(code);
  try {
    new Function(js);
    return { source: js };
  } catch (jsError) {
    try {
      const stripped = transform(`const ${HOLDER} = (\n${code}\n);`, {
        transforms: ['typescript'],
        disableESTransforms: true,
      }).code;
      const ts = `"use strict";\n${stripped}\nreturn ${HOLDER};\n//# sourceURL=${USER_CODE_URL}`;
      new Function(ts);
      return { source: ts };
    } catch {
      return { error: jsError instanceof Error ? jsError.message : String(jsError) };
    }
  }
}

/** The syntax error in `code`, or null when it parses (as JavaScript or TypeScript). */
export function checkUserCode(code: string): string | null {
  if (code.trim() === '') return 'is empty';
  const r = asJavaScript(code);
  return 'error' in r ? r.error : null;
}

/** Evaluates `code` to its value (usually a function). Throws a SyntaxError for bad code. */
export function compileUserCode(code: string): unknown {
  const r = asJavaScript(code);
  if ('error' in r) throw new SyntaxError(r.error);
  return new Function(r.source)();
}
