/**
 * `join.window`: Flink's window join (`a.join(b).where(..).equalTo(..).window(..).apply(fn)`),
 * built like Flink builds it — a coGroup over one window operator fed by both inputs, whose
 * elements are tagged with their side. When a window fires, the join function runs on every
 * (left, right) pair of that key and window.
 */
import { WindowOperator } from '../window/window-operator.js';
import type { WindowFunction, WindowFunctionContext } from '../window/window-function.js';
import type { Window } from '../window/window.js';
import { paramError } from '../window/window-spec.js';
import type { InputIndex } from './operator.js';

/** A stored element: [side, record], side 0 = left (`in1`), 1 = right (`in2`). */
export type TaggedElement = [InputIndex, unknown];

/**
 * Emits `code(l, r)` for each left element in arrival order, and for each of those each right
 * element in arrival order; an undefined result emits nothing. A window with only one side emits
 * nothing.
 */
export class JoinWindowFunction implements WindowFunction {
  readonly aggregate = null;

  constructor(private readonly join: (left: unknown, right: unknown) => unknown) {}

  apply(_key: unknown, _window: Window, elements: unknown, _ctx: WindowFunctionContext, emit: (value: unknown) => void): void {
    const lefts: unknown[] = [];
    const rights: unknown[] = [];
    for (const [side, value] of elements as TaggedElement[]) (side === 0 ? lefts : rights).push(value);
    for (const l of lefts) {
      for (const r of rights) {
        const out = this.join(l, r);
        if (out !== undefined) emit(out);
      }
    }
  }
}

/**
 * The window join operator: two keyed inputs (the runtime keys them by `leftKey`/`rightKey`),
 * one window machinery (`params.window` = {assigner, trigger?, evictor?, allowedLatenessMs?}).
 * Results carry the window's max timestamp.
 */
export class WindowJoinOperator extends WindowOperator {
  protected override windowParams(): Record<string, any> {
    const w = this.ctx.params.window;
    if (w == null || typeof w !== 'object') throw paramError(this.ctx.nodeId, 'params.window', 'is missing');
    // A join has no late side output: late records are dropped, as in Flink's window join.
    return { trigger: 'default', evictor: null, allowedLatenessMs: 0, ...w, lateOutput: undefined };
  }

  protected override paramsPrefix(): string {
    return 'params.window';
  }

  protected override createFunction(): WindowFunction {
    const code = this.ctx.compile(this.ctx.params.code, 'code');
    if (typeof code !== 'function') throw paramError(this.ctx.nodeId, 'params.code', 'must be a function (l, r) => out');
    return new JoinWindowFunction(code);
  }

  protected override storedValue(value: unknown, input: InputIndex): TaggedElement {
    return [input, value];
  }
}
