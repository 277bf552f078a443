/**
 * The teaching lab: the open job stepped one element at a time by the stepping host behind
 * `client/lab-client`, forward and back, played at a speed, run to a breakpoint. The slice keeps
 * the position and the breakpoints; the recorded steps live in `labTrace` (appended as the
 * worker sends them, never copied), and `labVersion` tells components they grew or moved.
 * Leaving the lab returns to the editor untouched: the lab never edits the job. Interventions
 * (chaos, queue edits) change the trace, never the job: the worker then discards recorded steps
 * and the slice cuts its copy where the answer says (`from`), in a new array so views rebuild.
 */
import type { StateCreator } from 'zustand';
import type { ChannelQueue, Intervention, PlanShape, TraceMove, TraceStep } from '../../engine/index';
import type { LabClient, LabClientFactory, LabRestore } from '../client/lab-client';
import { type LabBreakpoint, type NewBreakpoint, describeBreakpoint, engineBreakpoints, isBreakpoint } from '../lab/breakpoints';
import { formatInstant } from '../format/time';
import { type EdgeWatermark, type NodeInputWatermark, edgeWatermarks } from '../lab/edge-watermarks';
import { edgeIdsOf } from './graph-ops';
import { fromPortOf } from './job-types';
import { type InputChannel, WatermarkFlowIndex, type WatermarkFlow, channelLabel, holdingChannel, nodeIdle, nodeWatermark, subtaskIdle } from '../lab/watermark-flow';
import type { AppState } from './app-store';

export type LabStatus = 'off' | 'opening' | 'ready' | 'invalid';

export interface LabTrace {
  /** Every step recorded so far, in order: a growing array shared with the components. */
  readonly steps: TraceStep[];
}

export interface LabSlice {
  readonly labStatus: LabStatus;
  readonly labProblems: readonly string[];
  readonly labTrace: LabTrace;
  /** Steps applied: the state after step `labPosition − 1`. */
  readonly labPosition: number;
  /** The whole trace's length once its end was reached. */
  readonly labLength: number | null;
  readonly labFailure: { readonly nodeId: string | null; readonly message: string } | null;
  readonly labPlaying: boolean;
  /** Steps per second while playing. */
  readonly labSpeed: number;
  readonly labBreakpoints: readonly LabBreakpoint[];
  /** What stopped the last run: a breakpoint's description, "end of the trace", or null. */
  readonly labStop: string | null;
  readonly labVersion: number;
  /** Per node, its watermark at the current step in words, for the canvas (absent: none yet); `held`: the upstream holding a multi-channel node's minimum. */
  readonly labNodeWatermarks: Readonly<Record<string, { readonly text: string; readonly detail: string; readonly held?: string }>>;
  /** Per canvas edge (by its React Flow id), the watermark it carries at the current step. */
  readonly labEdgeWatermarks: Readonly<Record<string, EdgeWatermark>>;
  /** Per node fed by several edges, each input's watermark and which holds the minimum. */
  readonly labNodeInputs: Readonly<Record<string, readonly NodeInputWatermark[]>>;
  /** True when the trace waits for a source the user holds (nothing else can run). */
  readonly labBlocked: boolean;
  /** Source subtasks held at the current step. */
  readonly labHolds: TraceMove['holds'];
  /** The user's interventions, by the step that applies each. */
  readonly labInterventions: TraceMove['interventions'];
  /** What waits in each channel at the current step. */
  readonly labQueues: readonly ChannelQueue[];
  /** The job as the lab traces it: an edit since then makes the trace stale (see `labRetrace`). */
  readonly labDoc: AppState['doc'] | null;
  /** The checkpoint the lab steps from (its step 0 is the first after the restore), or null: from the start. */
  readonly labRestore: LabRestore | null;
  /** The traced plan's tasks (each with the nodes chained in it) and network edges, once the job opened. */
  readonly labShape: PlanShape | null;
  enterLab(): void;
  /** Opens the lab (or traces again) from a restored checkpoint: "Step from checkpoint N in the lab". */
  enterLabFrom(restore: LabRestore): void;
  /** Traces the job as it is now, from the start (after an edit). */
  labRetrace(): void;
  leaveLab(): void;
  labStep(): Promise<void>;
  labStepBack(): Promise<void>;
  labGoTo(position: number): Promise<void>;
  labPlay(): void;
  labPause(): void;
  labRunToBreakpoint(): Promise<void>;
  labRestart(): Promise<void>;
  setLabSpeed(stepsPerSecond: number): void;
  /** Applies an intervention at the current step (the steps after it are taken again). */
  labIntervene(action: Intervention): Promise<void>;
  /** Removes the intervention applied at step `at`, and goes there. */
  labRemoveIntervention(at: number): Promise<void>;
  /** Removes every intervention. */
  labClearInterventions(): Promise<void>;
  addLabBreakpoint(b: NewBreakpoint): void;
  removeLabBreakpoint(id: number): void;
  /** Adds the breakpoint, or removes it when the list has it (the canvas node's menu). */
  toggleLabBreakpoint(b: NewBreakpoint): void;
}

export const LAB_SPEEDS = [1, 4, 16, 64, 256] as const;

/**
 * Steps per answer while running to a breakpoint. The page's work per answer — reading the
 * message, appending the steps, moving the timeline and watermark indices over them — grows with
 * it: 500 keeps each well under a frame's worth of long task where 2 000 (the engine's default)
 * took several hundred milliseconds on a loaded machine, at the cost of a few more round trips.
 */
export const LAB_RUN_CHUNK = 500;

export const createLabSlice =
  (makeClient: LabClientFactory): StateCreator<AppState, [], [], LabSlice> =>
  (set, get) => {
    let client: LabClient | null = null;
    let nextBreakpoint = 1;
    /** Moves run one at a time, in order: a click while the worker steps queues behind it. */
    let queue: Promise<void> = Promise.resolve();
    let playTimer: ReturnType<typeof setTimeout> | null = null;

    /** The canvas's watermarks, indexed over the trace so a move never passes over all of it. */
    let flow: { index: WatermarkFlowIndex; channels: string } | null = null;
    const flowAt = (steps: TraceStep[], position: number, inputs: readonly InputChannel[]): WatermarkFlow => {
      const channels = inputs.map((c) => `${c.to}#${c.toSubtask}#${c.port}#${c.inputChannel}`).join();
      if (flow === null || flow.index.steps !== steps || flow.channels !== channels) flow = { index: new WatermarkFlowIndex(steps, inputs), channels };
      return flow.index.at(position - 1);
    };
    /** The traced plan's tasks and network edges (from the worker's open answer). */
    let shape: PlanShape | null = null;
    const edgeFlow = (f: WatermarkFlow, inputs: readonly InputChannel[]): Pick<LabSlice, 'labEdgeWatermarks' | 'labNodeInputs'> => {
      const doc = get().labDoc;
      if (shape === null || doc === null) return { labEdgeWatermarks: {}, labNodeInputs: {} };
      const ids = edgeIdsOf(doc.edges);
      const edges = doc.edges.map((e, i) => ({ id: ids[i]!, from: e.from, fromPort: fromPortOf(e), to: e.to }));
      const w = edgeWatermarks(edges, new Map(doc.nodes.map((n) => [n.id, n.kind])), shape, f, inputs);
      // Entries that did not change keep their objects: their edges and nodes do not redraw.
      return { labEdgeWatermarks: keepSame(get().labEdgeWatermarks, w.edges), labNodeInputs: keepSame(get().labNodeInputs, w.inputs) };
    };
    const apply = (m: TraceMove) => {
      let trace = get().labTrace;
      if (m.from < trace.steps.length) trace = { steps: [...trace.steps.slice(0, m.from), ...m.steps] };
      else trace.steps.push(...m.steps);
      set({
        labTrace: trace,
        labPosition: m.position,
        labLength: m.length,
        labFailure: m.failure,
        labBlocked: m.blocked,
        labHolds: m.holds,
        labInterventions: m.interventions,
        labQueues: m.queues,
        labVersion: get().labVersion + 1,
        ...(() => {
          const f = flowAt(trace.steps, m.position, m.queues);
          return { labNodeWatermarks: nodeWatermarksAt(f, m.queues), ...edgeFlow(f, m.queues) };
        })(),
        // A step that cannot be taken says why.
        ...(m.blocked ? { labStop: HELD } : {}),
      });
      get().followLabCompare(m.position, m.length !== null && m.position >= m.length);
    };
    const enqueue = (move: (c: LabClient) => Promise<void>): Promise<void> => {
      const c = client;
      if (c === null) return Promise.resolve();
      queue = queue
        .then(() => (client === c ? move(c) : undefined))
        .catch((e: unknown) => get().notify(`Lab: ${e instanceof Error ? e.message : String(e)}`, 'error'));
      return queue;
    };
    const goTo = (position: number) => enqueue(async (c) => apply(await c.goTo(position, get().labTrace.steps.length)));
    /** A move relative to where the lab is when the move runs (not when it was asked for): three quick clicks on Step are three steps. */
    const goBy = (delta: number) => enqueue(async (c) => apply(await c.goTo(Math.max(0, get().labPosition + delta), get().labTrace.steps.length)));
    const stopPlaying = () => {
      if (playTimer !== null) clearTimeout(playTimer);
      playTimer = null;
      if (get().labPlaying) set({ labPlaying: false });
    };
    const tick = () => {
      playTimer = null;
      if (!get().labPlaying) return;
      const s = get();
      if (s.labLength !== null && s.labPosition >= s.labLength) {
        set({ labPlaying: false, labStop: 'end of the trace' });
        return;
      }
      if (s.labBlocked && s.labPosition >= s.labTrace.steps.length) {
        set({ labPlaying: false, labStop: HELD });
        return;
      }
      // Faster than a frame per step: several steps per tick.
      const perTick = Math.max(1, Math.round(s.labSpeed / 30));
      void goTo(s.labPosition + perTick).then(() => {
        if (get().labPlaying) playTimer = setTimeout(tick, (1000 * perTick) / get().labSpeed);
      });
    };
    const open = () => {
      const { doc, files } = get();
      get().stopLabCompare();
      client?.close();
      const c = makeClient();
      client = c;
      set({ labStatus: 'opening', labShape: null, labDoc: doc, labProblems: [], labTrace: { steps: [] }, labPosition: 0, labLength: null, labFailure: null, labStop: null, labVersion: get().labVersion + 1, labNodeWatermarks: {}, labEdgeWatermarks: {}, labNodeInputs: {}, ...NO_CHAOS });
      queue = c.open(doc, files, doc.parallelism, get().labRestore ?? undefined).then(
        async (r) => {
          if (client !== c) return;
          shape = r.ok ? (r.shape ?? null) : null;
          set(r.ok ? { labStatus: 'ready', labShape: shape } : { labStatus: 'invalid', labProblems: r.errors.map((e) => (e.nodeId ? `${e.nodeId}: ${e.message}` : e.message)) });
          // The state before the first step: the channels (for the Queues view and Chaos's sources).
          if (r.ok) {
            try {
              const m = await c.goTo(0, 0);
              if (client === c) apply(m);
            } catch (e) {
              get().notify(`Lab: ${e instanceof Error ? e.message : String(e)}`, 'error');
            }
          }
        },
        (e: unknown) => {
          if (client === c) set({ labStatus: 'invalid', labProblems: [e instanceof Error ? e.message : String(e)] });
        },
      );
    };

    return {
      labStatus: 'off',
      labProblems: [],
      labTrace: { steps: [] },
      labPosition: 0,
      labLength: null,
      labFailure: null,
      labPlaying: false,
      labSpeed: 4,
      labBreakpoints: [],
      labStop: null,
      labVersion: 0,
      labNodeWatermarks: {},
      labEdgeWatermarks: {},
      labNodeInputs: {},
      ...NO_CHAOS,
      labDoc: null,
      labRestore: null,
      labShape: null,
      enterLab: () => {
        if (get().labStatus !== 'off') return;
        set({ labRestore: null });
        open();
      },
      enterLabFrom: (restore) => {
        stopPlaying();
        set({ labRestore: restore });
        open();
      },
      labRetrace: () => {
        if (get().labStatus === 'off') return;
        stopPlaying();
        open();
      },
      leaveLab: () => {
        stopPlaying();
        get().stopLabCompare();
        client?.close();
        client = null;
        set({ labStatus: 'off', labShape: null, labDoc: null, labRestore: null, labTrace: { steps: [] }, labPosition: 0, labLength: null, labFailure: null, labStop: null, labNodeWatermarks: {}, labEdgeWatermarks: {}, labNodeInputs: {}, ...NO_CHAOS });
      },
      labStep: () => {
        stopPlaying();
        return goBy(1);
      },
      labStepBack: () => {
        stopPlaying();
        return goBy(-1);
      },
      labGoTo: (position) => {
        stopPlaying();
        return goTo(position);
      },
      labPlay: () => {
        if (get().labStatus !== 'ready' || get().labPlaying) return;
        set({ labPlaying: true, labStop: null });
        tick();
      },
      labPause: stopPlaying,
      labRunToBreakpoint: () => {
        stopPlaying();
        const list = get().labBreakpoints;
        const { conditions, owners } = engineBreakpoints(list);
        set({ labStop: null });
        return enqueue(async (c) => {
          // The worker answers every LAB_RUN_CHUNK steps so the page can draw; run on until a stop.
          for (;;) {
            const m = await c.runUntil(conditions, get().labTrace.steps.length, LAB_RUN_CHUNK);
            apply(m);
            if (m.hit !== null) {
              const b = list.find((x) => x.id === owners[m.hit!]);
              set({ labStop: b ? describeBreakpoint(b) : 'breakpoint' });
              return;
            }
            if (m.atEnd || client !== c) {
              set({ labStop: 'end of the trace' });
              return;
            }
            if (m.blocked) {
              set({ labStop: HELD });
              return;
            }
          }
        });
      },
      labRestart: () => {
        stopPlaying();
        set({ labStop: null });
        return goTo(0);
      },
      labIntervene: (action) => {
        stopPlaying();
        set({ labStop: null });
        return enqueue(async (c) => apply(await c.intervene(action, get().labTrace.steps.length)));
      },
      labRemoveIntervention: (at) => {
        stopPlaying();
        set({ labStop: null });
        return enqueue(async (c) => apply(await c.removeIntervention(at, get().labTrace.steps.length)));
      },
      labClearInterventions: () => {
        stopPlaying();
        set({ labStop: null });
        return enqueue(async (c) => apply(await c.clearInterventions(get().labTrace.steps.length)));
      },
      setLabSpeed: (labSpeed) => set({ labSpeed }),
      addLabBreakpoint: (b) => set({ labBreakpoints: [...get().labBreakpoints, { ...b, id: nextBreakpoint++ } as LabBreakpoint] }),
      removeLabBreakpoint: (id) => set({ labBreakpoints: get().labBreakpoints.filter((b) => b.id !== id) }),
      toggleLabBreakpoint: (like) => {
        const list = get().labBreakpoints;
        const kept = list.filter((b) => !isBreakpoint(b, like));
        if (kept.length < list.length) set({ labBreakpoints: kept });
        else get().addLabBreakpoint(like);
      },
    };
  };

/** What "Stopped:" says when every task that could run waits for a held source. */
const HELD = 'waiting for a held source';

const NO_CHAOS = { labBlocked: false, labHolds: [], labInterventions: [], labQueues: [] } as const;

/**
 * Each node's watermark in the flow (after the lab's position): the minimum over its active subtasks, and per
 * subtask its channels — idle ones marked idle, the one holding the minimum back named.
 */
function nodeWatermarksAt(flow: WatermarkFlow, inputs: readonly InputChannel[]): Record<string, { text: string; detail: string; held?: string }> {
  const out: Record<string, { text: string; detail: string; held?: string }> = {};
  // Each channel's upstream subtask, to name it: "channel 1 (views[0])".
  const upstream = new Map(inputs.map((c) => [`${c.to}#${c.toSubtask}#${channelLabel(c.inputChannel, c.port)}`, c.from === undefined ? '' : `${c.from}[${String(c.fromSubtask)}]`]));
  for (const [node, w] of flow.byNode) {
    const holders: string[] = [];
    const parts = [...w.subtasks].map(([sub, s]) => {
      const held = holdingChannel(s);
      const name = (ch: string) => {
        const from = upstream.get(`${node}#${sub}#${ch}`);
        return from ? `channel ${ch} (${from})` : `channel ${ch}`;
      };
      if (held !== null) holders.push(upstream.get(`${node}#${sub}#${held}`) || `channel ${held}`);
      const channels = [...s.channels].map(([ch, c]) => `${name(ch)}: ${c.idle ? 'idle' : formatInstant(c.watermark)}${ch === held ? ' (holds the minimum)' : ''}`).join(', ');
      return `subtask ${sub}: ${subtaskIdle(s) ? 'idle' : formatInstant(s.combined)}${channels ? ` (${channels})` : ''}`;
    });
    const text = nodeIdle(w) ? 'idle' : formatInstant(nodeWatermark(w));
    out[node] = { text, detail: parts.join('; '), ...(holders.length > 0 && !nodeIdle(w) ? { held: [...new Set(holders)].join(', ') } : {}) };
  }
  return out;
}

/** `next`, with the entries equal in content to `prev`'s taken from `prev` (same objects). */
function keepSame<T>(prev: Readonly<Record<string, T>>, next: Record<string, T>): Record<string, T> {
  for (const k of Object.keys(next)) {
    const old = prev[k];
    if (old !== undefined && JSON.stringify(old) === JSON.stringify(next[k])) next[k] = old;
  }
  return next;
}
