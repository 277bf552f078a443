import type * as Monaco from 'monaco-editor';
import { describe, expect, it } from 'vitest';
import { until } from '../../engine/testing/until';
import { bindTypedCode } from './typed-code';

/** A text model with what the binding uses. */
function textModel(uri: string, text = '') {
  let value = text;
  let disposed = false;
  return {
    uri: { toString: () => uri },
    getValue: () => value,
    setValue: (v: string) => void (value = v),
    getValueLength: () => value.length,
    getPositionAt: (offset: number) => ({ lineNumber: 1, column: offset + 1 }),
    onDidChangeContent: () => ({ dispose() {} }),
    isDisposed: () => disposed,
    dispose: () => void (disposed = true),
  };
}

/**
 * Monaco as far as `bindTypedCode` reaches it, with a TypeScript worker that fails to load once
 * `failWorker` is called; markers set on each model are kept by URI.
 */
function monacoWithBrokenWorker() {
  const markers = new Map<string, Monaco.editor.IMarkerData[]>();
  let failWorker!: (e: Error) => void;
  const worker = new Promise<never>((_, reject) => (failWorker = reject));
  const asked = { count: 0 };
  const monaco = {
    Uri: { parse: (uri: string) => ({ toString: () => uri }) },
    MarkerSeverity: { Hint: 1, Info: 2, Warning: 4, Error: 8 },
    editor: {
      createModel: (text: string, _language: string, uri: { toString(): string }) => textModel(uri.toString(), text),
      setModelMarkers: (model: { uri: { toString(): string } }, _owner: string, list: Monaco.editor.IMarkerData[]) => void markers.set(model.uri.toString(), list),
    },
    typescript: {
      getTypeScriptWorker: () => {
        asked.count++;
        return worker;
      },
    },
  };
  return { monaco: monaco as unknown as typeof Monaco, markers, failWorker, asked };
}

describe('type checking code params', () => {
  it('says in the editor that the types were not checked when the TypeScript worker fails', async () => {
    const { monaco, markers, failWorker, asked } = monacoWithBrokenWorker();
    const model = textModel('file:///editor-1.ts', '(r) => r.amount * 2');
    bindTypedCode(monaco, model as unknown as Monaco.editor.ITextModel, { prefix: 'const f = ', suffix: ';' });
    // The check starts after its delay and waits for the worker, which then fails.
    await until(() => asked.count === 1);
    failWorker(new Error('the TypeScript worker did not load'));
    await until(() => markers.has('file:///editor-1.ts'));
    expect(markers.get('file:///editor-1.ts')).toEqual([expect.objectContaining({ severity: monaco.MarkerSeverity.Info, message: 'The types of this code were not checked: the TypeScript worker did not load' })]);
  });

  it('says nothing of a check whose editor closed under it', async () => {
    const { monaco, markers, failWorker, asked } = monacoWithBrokenWorker();
    const model = textModel('file:///editor-2.ts', '(r) => r');
    const binding = bindTypedCode(monaco, model as unknown as Monaco.editor.ITextModel, { prefix: 'const f = ', suffix: ';' });
    // The check starts after its delay and waits for the worker; the editor closes meanwhile.
    const other = textModel('file:///editor-3.ts', '(r) => r');
    bindTypedCode(monaco, other as unknown as Monaco.editor.ITextModel, { prefix: 'const f = ', suffix: ';' });
    await until(() => asked.count === 2);
    binding.dispose();
    expect(markers.get('file:///editor-2.ts')).toEqual([]);
    failWorker(new Error('Could not find source file'));
    // The other editor's check failed with the same worker, so the failure was handled by now.
    await until(() => markers.has('file:///editor-3.ts'));
    expect(markers.get('file:///editor-2.ts')).toEqual([]);
  });
});
