/**
 * A Web Worker that type-checks every code param of the job, so type errors show on the nodes
 * and in Problems without the editor open and without blocking the page. It runs the same
 * TypeScript (and lib files) as Monaco's TypeScript worker, with the same compiler options, on
 * the wrapped texts `type-warnings` sends (`prefix + code + suffix`, see `record-types`).
 *
 * In: `TypeCheckRequest`; out: `TypeCheckResponse`. Nothing here runs user code.
 */
import type * as TS from 'typescript';
import { libFileMap } from 'monaco-editor/languages/features/typescript/lib/lib';
import * as services from 'monaco-editor/languages/features/typescript/lib/typescriptServices';

const ts = (services as unknown as { typescript: typeof TS }).typescript;
const libs = libFileMap as Record<string, string>;

export interface TypeCheckRequest {
  readonly seq: number;
  /** Declarations every file sees (the function context API, the record helpers). */
  readonly extraLibs: readonly { name: string; text: string }[];
  readonly files: readonly { name: string; text: string }[];
}

export interface TypeCheckDiagnostic {
  readonly start: number;
  readonly length: number;
  readonly message: string;
}

export interface TypeCheckResponse {
  readonly seq: number;
  readonly results: readonly { name: string; diagnostics: TypeCheckDiagnostic[] }[];
  readonly error?: string;
}

// As Monaco's editor checks code (monaco-setup): the two must agree.
const OPTIONS: TS.CompilerOptions = { target: ts.ScriptTarget.ESNext, allowNonTsExtensions: true, noImplicitAny: false, strict: false };

const files = new Map<string, { text: string; version: number }>();

const host: TS.LanguageServiceHost = {
  getCompilationSettings: () => OPTIONS,
  getScriptFileNames: () => [...files.keys()],
  getScriptVersion: (name) => String(files.get(name)?.version ?? 0),
  getScriptSnapshot: (name) => {
    const text = files.get(name)?.text ?? libs[name.replace(/^\/?(lib\/)?/, '')];
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  getCurrentDirectory: () => '/',
  getDefaultLibFileName: (options) => `/lib/${ts.getDefaultLibFileName(options)}`,
  fileExists: (name) => files.has(name) || libs[name.replace(/^\/?(lib\/)?/, '')] !== undefined,
  readFile: (name) => files.get(name)?.text ?? libs[name.replace(/^\/?(lib\/)?/, '')],
};

const service = ts.createLanguageService(host);

function put(name: string, text: string): void {
  const old = files.get(name);
  if (old?.text === text) return;
  files.set(name, { text, version: (old?.version ?? 0) + 1 });
}

function flatten(text: string | TS.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(text, '\n');
}

self.onmessage = (event: MessageEvent<TypeCheckRequest>) => {
  const { seq, extraLibs, files: wanted } = event.data;
  try {
    const keep = new Set([...extraLibs.map((l) => l.name), ...wanted.map((f) => f.name)]);
    for (const name of [...files.keys()]) if (!keep.has(name)) files.delete(name);
    for (const l of extraLibs) put(l.name, l.text);
    for (const f of wanted) put(f.name, f.text);
    const results = wanted.map((f) => ({
      name: f.name,
      diagnostics: [...service.getSyntacticDiagnostics(f.name), ...service.getSemanticDiagnostics(f.name)]
        .filter((d) => d.start !== undefined && d.category === ts.DiagnosticCategory.Error)
        .map((d) => ({ start: d.start!, length: d.length ?? 0, message: flatten(d.messageText) })),
    }));
    self.postMessage({ seq, results } satisfies TypeCheckResponse);
  } catch (e) {
    self.postMessage({ seq, results: [], error: String(e) } satisfies TypeCheckResponse);
  }
};
