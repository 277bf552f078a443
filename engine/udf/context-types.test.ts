import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNCTION_CONTEXT_DTS } from './context-types.js';

const engine = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'eddy-context-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** Compiles the declarations with `check` (a module) and returns their errors, as text. */
function errors(check: string): string[] {
  const dts = join(dir, 'eddy-context.d.ts');
  const main = join(dir, `check-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(dts, FUNCTION_CONTEXT_DTS);
  writeFileSync(main, check);
  const program = ts.createProgram([dts, main], OPTIONS);
  // The engine's own files are checked by \`npm run typecheck\` (with Node's types); here only ours.
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName.startsWith(dir))
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const imports = `
import type { FunctionContext, FunctionOut } from '${engine}/operators/function-context.js';
import type { UserState, ValueState, ListState, MapState, ReducingState, AggregatingState, AggregateFunctionSpec, StateOptions } from '${engine}/state/user-state.js';
import type { WindowFunctionContext } from '${engine}/window/window-function.js';
import type { WindowInfo } from '${engine}/window/window.js';
import type { BroadcastContext, ReadOnlyContext } from '${engine}/operators/process-broadcast.js';
import type { BroadcastState, ReadOnlyBroadcastState } from '${engine}/state/broadcast-state.js';
import type { OperatorListState, OperatorStates } from '${engine}/state/operator-state.js';
import type { AsyncFunctionContext } from '${engine}/operators/async-map.js';
import type { ProcessJoinContext } from '${engine}/operators/join-interval.js';
type Never<T extends never> = T;
`;

describe('the function context declarations', () => {
  it('compile on their own under strict settings', () => {
    expect(errors('export {};')).toEqual([]);
  });

  it('describe what the runtime hands to user code, member by member', () => {
    const check = `${imports}
// Every runtime object fits its declaration...
declare const ctx: FunctionContext, out: FunctionOut, state: UserState, wctx: WindowFunctionContext, win: WindowInfo;
export const c: Eddy.Context<unknown> = ctx;
export const o: Eddy.Collector = out;
export const s: Eddy.State = state;
export const w: Eddy.WindowContext = wctx;
export const i: Eddy.WindowInfo = win;
export const v: Eddy.ValueState<number> = null! as ValueState<number>;
export const l: Eddy.ListState<number> = null! as ListState<number>;
export const m: Eddy.MapState<string, number> = null! as MapState<string, number>;
export const r: Eddy.ReducingState<number> = null! as ReducingState<number>;
export const a: Eddy.AggregatingState<number, string> = null! as AggregatingState<number, string>;
// ...and the declarations fit the runtime's own contracts...
export const spec: AggregateFunctionSpec<number, number, string> = null! as Eddy.AggregateFunctionSpec<number, number, string>;
export const opts: StateOptions = null! as Eddy.StateOptions;
export const ws: WindowInfo = null! as Eddy.WindowInfo;
// ...and nothing the runtime offers user code is missing from them.
export type C = Never<Exclude<keyof FunctionContext, keyof Eddy.Context | 'enterElement' | 'enterTimer'>>;
export type O = Never<Exclude<keyof FunctionOut, keyof Eddy.Collector | 'setTimestamps'>>;
export type S = Never<Exclude<keyof UserState, keyof Eddy.State | 'descriptors' | 'restoreDescriptors' | 'handleOf' | 'clearNamespace'>>;
export type T = Never<Exclude<keyof FunctionContext['timers'], keyof Eddy.Timers>>;
export type V = Never<Exclude<keyof ValueState, keyof Eddy.ValueState>>;
export type L = Never<Exclude<keyof ListState, keyof Eddy.ListState>>;
export type M = Never<Exclude<keyof MapState, keyof Eddy.MapState>>;
export type R = Never<Exclude<keyof ReducingState, keyof Eddy.ReducingState>>;
export type A = Never<Exclude<keyof AggregatingState, keyof Eddy.AggregatingState>>;
export type W = Never<Exclude<keyof WindowFunctionContext, keyof Eddy.WindowContext>>;
export type I = Never<Exclude<keyof WindowInfo, keyof Eddy.WindowInfo>>;
// Broadcast state: the contexts and handles of process.broadcast (its ctx.state and ctx.timers only throw, so they stay undeclared).
export const rbc: Eddy.ReadOnlyBroadcastContext = null! as ReadOnlyContext;
export const bc: Eddy.BroadcastContext = null! as BroadcastContext;
export const rbs: Eddy.ReadOnlyBroadcastState<string, number> = null! as ReadOnlyBroadcastState<string, number>;
export const bs: Eddy.BroadcastState<string, number> = null! as BroadcastState<string, number>;
export type RBC = Never<Exclude<keyof ReadOnlyContext, keyof Eddy.ReadOnlyBroadcastContext | 'enterElement' | 'enterTimer'>>;
export type BC = Never<Exclude<keyof BroadcastContext, keyof Eddy.BroadcastContext | 'state' | 'timers'>>;
export type BS = Never<Exclude<keyof BroadcastState, keyof Eddy.BroadcastState>>;
// Operator state.
export const os: Eddy.OperatorStateStore = null! as OperatorStates;
export const ol: Eddy.OperatorListState<number> = null! as OperatorListState<number>;
export type OS = Never<Exclude<keyof OperatorStates, keyof Eddy.OperatorStateStore | 'snapshot' | 'restore'>>;
export type OL = Never<Exclude<keyof OperatorListState, keyof Eddy.OperatorListState>>;
export type Y = Never<Exclude<keyof AsyncFunctionContext, keyof Eddy.AsyncContext>>;
// The interval join's context.
export const pj: Eddy.ProcessJoinContext = null! as ProcessJoinContext;
export type PJ = Never<Exclude<keyof ProcessJoinContext, keyof Eddy.ProcessJoinContext | 'enter'>>;
`;
    expect(errors(check)).toEqual([]);
  });

  it('catch a runtime member the declarations lack', () => {
    // The same check as above fails for a member the runtime does not have in the declarations.
    const check = `${imports}
type Grown = FunctionContext & { newMember(): void };
export type C = Never<Exclude<keyof Grown, keyof Eddy.Context | 'enterElement' | 'enterTimer'>>;
`;
    expect(errors(check).join('\n')).toContain('newMember');
  });

  it('type a process function written as the docs show it', () => {
    const check = `
interface Tx { account: string; amount: number; ts: number }
export const fn = ({
  onElement(tx, ctx, out) {
    const smallAt = ctx.state.value<number>('smallAt');
    const since = smallAt.get();
    if (since !== undefined && tx.amount > 500 && tx.ts - since <= 60000) out.collect({ account: ctx.key, at: tx.ts });
    ctx.timers.registerEventTime(tx.ts + 60000);
    out.output('big', tx);
  },
  onTimer(ts, ctx, out) {
    out.collect({ key: ctx.key, fired: ts, domain: ctx.timeDomain, wm: ctx.currentWatermark() });
  },
}) satisfies Eddy.ProcessFunction<Tx, string>;
export const bad = ({
  onElement(tx, ctx) {
    ctx.state.valu('x');
    return tx.amont;
  },
}) satisfies Eddy.ProcessFunction<Tx, string>;
`;
    const found = errors(check);
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/'valu' does not exist/);
    expect(found.join('\n')).toMatch(/'amont' does not exist/);
  });

  it('type a window process function, with clear, written as the docs show it', () => {
    const check = `
interface Click { user: string; ts: number }
export const fn: Eddy.ProcessWindowFunction<Click, string> = {
  process(user, window, clicks, ctx) {
    const fires = ctx.windowState.value<number>('fires');
    fires.update((fires.get() ?? 0) + 1);
    if (clicks.length > 3) ctx.output('busy', { user, start: window.start, at: ctx.window.maxTimestamp });
    return { user, clicks: clicks.length, firing: fires.get(), wm: ctx.currentWatermark() };
  },
  clear(ctx) {
    ctx.windowState.value<number>('fires').clear();
    ctx.globalState.list<number>('ends').add(ctx.window.end ?? 0);
  },
};
export const plain: Eddy.ProcessWindowFunction<Click, string> = (user, w, clicks, ctx) => ctx.globalState.value<number>('n').get();
export const bad: Eddy.ProcessWindowFunction<Click, string> = {
  process(user, w, clicks, ctx) {
    ctx.windowStat.value('x');
    return clicks[0].tss;
  },
};
`;
    const found = errors(check);
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/'windowStat' does not exist/);
    expect(found.join('\n')).toMatch(/'tss' does not exist/);
  });

  it('type a broadcast process function written as the docs show it', () => {
    const check = `
interface Reading { sensor: string; value: number }
interface Rule { sensor: string; max: number }
export const fn = ({
  processElement(r, ctx, out) {
    const max = ctx.broadcastState<string, number>('rules').get(r.sensor);
    if (max !== undefined && r.value > max) out.collect({ sensor: ctx.key, value: r.value, max });
  },
  processBroadcastElement(rule, ctx) {
    ctx.broadcastState<string, number>('rules').put(rule.sensor, rule.max);
  },
}) satisfies Eddy.BroadcastProcessFunction<Reading, Rule, string>;
export const bad = ({
  processElement(r, ctx) { ctx.broadcastState('rules').put('x', 1); },
  processBroadcastElement(rule, ctx) { ctx.timers.registerEventTime(1); },
}) satisfies Eddy.BroadcastProcessFunction<Reading, Rule, string>;
`;
    const found = errors(check);
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/'put' does not exist/);
    expect(found.join('\n')).toMatch(/'timers' does not exist/);
  });
});
