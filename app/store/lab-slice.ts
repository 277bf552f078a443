/**
 * The teaching lab: the open job stepped one element at a time by the stepping host behind
 * `client/lab-client`, forward and back, played at a speed, run to a breakpoint. The slice keeps
 * the position and the breakpoints; the recorded steps live in `labTrace` (appended as the
 * worker sends them, never copied), and `labVersion` tells components they grew or moved.
 * Leaving the lab returns to the editor untouched: the lab never edits the job.
 */
import type { StateCreator } from 'zustand';
import type { TraceMove, TraceStep } from '../../engine/index';
import type { LabClient, LabClientFactory } from '../client/lab-client';
import { type LabBreakpoint, type NewBreakpoint, describeBreakpoint, engineBreakpoints } from '../lab/breakpoints';
import { formatInstant } from '../format/time';
import { holdingChannel, nodeWatermark, watermarkFlowAt } from '../lab/watermark-flow';
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
  /** Per node, its watermark at the current step in words, for the canvas (absent: none yet). */
  readonly labNodeWatermarks: Readonly<Record<string, { readonly text: string; readonly detail: string }>>;
  /** The job as the lab traces it: an edit since then makes the trace stale (see `labRetrace`). */
  readonly labDoc: AppState['doc'] | null;
  enterLab(): void;
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
  addLabBreakpoint(b: NewBreakpoint): void;
  removeLabBreakpoint(id: number): void;
}

export const LAB_SPEEDS = [1, 4, 16, 64, 256] as const;

export const createLabSlice =
  (makeClient: LabClientFactory): StateCreator<AppState, [], [], LabSlice> =>
  (set, get) => {
    let client: LabClient | null = null;
    let nextBreakpoint = 1;
    /** Moves run one at a time, in order: a click while the worker steps queues behind it. */
    let queue: Promise<void> = Promise.resolve();
    let playTimer: ReturnType<typeof setTimeout> | null = null;

    const apply = (m: TraceMove) => {
      const trace = get().labTrace;
      trace.steps.push(...m.steps);
      set({ labPosition: m.position, labLength: m.length, labFailure: m.failure, labVersion: get().labVersion + 1, labNodeWatermarks: nodeWatermarksAt(trace.steps, m.position) });
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
      // Faster than a frame per step: several steps per tick.
      const perTick = Math.max(1, Math.round(s.labSpeed / 30));
      void goTo(s.labPosition + perTick).then(() => {
        if (get().labPlaying) playTimer = setTimeout(tick, (1000 * perTick) / get().labSpeed);
      });
    };
    const open = () => {
      const { doc, files } = get();
      client?.close();
      const c = makeClient();
      client = c;
      set({ labStatus: 'opening', labDoc: doc, labProblems: [], labTrace: { steps: [] }, labPosition: 0, labLength: null, labFailure: null, labStop: null, labVersion: get().labVersion + 1, labNodeWatermarks: {} });
      queue = c.open(doc, files, doc.parallelism).then(
        (r) => {
          if (client !== c) return;
          set(r.ok ? { labStatus: 'ready' } : { labStatus: 'invalid', labProblems: r.errors.map((e) => (e.nodeId ? `${e.nodeId}: ${e.message}` : e.message)) });
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
      labDoc: null,
      enterLab: () => {
        if (get().labStatus !== 'off') return;
        open();
      },
      labRetrace: () => {
        if (get().labStatus === 'off') return;
        stopPlaying();
        open();
      },
      leaveLab: () => {
        stopPlaying();
        client?.close();
        client = null;
        set({ labStatus: 'off', labDoc: null, labTrace: { steps: [] }, labPosition: 0, labLength: null, labFailure: null, labStop: null, labNodeWatermarks: {} });
      },
      labStep: () => {
        stopPlaying();
        return goTo(get().labPosition + 1);
      },
      labStepBack: () => {
        stopPlaying();
        return goTo(Math.max(0, get().labPosition - 1));
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
          // The worker answers every RUN_CHUNK steps so the page can draw; run on until a stop.
          for (;;) {
            const m = await c.runUntil(conditions, get().labTrace.steps.length);
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
          }
        });
      },
      labRestart: () => {
        stopPlaying();
        set({ labStop: null });
        return goTo(0);
      },
      setLabSpeed: (labSpeed) => set({ labSpeed }),
      addLabBreakpoint: (b) => set({ labBreakpoints: [...get().labBreakpoints, { ...b, id: nextBreakpoint++ } as LabBreakpoint] }),
      removeLabBreakpoint: (id) => set({ labBreakpoints: get().labBreakpoints.filter((b) => b.id !== id) }),
    };
  };

/** Each node's watermark after `position` steps: the minimum over subtasks, and per subtask its channels. */
function nodeWatermarksAt(steps: readonly TraceStep[], position: number): Record<string, { text: string; detail: string }> {
  const out: Record<string, { text: string; detail: string }> = {};
  for (const [node, w] of watermarkFlowAt(steps, position - 1).byNode) {
    const parts = [...w.subtasks].map(([sub, s]) => {
      const held = holdingChannel(s);
      const channels = [...s.channels].map(([ch, v]) => `channel ${ch}: ${formatInstant(v)}${ch === held ? ' (holds the minimum)' : ''}`).join(', ');
      return `subtask ${sub}: ${formatInstant(s.combined)}${channels ? ` (${channels})` : ''}`;
    });
    out[node] = { text: formatInstant(nodeWatermark(w)), detail: parts.join('; ') };
  }
  return out;
}
