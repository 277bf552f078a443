/**
 * Runs a compiled CEP pattern over one key's events, as Flink's NFA does: every partial match
 * (a computation state) follows the transitions the event allows — TAKE, IGNORE, or PROCEED
 * first — and branches when several apply; a STOP state discards the branch; reaching the
 * final state completes a match. `advanceTime` times out partial matches older than `within`
 * (a PENDING state — a trailing notFollowedBy — completes instead). After-match skip strategies
 * prune partial and completed matches by their first event, and with a skip strategy a
 * completed match waits until no earlier partial match can still complete (Flink's
 * completedMatches queue).
 *
 * The key's state is plain data (`NfaKeyState`): partial matches refer to states by number and
 * to matched events through path nodes (stage, event) linked to their predecessor — Flink's
 * shared buffer, with the path of each partial match explicit instead of Dewey-versioned, which
 * yields the same matches. Events are numbered in processing order (Flink's EventId order).
 */
import type { CompiledNfa, ConditionContext, NfaState } from './nfa-compiler.js';

/** A partial match (Flink's ComputationState). */
export interface Partial {
  /** The NFA state it is in. */
  s: number;
  /** Its last path node, -1 for none (the start state). */
  p: number;
  /** Timestamp of its first event, -1 before it took one. */
  st: number;
  /** Sequence number of its first event, -1 before it took one. */
  ss: number;
  /** Creation order, breaking ties between partial matches that started with the same event. */
  o: number;
}

/** One key's NFA state: plain data, kept in keyed state and part of every snapshot. */
export interface NfaKeyState {
  partial: Partial[];
  /** Completed matches waiting for earlier partial matches (skip strategies only). */
  completed: Partial[];
  /** Path nodes: id → [previous node or -1, stage, event sequence number]. */
  nodes: Record<number, [number, string, number]>;
  /** Matched events: sequence number → [timestamp, value]. */
  events: Record<number, [number, unknown]>;
  nextSeq: number;
  nextNode: number;
  nextOrder: number;
  /** `nextNode` at the last garbage collection. */
  liveNodes: number;
}

export type SkipStrategy = 'noSkip' | 'skipToNext' | 'skipPastLastEvent' | { skipToFirst: string } | { skipToLast: string };

/** A match: each stage name → its events, stages in the order they matched. */
export type Match = Record<string, unknown[]>;

export function initialNfaState(nfa: CompiledNfa): NfaKeyState {
  return { partial: [{ s: nfa.start.id, p: -1, st: -1, ss: -1, o: 0 }], completed: [], nodes: {}, events: {}, nextSeq: 0, nextNode: 0, nextOrder: 1, liveNodes: 0 };
}

// Flink's COMPUTATION_STATE_COMPARATOR: start timestamp, then start event; not started = last.
function compareStart(a: Partial, b: Partial): number {
  const ta = a.ss < 0 ? Infinity : a.st;
  const tb = b.ss < 0 ? Infinity : b.st;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const sa = a.ss < 0 ? Infinity : a.ss;
  const sb = b.ss < 0 ? Infinity : b.ss;
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

// The order partial matches are kept in: Flink's, ties in creation order (deterministic).
function compare(a: Partial, b: Partial): number {
  return compareStart(a, b) || a.o - b.o;
}

/** What `process` and `advanceTime` found: completed matches and timed-out partial matches. */
export interface NfaResult {
  matches: Match[];
  timeouts: Array<[Match, number]>;
  /** True when a partial match started with this event (the operator sets a `within` timer). */
  started: boolean;
}

export class Nfa {
  private state!: NfaKeyState;
  // The condition context of the partial match being advanced; its events are materialised once.
  private ctxPartial: Partial | null = null;
  private ctxMatch: Match | null = null;
  private ctxTimestamp = 0;
  private readonly ctx: ConditionContext;

  constructor(
    readonly nfa: CompiledNfa,
    private readonly skip: SkipStrategy,
    private readonly handleTimeout: boolean,
  ) {
    const self = this;
    this.ctx = {
      getEventsForPattern(stage: string): unknown[] {
        if (self.ctxMatch === null) self.ctxMatch = self.ctxPartial === null ? {} : self.materialize(self.ctxPartial.p);
        return self.ctxMatch[stage]?.slice() ?? [];
      },
      get timestamp() {
        return self.ctxTimestamp;
      },
    };
  }

  /** Works on `state` (one key's) until the next call. */
  use(state: NfaKeyState): this {
    this.state = state;
    return this;
  }

  private stateOf(p: Partial): NfaState {
    return this.nfa.states[p.s]!;
  }

  /** Feeds one event. */
  process(event: unknown, timestamp: number): NfaResult {
    const st = this.state;
    const seq = st.nextSeq++;
    const newPartial: Partial[] = [];
    const potential: Partial[] = [];
    let started = false;
    for (const cs of st.partial) {
      const next = this.computeNextStates(cs, event, seq, timestamp);
      const retain: Partial[] = [];
      let discard = false;
      for (const n of next) {
        const type = this.stateOf(n).type;
        if (type === 'final') potential.push(n);
        else if (type === 'stop') discard = true;
        else retain.push(n);
      }
      if (!discard) {
        for (const n of retain) {
          if (n.ss === seq) started = true;
          newPartial.push(n);
        }
      }
    }
    newPartial.sort(compare);
    potential.sort(compare);
    const matches = this.emitMatches(potential, newPartial);
    st.partial = newPartial;
    if (matches.length > 0 || st.completed.length > 0 || st.nextNode - st.liveNodes > 64) this.collectGarbage();
    return { matches, timeouts: [], started };
  }

  /** No event will come with a timestamp below `timestamp`: time out what is older than `within`. */
  advanceTime(timestamp: number): NfaResult {
    const st = this.state;
    const window = this.nfa.windowMs;
    const timeouts: Array<[Match, number]> = [];
    const potential: Partial[] = [];
    const newPartial: Partial[] = [];
    for (const cs of st.partial) {
      const state = this.stateOf(cs);
      if (state.type !== 'start' && window > 0 && timestamp - cs.st >= window) {
        if (state.type === 'pending') {
          potential.push(cs);
          continue;
        }
        if (this.handleTimeout) timeouts.push([this.materialize(cs.p), cs.st + window]);
      } else newPartial.push(cs);
    }
    potential.sort(compare);
    const matches = this.emitMatches(potential, newPartial);
    const changed = newPartial.length !== st.partial.length;
    st.partial = newPartial;
    if (changed || matches.length > 0) this.collectGarbage();
    return { matches, timeouts, started: false };
  }

  /** True when the key holds nothing but the start state: its state may be dropped. */
  isEmpty(): boolean {
    const st = this.state;
    return st.completed.length === 0 && st.partial.length === 1 && st.partial[0]!.ss < 0;
  }

  /** The partial matches in progress (not the start state): the stage each waits in, and its events so far. */
  partialMatches(): Array<{ stage: string; start: number; match: Match }> {
    return this.state.partial.filter((cs) => cs.ss >= 0).map((cs) => ({ stage: this.stateOf(cs).stage, start: cs.st, match: this.materialize(cs.p) }));
  }

  /** The stage → events of a path ending at node `p`. */
  materialize(p: number): Match {
    const st = this.state;
    const path: Array<[string, number]> = [];
    for (let n = p; n >= 0; ) {
      const node = st.nodes[n]!;
      path.push([node[1], node[2]]);
      n = node[0];
    }
    const match: Match = {};
    for (let i = path.length - 1; i >= 0; i--) {
      const [stage, seq] = path[i]!;
      (match[stage] ??= []).push(st.events[seq]![1]);
    }
    return match;
  }

  private computeNextStates(cs: Partial, event: unknown, seq: number, timestamp: number): Partial[] {
    this.ctxPartial = cs;
    this.ctxMatch = null;
    this.ctxTimestamp = timestamp;
    const state = this.stateOf(cs);
    const isStart = state.type === 'start';
    // The decision graph: follow PROCEED edges whose condition holds; collect TAKE and IGNORE edges.
    const edges = [];
    const stack: NfaState[] = [state];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (const t of s.transitions) {
        if (t.condition !== null && !t.condition(event, this.ctx)) continue;
        if (t.action === 'proceed') stack.push(t.target);
        else edges.push(t);
      }
    }
    const st = this.state;
    const out: Partial[] = [];
    for (const edge of edges) {
      if (edge.action === 'ignore') {
        if (!isStart) out.push({ s: edge.target.id, p: cs.p, st: cs.st, ss: cs.ss, o: st.nextOrder++ });
        continue;
      }
      // TAKE: a path node for (stage, event) after the partial match's last one.
      if (!(seq in st.events)) st.events[seq] = [timestamp, event];
      const node = st.nextNode++;
      st.nodes[node] = [cs.p, edge.source.stage, seq];
      const startTs = isStart ? timestamp : cs.st;
      const startSeq = isStart ? seq : cs.ss;
      out.push({ s: edge.target.id, p: node, st: startTs, ss: startSeq, o: st.nextOrder++ });
      const fin = this.finalAfterProceed(edge.target, event);
      if (fin !== null) out.push({ s: fin.id, p: node, st: startTs, ss: startSeq, o: st.nextOrder++ });
    }
    if (isStart) out.push({ s: state.id, p: -1, st: -1, ss: -1, o: cs.o });
    return out;
  }

  private finalAfterProceed(state: NfaState, event: unknown): NfaState | null {
    const stack: NfaState[] = [state];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (const t of s.transitions) {
        if (t.action !== 'proceed' || (t.condition !== null && !t.condition(event, this.ctx))) continue;
        if (t.target.type === 'final') return t.target;
        stack.push(t.target);
      }
    }
    return null;
  }

  // Flink's processMatchesAccordingToSkipStrategy.
  private emitMatches(potential: Partial[], partial: Partial[]): Match[] {
    const st = this.state;
    const result: Match[] = [];
    if (potential.length > 0) {
      st.completed.push(...potential);
      st.completed.sort(compare);
    }
    const skipping = this.skip !== 'noSkip';
    while (st.completed.length > 0) {
      const earliest = st.completed[0]!;
      if (skipping && partial.length > 0 && compareStart(earliest, partial[0]!) > 0) break;
      st.completed.shift();
      if (skipping) {
        const pruning = this.pruningSeq(earliest.p);
        if (pruning !== null) {
          const strict = typeof this.skip === 'object';
          const keep = (cs: Partial) => cs.ss < 0 || !(strict ? cs.ss < pruning : cs.ss <= pruning);
          filterInPlace(partial, keep);
          filterInPlace(st.completed, keep);
        }
      }
      result.push(this.materialize(earliest.p));
    }
    return result;
  }

  /** The event sequence number partial matches are pruned against, or null for no pruning. */
  private pruningSeq(p: number): number | null {
    const st = this.state;
    const skip = this.skip;
    let min = Infinity;
    let max = -Infinity;
    const byStage: number[] = [];
    const stageName = typeof skip === 'object' ? ('skipToFirst' in skip ? skip.skipToFirst : skip.skipToLast) : null;
    for (let n = p; n >= 0; ) {
      const [prev, stage, seq] = st.nodes[n]!;
      if (seq < min) min = seq;
      if (seq > max) max = seq;
      if (stage === stageName) byStage.push(seq);
      n = prev;
    }
    if (skip === 'skipToNext') return min;
    if (skip === 'skipPastLastEvent') return max;
    if (typeof skip === 'object') {
      if (byStage.length === 0) return null;
      // byStage runs from the last event back to the first.
      return 'skipToFirst' in skip ? byStage[byStage.length - 1]! : byStage[0]!;
    }
    return null;
  }

  /** Drops path nodes and events no partial or completed match refers to. */
  private collectGarbage(): void {
    const st = this.state;
    const liveNodes = new Set<number>();
    for (const list of [st.partial, st.completed]) {
      for (const cs of list) {
        for (let n = cs.p; n >= 0 && !liveNodes.has(n); n = st.nodes[n]![0]) liveNodes.add(n);
      }
    }
    const nodes: Record<number, [number, string, number]> = {};
    const events: Record<number, [number, unknown]> = {};
    for (const n of liveNodes) {
      const node = st.nodes[n]!;
      nodes[n] = node;
      events[node[2]] = st.events[node[2]]!;
    }
    st.nodes = nodes;
    st.events = events;
    st.liveNodes = st.nextNode;
  }
}

function filterInPlace<T>(list: T[], keep: (t: T) => boolean): void {
  let j = 0;
  for (let i = 0; i < list.length; i++) if (keep(list[i]!)) list[j++] = list[i]!;
  list.length = j;
}
