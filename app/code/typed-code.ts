/**
 * Type-checking code params in Monaco against the records that reach them.
 *
 * An editor's model holds exactly the param's code. Beside it lives a hidden "shadow" model,
 * `prefix + code + suffix` from `wrapCodeParam`, which Monaco's TypeScript worker checks together
 * with the `Eddy` context API and the record helpers (extra libs). Markers, completions and hovers
 * are asked of the shadow at the same offset plus the prefix's length and mapped back. Monaco's
 * own TypeScript features would see the bare code (untyped parameters) and disagree, so the
 * semantic ones are switched off (`installTypedCode`); tokens, brackets and formatting stay.
 */
import type * as Monaco from 'monaco-editor';
import { FUNCTION_CONTEXT_DTS } from '../../engine/index';
import { type CodeWrapper, RECORD_TYPE_HELPERS, codeRangeOf } from './record-types';

type MonacoApi = typeof Monaco;
type TsDiagnostic = Monaco.typescript.Diagnostic;
type MessageChain = Exclude<TsDiagnostic['messageText'], string>;

/** The shadow of one editor model. */
interface Shadow {
  readonly model: Monaco.editor.ITextModel;
  wrapper: CodeWrapper;
}

const MARKER_OWNER = 'eddy-types';
const CHECK_DELAY_MS = 200;
/** Editor models (by URI) → their shadows: the providers serve only these models. */
const shadows = new Map<string, Shadow>();
let shadowCount = 0;

/** Once per page: the declarations, the worker's features that stay on, and the mapped providers. */
export function installTypedCode(monaco: MonacoApi): void {
  const defaults = monaco.typescript.typescriptDefaults;
  defaults.addExtraLib(FUNCTION_CONTEXT_DTS, 'file:///eddy/context.d.ts');
  defaults.addExtraLib(RECORD_TYPE_HELPERS, 'file:///eddy/records.d.ts');
  defaults.setModeConfiguration({
    ...defaults.modeConfiguration,
    completionItems: false,
    hovers: false,
    diagnostics: false,
    signatureHelp: false,
    definitions: false,
    references: false,
    documentHighlights: false,
    rename: false,
    codeActions: false,
    inlayHints: false,
  });
  monaco.languages.registerCompletionItemProvider('typescript', {
    triggerCharacters: ['.'],
    provideCompletionItems: (model, position) => completions(monaco, model, position),
  });
  monaco.languages.registerHoverProvider('typescript', {
    provideHover: (model, position) => hover(monaco, model, position),
  });
}

async function workerFor(monaco: MonacoApi, shadow: Shadow): Promise<Monaco.typescript.TypeScriptWorker> {
  const get = await monaco.typescript.getTypeScriptWorker();
  return get(shadow.model.uri);
}

/** Offset of `position` of an editor model in its shadow. */
function shadowOffset(shadow: Shadow, model: Monaco.editor.ITextModel, position: Monaco.IPosition): number {
  return shadow.wrapper.prefix.length + model.getOffsetAt(position);
}

const KINDS: Record<string, keyof typeof Monaco.languages.CompletionItemKind> = {
  property: 'Field',
  getter: 'Field',
  setter: 'Field',
  method: 'Method',
  function: 'Function',
  'local function': 'Function',
  var: 'Variable',
  'local var': 'Variable',
  let: 'Variable',
  const: 'Constant',
  parameter: 'Variable',
  class: 'Class',
  interface: 'Interface',
  type: 'Interface',
  enum: 'Enum',
  module: 'Module',
  keyword: 'Keyword',
  'primitive type': 'Keyword',
  string: 'Value',
};

async function completions(monaco: MonacoApi, model: Monaco.editor.ITextModel, position: Monaco.Position): Promise<Monaco.languages.CompletionList> {
  const shadow = shadows.get(model.uri.toString());
  if (shadow === undefined) return { suggestions: [] };
  const offset = shadowOffset(shadow, model, position);
  const worker = await workerFor(monaco, shadow);
  const info = (await worker.getCompletionsAtPosition(shadow.model.uri.toString(), offset)) as
    | { entries: { name: string; kind: string; sortText: string; insertText?: string }[] }
    | undefined;
  if (model.isDisposed() || info === undefined) return { suggestions: [] };
  const word = model.getWordUntilPosition(position);
  const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  return {
    suggestions: info.entries
      // The generated names of the wrapper are no business of the user's.
      .filter((e) => !e.name.startsWith('__'))
      .map((e) => ({
        label: e.name,
        kind: monaco.languages.CompletionItemKind[KINDS[e.kind] ?? 'Property'],
        sortText: e.sortText,
        insertText: e.insertText ?? e.name,
        range,
      })),
  };
}

async function hover(monaco: MonacoApi, model: Monaco.editor.ITextModel, position: Monaco.Position): Promise<Monaco.languages.Hover | null> {
  const shadow = shadows.get(model.uri.toString());
  if (shadow === undefined) return null;
  const worker = await workerFor(monaco, shadow);
  const info = (await worker.getQuickInfoAtPosition(shadow.model.uri.toString(), shadowOffset(shadow, model, position))) as
    | { textSpan: { start: number; length: number }; displayParts?: { text: string }[]; documentation?: { text: string }[] }
    | undefined;
  if (model.isDisposed() || info === undefined) return null;
  const span = codeRangeOf(shadow.wrapper, model.getValueLength(), info.textSpan.start, info.textSpan.length);
  if (span === null) return null;
  const start = model.getPositionAt(span.start);
  const end = model.getPositionAt(span.end);
  const signature = (info.displayParts ?? []).map((p) => p.text).join('');
  const docs = (info.documentation ?? []).map((p) => p.text).join('');
  return {
    range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
    contents: [{ value: '```typescript\n' + signature + '\n```' }, ...(docs === '' ? [] : [{ value: docs }])],
  };
}

function messageOf(text: string | MessageChain, indent = 0): string {
  if (typeof text === 'string') return text;
  const head = '  '.repeat(indent) + text.messageText;
  return [head, ...(text.next ?? []).map((n: MessageChain) => messageOf(n, indent + 1))].join('\n');
}

/** A live link between an editor model and its shadow. */
export interface TypedCodeBinding {
  /** New surroundings (the job changed upstream). */
  update(wrapper: CodeWrapper): void;
  dispose(): void;
}

/**
 * Checks `model`'s code as wrapped by `wrapper`, now and after each edit: type errors become
 * markers on `model`, and the providers answer completions and hovers for it from the shadow.
 */
export function bindTypedCode(monaco: MonacoApi, model: Monaco.editor.ITextModel, wrapper: CodeWrapper): TypedCodeBinding {
  const shadow: Shadow = {
    model: monaco.editor.createModel('', 'typescript', monaco.Uri.parse(`file:///eddy/code-${++shadowCount}.ts`)),
    wrapper,
  };
  shadows.set(model.uri.toString(), shadow);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const check = async () => {
    const text = shadow.model.getValue();
    const uri = shadow.model.uri.toString();
    const worker = await workerFor(monaco, shadow);
    const found: TsDiagnostic[] = [...(await worker.getSyntacticDiagnostics(uri)), ...(await worker.getSemanticDiagnostics(uri))];
    // Stale: the code or its surroundings changed while the worker was busy.
    if (disposed || model.isDisposed() || shadow.model.getValue() !== text) return;
    const markers: Monaco.editor.IMarkerData[] = [];
    for (const d of found) {
      if (d.start === undefined || d.category > 1) continue;
      const span = codeRangeOf(shadow.wrapper, model.getValueLength(), d.start, d.length ?? 0);
      if (span === null) continue;
      const start = model.getPositionAt(span.start);
      const end = model.getPositionAt(span.end);
      markers.push({
        severity: d.category === 1 ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: messageOf(d.messageText),
        code: String(d.code),
        source: 'ts',
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      });
    }
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  };

  /**
   * A check that failed (the TypeScript worker did not load or broke): the editor says so, or no
   * markers would read as "no type errors". One whose editor closed under it is of no interest.
   */
  const unchecked = (e: unknown) => {
    if (disposed || model.isDisposed()) return;
    const reason = e instanceof Error ? e.message : String(e);
    monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      { severity: monaco.MarkerSeverity.Info, message: `The types of this code were not checked: ${reason}`, source: 'ts', startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 },
    ]);
  };

  const sync = () => {
    const text = shadow.wrapper.prefix + model.getValue() + shadow.wrapper.suffix;
    if (shadow.model.getValue() !== text) shadow.model.setValue(text);
    clearTimeout(timer);
    timer = setTimeout(() => void check().catch(unchecked), CHECK_DELAY_MS);
  };

  const listener = model.onDidChangeContent(sync);
  sync();
  return {
    update(next) {
      if (next.prefix === shadow.wrapper.prefix && next.suffix === shadow.wrapper.suffix) return;
      shadow.wrapper = next;
      sync();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      listener.dispose();
      shadows.delete(model.uri.toString());
      if (!model.isDisposed()) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      shadow.model.dispose();
    },
  };
}
