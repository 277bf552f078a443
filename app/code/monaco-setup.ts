/**
 * Monaco, bundled with the app and never fetched from a CDN: `loader.config({ monaco })` hands
 * @monaco-editor/react this copy, and Vite's `?worker` imports give Monaco its workers from
 * the same origin. Only the lazy editor chunk imports this module.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { installTypedCode } from './typed-code';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

// Params are single expressions whose parameters get their types from context (typed-code);
// where nothing is known they are any, which is no error: lenient settings, as in a JS file.
const ts = monaco.typescript;
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ESNext,
  allowNonTsExtensions: true,
  noImplicitAny: false,
  strict: false,
});
installTypedCode(monaco);

loader.config({ monaco });

export { monaco };
