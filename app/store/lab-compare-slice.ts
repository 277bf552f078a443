/**
 * The lab's Compare: a second stepping host (a Web Worker of its own) traces the job with one
 * node param changed, and follows the lab's position step for step (clamped to its own length),
 * so two timelines show the same input through two configurations. Interventions and
 * breakpoints belong to the lab's own trace; the comparison only follows its position.
 */
import type { StateCreator } from 'zustand';
import type { PlanShape, TraceStep } from '../../engine/index';
import type { LabClient, LabClientFactory } from '../client/lab-client';
import { type CompareVariant, variantJob } from '../lab/compare';
import type { AppState } from './app-store';
import { LAB_RUN_CHUNK } from './lab-slice';

export interface LabCompareSlice {
  /** The configuration compared with the job as it is; null while Compare is off. */
  readonly labCompare: CompareVariant | null;
  readonly labCompareStatus: 'off' | 'opening' | 'ready' | 'invalid';
  readonly labCompareProblems: readonly string[];
  readonly labCompareTrace: { readonly steps: TraceStep[] };
  readonly labComparePosition: number;
  readonly labCompareLength: number | null;
  /** The variant's plan (its tasks and the nodes chained in each), once it opened. */
  readonly labCompareShape: PlanShape | null;
  /** Traces the variant beside the lab's trace and brings it to the lab's position. */
  startLabCompare(variant: CompareVariant): void;
  stopLabCompare(): void;
  /** Brings the comparison to the lab's position (the lab slice calls it after each move); at the lab's end, to its own end. */
  followLabCompare(position: number, atEnd: boolean): void;
}

/** The position the comparison goes to when the lab is at its end: its own end. */
const TO_END = -1;

type CompareState = Omit<LabCompareSlice, 'startLabCompare' | 'stopLabCompare' | 'followLabCompare'>;
const OFF: CompareState = { labCompare: null, labCompareStatus: 'off', labCompareProblems: [], labCompareTrace: { steps: [] }, labComparePosition: 0, labCompareLength: null, labCompareShape: null };

export const createLabCompareSlice =
  (makeClient: LabClientFactory): StateCreator<AppState, [], [], LabCompareSlice> =>
  (set, get) => {
    let client: LabClient | null = null;
    /** The position to reach next; moves while one is under way collapse into the latest. */
    let wanted: number | null = null;
    let moving = false;

    const pump = async (c: LabClient) => {
      if (moving) return;
      moving = true;
      try {
        while (wanted !== null && client === c) {
          const target = wanted;
          wanted = null;
          const known = get().labCompareTrace.steps.length;
          // To its end: on in chunks until the stepping host says it is there.
          const m = target === TO_END ? await c.runUntil([], known, LAB_RUN_CHUNK) : await c.goTo(target, known);
          if (target === TO_END && !m.atEnd && wanted === null) wanted = TO_END;
          if (client !== c) return;
          let trace = get().labCompareTrace;
          if (m.from < trace.steps.length) trace = { steps: [...trace.steps.slice(0, m.from), ...m.steps] };
          // Appended in place, as the lab's own trace: the timeline's index (`use-timeline`) keeps
          // following the same array instead of starting again from the first step on each chunk.
          // The empty array is OFF's, shared, so it is never appended to.
          else if (m.steps.length > 0 && trace.steps.length === 0) trace = { steps: [...m.steps] };
          else trace.steps.push(...m.steps);
          set({ labCompareTrace: trace, labComparePosition: m.position, labCompareLength: m.length });
        }
      } catch (e) {
        if (client === c) set({ labCompareStatus: 'invalid', labCompareProblems: [e instanceof Error ? e.message : String(e)] });
      } finally {
        moving = false;
      }
    };

    return {
      ...OFF,
      startLabCompare: (variant) => {
        client?.close();
        client = null;
        let doc: AppState['doc'];
        try {
          doc = variantJob(get().labDoc ?? get().doc, variant);
        } catch (e) {
          set({ ...OFF, labCompare: variant, labCompareStatus: 'invalid', labCompareProblems: [e instanceof Error ? e.message : String(e)] });
          return;
        }
        const c = makeClient();
        client = c;
        set({ ...OFF, labCompare: variant, labCompareStatus: 'opening' });
        c.open(doc, get().files, doc.parallelism).then(
          (r) => {
            if (client !== c) return;
            if (!r.ok) {
              set({ labCompareStatus: 'invalid', labCompareProblems: r.errors.map((e) => (e.nodeId ? `${e.nodeId}: ${e.message}` : e.message)) });
              return;
            }
            set({ labCompareStatus: 'ready', labCompareShape: r.shape ?? null });
            wanted = get().labLength !== null && get().labPosition >= get().labLength! ? TO_END : get().labPosition;
            void pump(c);
          },
          (e: unknown) => {
            if (client === c) set({ labCompareStatus: 'invalid', labCompareProblems: [e instanceof Error ? e.message : String(e)] });
          },
        );
      },
      stopLabCompare: () => {
        client?.close();
        client = null;
        wanted = null;
        if (get().labCompare !== null) set({ ...OFF });
      },
      followLabCompare: (position, atEnd) => {
        const c = client;
        if (c === null || get().labCompareStatus !== 'ready') return;
        // The same input ends the same way: the comparison's end is its last step, whatever their counts.
        wanted = atEnd ? TO_END : position;
        void pump(c);
      },
    };
  };
