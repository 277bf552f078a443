/**
 * Validation on the page without the TypeScript stripper in the main bundle.
 *
 * Code that parses as JavaScript is decided at once. Code that does not may still be valid
 * TypeScript: only the engine's full check (sucrase, a chunk of its own) can tell, so the first
 * such code loads it. Until it arrives a page check is `complete: false` and says nothing about
 * that code; callers re-validate when `fullCodeCheck()` resolves, and a run always waits for it,
 * so invalid code is reported on its node and field before anything runs.
 */
import { type CodeSyntaxCheck, type ValidationResult, javaScriptSyntaxError, loadCodeSyntaxCheck, validateJobWith } from '../../engine/index';

let full: CodeSyntaxCheck | null = null;
let loading: Promise<CodeSyntaxCheck> | null = null;

/** The engine's full code check (JavaScript or TypeScript), loaded once. */
export function fullCodeCheck(): Promise<CodeSyntaxCheck> {
  loading ??= loadCodeSyntaxCheck().then(
    (check) => (full = check),
    (e: unknown) => {
      loading = null; // a failed chunk load may succeed later
      throw e;
    },
  );
  return loading;
}

/** A page check: the result, and whether some code waited for the full check (then loading). */
export interface PageValidation {
  readonly result: ValidationResult;
  readonly complete: boolean;
}

/** Validates at once with what is loaded; starts loading the full code check when code needs it. */
export function validateOnPage(doc: unknown): PageValidation {
  if (full) return { result: validateJobWith(doc, full), complete: true };
  let complete = true;
  const result = validateJobWith(doc, (code) => {
    if (javaScriptSyntaxError(code) === null) return null;
    complete = false;
    return null;
  });
  // Only a head start on the load: a failure is said by whoever waits for the check (the graph
  // slice's "Could not load the code checker", a run's failure "Could not load the code checker"),
  // and a failed load is tried again on the next call; saying it here too would say it twice.
  if (!complete) void fullCodeCheck().catch(() => undefined);
  return { result, complete };
}

/** Validates exactly as the engine does (`validateJob`), loading the full code check if needed. */
export async function validateFully(doc: unknown): Promise<ValidationResult> {
  const page = validateOnPage(doc);
  if (page.complete) return page.result;
  return validateJobWith(doc, await fullCodeCheck());
}
