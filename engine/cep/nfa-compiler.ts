/**
 * Compiles a CEP pattern (the stages of a `cep.pattern` node) into the states and transitions
 * of Flink's NFA, as Flink's NFACompiler builds them: from the last stage back to the first,
 * with TAKE (consume the event into a stage), IGNORE (skip it) and PROCEED (move on without
 * consuming, an epsilon edge) transitions; NOT stages become STOP states that discard a partial
 * match, a trailing notFollowedBy a PENDING state that matches when `within` runs out; greedy
 * quantifiers narrow the following state's conditions. Groups and `until` are not part of the
 * data format, so they are not compiled. The states are numbered in creation order, so the
 * same pattern always compiles to the same numbers: snapshots refer to states by number.
 */
import { type CepStage, isRepeating } from '../graph/schema-cep.js';

export type StateType = 'start' | 'normal' | 'final' | 'stop' | 'pending';
export type Action = 'take' | 'ignore' | 'proceed';

/** What a condition sees besides the event (Flink's IterativeCondition.Context). */
export interface ConditionContext {
  /** The events already matched for `stage` in this partial match (empty when none). */
  getEventsForPattern(stage: string): unknown[];
  /** The event's timestamp (ms). */
  readonly timestamp: number;
}

export type Condition = (event: unknown, ctx: ConditionContext) => boolean;

export interface Transition {
  readonly action: Action;
  readonly source: NfaState;
  readonly target: NfaState;
  /** Null accepts every event. Mutable: a greedy stage narrows the next state's conditions. */
  condition: Condition | null;
}

export interface NfaState {
  readonly id: number;
  /** The stage the state belongs to (the key of its events in a match); `$endState$` for the final state. */
  readonly stage: string;
  type: StateType;
  readonly transitions: Transition[];
}

/** The compiled pattern: every state by id, and the start state. */
export interface CompiledNfa {
  readonly states: readonly NfaState[];
  readonly start: NfaState;
  /** `within` in ms, 0 for none. */
  readonly windowMs: number;
}

export const END_STATE = '$endState$';

const not = (c: Condition): Condition => (e, ctx) => !c(e, ctx);
const and = (a: Condition | null, b: Condition): Condition => (a === null ? b : (e, ctx) => a(e, ctx) && b(e, ctx));
const TRUE: Condition = () => true;

/** Occurrence bounds of a stage's quantifier (Flink's Times); oneOrMore = {1, 1} before its loop. */
function timesOf(s: CepStage): { from: number; to: number } {
  if (s.timesOrMore !== undefined) return { from: s.timesOrMore, to: s.timesOrMore };
  if (typeof s.times === 'number') return { from: s.times, to: s.times };
  if (s.times !== undefined) return { from: Math.max(1, s.times.from), to: s.times.to };
  return { from: 1, to: 1 };
}

const isLooping = (s: CepStage) => s.oneOrMore === true || s.timesOrMore !== undefined;
const isNotFollow = (s: CepStage | undefined) => s?.type === 'notFollowedBy';
/** Flink's OPTIONAL property: `optional`, or `times` starting at 0. */
export const isOptionalStage = (s: CepStage) => s.optional === true || (typeof s.times === 'object' && s.times !== null && s.times.from === 0);

/**
 * Builds the NFA. `conditions[i]` is stage i's compiled `where` (null: every event).
 * The pattern is assumed valid (schema-cep checks what Flink's Pattern API rejects).
 */
export function compileNfa(stages: readonly CepStage[], conditions: readonly (Condition | null)[], windowMs: number): CompiledNfa {
  const states: NfaState[] = [];
  const stopStates = new Map<string, NfaState>();
  let current = stages.length - 1;
  let following: CepStage | undefined;

  const create = (stage: string, type: StateType): NfaState => {
    const s: NfaState = { id: states.length, stage, type, transitions: [] };
    states.push(s);
    return s;
  };
  const add = (source: NfaState, action: Action, target: NfaState, condition: Condition | null) => {
    source.transitions.push({ action, source, target, condition });
  };
  const stage = () => stages[current]!;
  const takeCondition = (i: number): Condition => conditions[i] ?? TRUE;
  // The outer contiguity of a stage (how its first event follows the previous stage).
  const ignoreCondition = (i: number): Condition | null => {
    const t = stages[i]!.type;
    if (t === 'followedBy') return not(takeCondition(i));
    if (t === 'followedByAny') return TRUE;
    return null; // begin, next: strict
  };
  // The inner contiguity between the occurrences of a repeating stage.
  const innerIgnoreCondition = (i: number): Condition | null => {
    const s = stages[i]!;
    if (s.consecutive === true) return null;
    if (s.allowCombinations === true) return TRUE;
    return not(takeCondition(i));
  };

  const createStopState = (notCondition: Condition, name: string): NfaState => {
    let stop = stopStates.get(name);
    if (stop === undefined) {
      stop = create(name, 'stop');
      add(stop, 'take', stop, notCondition);
      stopStates.set(name, stop);
    }
    return stop;
  };

  // The notFollowedBy stages right before the current one, through optional stages.
  const currentNotConditions = (): Array<[Condition, string]> => {
    const found: Array<[Condition, string]> = [];
    for (let j = current; j - 1 >= 0 && (isOptionalStage(stages[j - 1]!) || isNotFollow(stages[j - 1])); j--) {
      if (isNotFollow(stages[j - 1])) found.push([takeCondition(j - 1), stages[j - 1]!.name]);
    }
    return found;
  };

  const addStopStates = (state: NfaState) => {
    for (const [c, name] of currentNotConditions()) add(state, 'proceed', createStopState(c, name), c);
  };

  const addStopStateToLooping = (state: NfaState) => {
    if (following !== undefined && isNotFollow(following)) {
      const c = takeCondition(current + 1);
      add(state, 'proceed', createStopState(c, following.name), c);
    }
  };

  // Once the optional stage takes an event, the NOT stages before it no longer apply.
  const copyWithoutTransitiveNots = (sink: NfaState): NfaState => {
    const nots = currentNotConditions();
    if (nots.length === 0 || !isOptionalStage(stage())) return sink;
    const copy = create(sink.stage, sink.type);
    for (const t of sink.transitions) {
      if (t.action === 'proceed') {
        if (t.target.type === 'stop') {
          if (nots.some(([, name]) => name === t.target.stage)) continue;
          add(copy, t.action, t.target, t.condition);
        } else add(copy, t.action, copyWithoutTransitiveNots(t.target), t.condition);
      } else add(copy, t.action, t.target === t.source ? copy : t.target, t.condition);
    }
    return copy;
  };

  const updateWithGreedyCondition = (state: NfaState, take: Condition) => {
    for (const t of state.transitions) t.condition = and(t.condition, not(take));
  };

  const createSingletonState = (sink: NfaState, proceed: NfaState | null, take: Condition, ignore: Condition | null, optional: boolean): NfaState => {
    const s = stage();
    const single = create(s.name, 'normal');
    const target = copyWithoutTransitiveNots(sink);
    add(single, 'take', target, take);
    if (optional && proceed !== null) add(single, 'proceed', proceed, TRUE);
    if (ignore !== null) {
      let ignoreState = single;
      if (optional) {
        ignoreState = create(s.name, 'normal');
        add(ignoreState, 'take', target, take);
        add(ignoreState, 'ignore', ignoreState, ignore);
        addStopStates(ignoreState);
      }
      add(single, 'ignore', ignoreState, ignore);
    }
    return single;
  };

  const createTimesState = (sink: NfaState, proceed: NfaState, times: { from: number; to: number }): NfaState => {
    const s = stage();
    const take = takeCondition(current);
    const innerIgnore = innerIgnoreCondition(current);
    if (s.greedy === true && times.from !== times.to) updateWithGreedyCondition(sink, take);
    let last = sink;
    for (let i = times.from; i < times.to; i++) {
      last = createSingletonState(last, proceed, take, innerIgnore, true);
      addStopStateToLooping(last);
    }
    for (let i = 0; i < times.from - 1; i++) {
      last = createSingletonState(last, null, take, innerIgnore, false);
      addStopStateToLooping(last);
    }
    return createSingletonState(last, proceed, take, ignoreCondition(current), isOptionalStage(s));
  };

  const createLooping = (sink: NfaState): NfaState => {
    const s = stage();
    const take = takeCondition(current);
    const innerIgnore = innerIgnoreCondition(current);
    const looping = create(s.name, 'normal');
    add(looping, 'proceed', sink, TRUE);
    if (s.greedy === true) updateWithGreedyCondition(sink, take);
    add(looping, 'take', looping, take);
    addStopStateToLooping(looping);
    if (innerIgnore !== null) {
      const ignoreState = create(s.name, 'normal');
      add(ignoreState, 'take', looping, take);
      add(ignoreState, 'ignore', ignoreState, innerIgnore);
      add(looping, 'ignore', ignoreState, innerIgnore);
      addStopStateToLooping(ignoreState);
    }
    return looping;
  };

  const convertStage = (sink: NfaState): NfaState => {
    const s = stage();
    let last: NfaState;
    if (isLooping(s)) {
      const looping = createLooping(copyWithoutTransitiveNots(sink));
      last = createTimesState(looping, sink, timesOf(s));
    } else if (isRepeating(s) || s.times !== undefined) {
      last = createTimesState(sink, sink, timesOf(s));
    } else {
      last = createSingletonState(sink, sink, takeCondition(current), ignoreCondition(current), isOptionalStage(s));
    }
    addStopStates(last);
    return last;
  };

  let sink = create(END_STATE, 'final');
  while (current > 0) {
    const s = stage();
    if (s.type === 'notFollowedBy') {
      if (windowMs > 0 && sink.type === 'final') {
        const c = takeCondition(current);
        const pending = create(s.name, 'pending');
        add(pending, 'proceed', createStopState(c, s.name), c);
        add(pending, 'ignore', pending, not(c));
        sink = pending;
      }
    } else if (s.type === 'notNext') {
      const c = takeCondition(current);
      const notNext = create(s.name, 'normal');
      const stop = createStopState(c, s.name);
      if (sink.type === 'final') add(notNext, 'ignore', sink, not(c));
      else add(notNext, 'proceed', sink, not(c));
      add(notNext, 'proceed', stop, c);
      sink = notNext;
    } else {
      sink = convertStage(sink);
    }
    following = s;
    current--;
  }
  const start = convertStage(sink);
  start.type = 'start';
  return { states, start, windowMs };
}
