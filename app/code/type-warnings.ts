/**
 * Type errors of every code param as warnings of the job: on the node, in Problems, on the Run
 * button's tooltip. The checking happens in a Web Worker of its own (`type-check-worker`, started
 * only once the job has code) against the same wrapped module the editor checks
 * (`wrapCodeParam`), so the page never blocks and the editor and the warnings agree. A warning
 * does not stop a run: the engine only needs the code to parse.
 */
import { FUNCTION_CONTEXT_DTS } from '../../engine/index';
import type { AppState, AppStore } from '../store/app-store';
import { codeInJob } from '../store/code-listing';
import type { CodeWarning } from '../store/graph-slice';
import { type CodeWrapper, RECORD_TYPE_HELPERS, codeRangeOf, wrapCodeParam } from './record-types';
import type { TypeCheckRequest, TypeCheckResponse } from './type-check-worker';

const EXTRA_LIBS = [
  { name: '/eddy/context.d.ts', text: FUNCTION_CONTEXT_DTS },
  { name: '/eddy/records.d.ts', text: RECORD_TYPE_HELPERS },
];

const DELAY_MS = 300;

/** The 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface Checked {
  readonly nodeId: string;
  readonly param: string;
  readonly code: string;
  readonly wrapper: CodeWrapper;
}

/** The code params to check in `s` (those validation already rejects are left to validation). */
function toCheck(s: AppState): Checked[] {
  const broken = new Set(s.problems.filter((p) => p.nodeId !== undefined && p.field?.startsWith('params.')).map((p) => `${p.nodeId}\n${p.field!.slice('params.'.length)}`));
  const isBroken = (n: string, field: string) => broken.has(`${n}\n${field}`);
  return codeInJob(s.doc)
    .filter((c) => !isBroken(c.nodeId, c.param))
    .map((c) => ({ ...c, wrapper: wrapCodeParam(s.doc, c.nodeId, c.param, { files: s.files, isBroken }) }));
}

/** The warnings a check found, in the code's own lines. */
export function warningsOf(checked: readonly Checked[], response: TypeCheckResponse): CodeWarning[] {
  const out: CodeWarning[] = [];
  checked.forEach((c, i) => {
    for (const d of response.results[i]?.diagnostics ?? []) {
      const span = codeRangeOf(c.wrapper, c.code.length, d.start, d.length);
      if (span === null) continue;
      out.push({ nodeId: c.nodeId, field: `params.${c.param}`, line: lineAt(c.code, span.start), message: d.message.split('\n')[0]! });
    }
  });
  return out;
}

/** Keeps `typeWarnings` of the store up to date with its job; returns a stop function. */
export function startTypeWarnings(store: AppStore, createWorker: () => Worker = () => new Worker(new URL('./type-check-worker.ts', import.meta.url), { type: 'module' })): () => void {
  let worker: Worker | null = null;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { seq: number; doc: AppState['doc']; checked: Checked[] } | null = null;

  const check = () => {
    timer = null;
    const s = store.getState();
    const checked = toCheck(s);
    if (checked.length === 0) {
      pending = null;
      s.setTypeWarnings(s.doc, []);
      return;
    }
    if (worker === null) {
      worker = createWorker();
      worker.onmessage = (e: MessageEvent<TypeCheckResponse>) => {
        if (pending === null || e.data.seq !== pending.seq) return;
        const { doc, checked: done } = pending;
        pending = null;
        if (e.data.error) return store.getState().notify(`Could not type-check the code: ${e.data.error}`, 'error');
        store.getState().setTypeWarnings(doc, warningsOf(done, e.data));
      };
    }
    pending = { seq: ++seq, doc: s.doc, checked };
    const request: TypeCheckRequest = { seq, extraLibs: EXTRA_LIBS, files: checked.map((c, i) => ({ name: `/eddy/code-${i}.ts`, text: c.wrapper.prefix + c.code + c.wrapper.suffix })) };
    worker.postMessage(request);
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc !== prev.doc || s.files !== prev.files || s.problems !== prev.problems) schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    worker?.terminate();
  };
}
