/**
 * The lab in place of the bottom panel: step controls and the scrubber on top, the timeline of
 * each window or CEP node and the channels' queues, what the current step did (with "why": a jump to
 * the source element that caused a firing), chaos controls and the breakpoints.
 */
import { lazy, Suspense, useState } from 'react';
import { formatInstant } from '../format/time';
import { useApp, useAppStore } from '../store/app-store';
import { LAB_SPEEDS } from '../store/lab-slice';
import { LessonPane } from '../lessons/LessonPane';
import { BreakpointsPanel } from './BreakpointsPanel';
import { CepTimeline } from './CepTimeline';
import { cepTimeDomain } from './cep-timeline-layout';
import { ChaosPanel } from './ChaosPanel';
import { ComparePanel } from './ComparePanel';
import { describeVariant } from './compare';
import { NodeName } from '../panels/NodeName';
import { QueuesPanel } from './QueuesPanel';
import { causeStep, eventText } from './step-text';
import { Timeline } from './Timeline';
import { timeDomain } from './timeline-layout';
import { useCepTimeline } from './use-cep-timeline';
import { useTimeline } from './use-timeline';

const CheckpointBrowser = lazy(() => import('../replay/CheckpointBrowser').then((m) => ({ default: m.CheckpointBrowser })));

export function LabPanel() {
  const [browsing, setBrowsing] = useState(false);
  const status = useApp((s) => s.labStatus);
  const problems = useApp((s) => s.labProblems);
  const stale = useApp((s) => s.labDoc !== null && s.labDoc !== s.doc);
  const restoredFrom = useApp((s) => s.labRestore?.id ?? null);
  const store = useAppStore();
  return (
    <section className="bottom-panel lab" aria-label="Lab">
      <LabControls />
      {browsing ? (
        <Suspense fallback={<p className="muted">Loading the checkpoint browser…</p>}>
          <CheckpointBrowser onClose={() => setBrowsing(false)} />
        </Suspense>
      ) : (
        <button type="button" className="cp-browse" onClick={() => setBrowsing(true)}>
          Browse checkpoints
        </button>
      )}
      {restoredFrom !== null && (
        <p className="meta" data-testid="lab-restored-from">
          Stepping from checkpoint {restoredFrom}: its state is restored before the first step.
        </p>
      )}
      {stale && (
        <p className="lab-stale" role="status">
          The job changed since the lab traced it.{' '}
          <button type="button" onClick={() => store.getState().labRetrace()}>
            Trace the changed job
          </button>
        </p>
      )}
      {status === 'opening' && <p className="muted">Opening the job in the lab…</p>}
      {status === 'invalid' && (
        <div role="alert" className="lab-problems">
          <p>The lab cannot step this job:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {status === 'ready' && (
        <div className="lab-body">
          <LessonPane />
          <div className="lab-main">
            <LabTimelines />
            <QueuesPanel />
          </div>
          <aside className="lab-side" aria-label="Lab details">
            <CurrentStep />
            <BreakpointsPanel />
            <ChaosPanel />
          </aside>
        </div>
      )}
    </section>
  );
}

function LabControls() {
  const store = useAppStore();
  const ready = useApp((s) => s.labStatus === 'ready');
  const position = useApp((s) => s.labPosition);
  const recorded = useApp((s) => s.labTrace.steps.length);
  const length = useApp((s) => s.labLength);
  const playing = useApp((s) => s.labPlaying);
  const speed = useApp((s) => s.labSpeed);
  const stop = useApp((s) => s.labStop);
  const failure = useApp((s) => s.labFailure);
  const atEnd = length !== null && position >= length;
  const max = length ?? Math.max(recorded, position);
  const s = () => store.getState();
  return (
    <div className="lab-controls" role="toolbar" aria-label="Step controls">
      <button type="button" onClick={() => void s().labRestart()} disabled={!ready || position === 0} aria-label="Restart" title="Back to the start">
        Restart
      </button>
      <button type="button" onClick={() => void s().labStepBack()} disabled={!ready || position === 0} aria-label="Step back" title="Step back (←)">
        ◀ Step back
      </button>
      <button type="button" onClick={() => void s().labStep()} disabled={!ready || atEnd} aria-label="Step" title="Step (→)">
        Step ▶
      </button>
      {playing ? (
        <button type="button" onClick={() => s().labPause()} aria-label="Pause" title="Pause (Space)">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" onClick={() => s().labPlay()} disabled={!ready || atEnd} aria-label="Play" title="Play (Space)">
          ▶ Play
        </button>
      )}
      <button type="button" onClick={() => void s().labRunToBreakpoint()} disabled={!ready || atEnd} aria-label="Run to breakpoint" title="Run until a breakpoint holds, or to the end">
        Run to breakpoint ▶❚
      </button>
      <label className="lab-speed">
        Speed{' '}
        <select aria-label="Speed" value={speed} onChange={(e) => s().setLabSpeed(Number(e.target.value))}>
          {LAB_SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v} steps/s
            </option>
          ))}
        </select>
      </label>
      <input
        type="range"
        className="lab-scrubber"
        aria-label="Scrubber"
        min={0}
        max={max}
        value={position}
        disabled={!ready}
        aria-valuetext={`${stepName(position)}, ${position} of ${length ?? `${recorded} so far`} steps done`}
        onChange={(e) => void s().labGoTo(Number(e.target.value))}
      />
      <span className="lab-position" data-testid="lab-position" aria-live="polite" title={stop ?? undefined}>
        {stepName(position)} ({position} of {length ?? `${recorded}+`} done)
        {stop !== null && ` · stopped: ${stop}`}
        {failure !== null && ` · the job failed${failure.nodeId ? ` at ${failure.nodeId}` : ''}: ${failure.message}`}
      </span>
    </div>
  );
}

/**
 * The current step as spec/trace.md numbers steps (from 0), as the current step's heading says:
 * at position p (p steps done) the last step taken is step p − 1.
 */
function stepName(position: number): string {
  return position === 0 ? 'Before step 0' : `Step ${position - 1}`;
}

function LabTimelines() {
  const windows = useApp((s) => s.doc.nodes.filter((n) => n.kind === 'window' || n.kind === 'cep.pattern').map((n) => `${n.id}\t${n.kind}`).join('\n'));
  const nodes = windows === '' ? [] : windows.split('\n').map((line) => line.split('\t') as [string, string]);
  const ids = nodes.map(([id]) => id);
  const [chosen, setChosen] = useState<string | null>(null);
  const comparing = useApp((s) => s.labCompare !== null);
  if (ids.length === 0) return <p className="muted">This job has no window or CEP node: step through it and read what each step did on the right.</p>;
  if (!comparing) {
    // One timeline per window (or CEP) node, each its own region when there are several.
    return (
      <div>
        <ComparePanel />
        {nodes.map(([id, kind]) => {
          const name = ids.length > 1 ? `Timeline of ${id}` : undefined;
          return kind === 'cep.pattern' ? <CepNodeTimeline key={id} node={id} name={name} /> : <NodeTimeline key={id} node={id} name={name} />;
        })}
      </div>
    );
  }
  // Compare shows one node's two configurations side by side: the node is chosen here.
  const node = chosen !== null && ids.includes(chosen) ? chosen : ids[0]!;
  const cep = nodes.some(([id, kind]) => id === node && kind === 'cep.pattern');
  return (
    <div>
      <ComparePanel />
      {ids.length > 1 && (
        <div className="lab-window-choice" role="group" aria-label="Window node">
          {ids.map((id) => (
            <button key={id} type="button" aria-pressed={id === node} onClick={() => setChosen(id)}>
              <NodeName id={id} />
            </button>
          ))}
        </div>
      )}
      {cep ? <ComparedCepTimelines node={node} /> : <ComparedTimelines node={node} />}
    </div>
  );
}

/** A window node's allowed lateness in the job the lab traces (or in Compare's variant of it). */
function useLateness(node: string, variant: boolean): number {
  return useApp((s) => {
    const c = s.labCompare;
    const v = variant && c !== null && c.node === node && c.param === 'allowedLatenessMs' ? c.value : (s.labDoc ?? s.doc).nodes.find((n) => n.id === node)?.params?.['allowedLatenessMs'];
    return typeof v === 'number' ? v : 0;
  });
}

/** A CEP node's `within` in the job the lab traces (or in Compare's variant of it). */
function useWithin(node: string, variant: boolean): number {
  return useApp((s) => {
    const c = s.labCompare;
    const v = variant && c !== null && c.node === node && c.param === 'withinMs' ? c.value : (s.labDoc ?? s.doc).nodes.find((n) => n.id === node)?.params?.['withinMs'];
    return typeof v === 'number' ? v : 0;
  });
}

/** A CEP node's partial matches as the lab steps. */
function CepNodeTimeline({ node, name }: { node: string; name?: string | undefined }) {
  return <CepTimeline model={useCepTimeline(node, useWithin(node, false))} name={name} />;
}

/** A CEP node's timeline in the job and in Compare's variant, on one event-time axis. */
function ComparedCepTimelines({ node }: { node: string }) {
  const a = useCepTimeline(node, useWithin(node, false));
  const b = useCepTimeline(node, useWithin(node, true), 'compare');
  const variant = useApp((s) => s.labCompare);
  const domain = cepTimeDomain([a, b]);
  return (
    <div className="lab-compared">
      <CepTimeline model={a} domain={domain} variant="A: as the job is" />
      <CepTimeline model={b} domain={domain} variant={`B: ${variant ? describeVariant(variant) : ''}`} />
    </div>
  );
}

function NodeTimeline({ node, name }: { node: string; name?: string | undefined }) {
  const model = useTimeline(node, useLateness(node, false));
  return <Timeline model={model} name={name} />;
}

/** The job's timeline and Compare's, side by side on one event-time axis. */
function ComparedTimelines({ node }: { node: string }) {
  const a = useTimeline(node, useLateness(node, false));
  const b = useTimeline(node, useLateness(node, true), 'compare');
  const variant = useApp((s) => s.labCompare);
  const domain = timeDomain([a, b]);
  return (
    <div className="lab-compared">
      <Timeline model={a} domain={domain} variant="A: as the job is" />
      <Timeline model={b} domain={domain} variant={`B: ${variant ? describeVariant(variant) : ""}`} />
    </div>
  );
}

function CurrentStep() {
  const store = useAppStore();
  const position = useApp((s) => s.labPosition);
  useApp((s) => s.labVersion);
  const steps = store.getState().labTrace.steps;
  const step = position > 0 ? steps[position - 1] : undefined;
  return (
    <section className="lab-step" aria-label="Current step">
      <h3>
        {step ? (
          <>
            Step {step.step} · <NodeName id={step.node} /> #{step.subtask}
          </>
        ) : (
          'Before the first step'
        )}
      </h3>
      {step ? (
        <ol className="lab-events">
          {step.events.map((e, i) => {
            const cause = e['cause'] as { node: string; offset: number; intervention?: number } | undefined;
            const from = cause ? causeStep(steps, cause, step.step) : null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a recorded step's events never change
              <li key={i} data-type={e.type}>
                {eventText(e)}
                {cause && (
                  <>
                    {' '}
                    <button type="button" className="link" disabled={from === null} onClick={() => from !== null && void store.getState().labGoTo(from + 1)} title="Go to the step where the source emitted the element that caused this">
                      {cause.intervention !== undefined ? `why: your intervention at step ${cause.intervention}` : `why: ${cause.node} element ${cause.offset}`}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">Press Step (→) to let the first source emit its first element.</p>
      )}
      {step && <WatermarkNote />}
    </section>
  );
}

/** The lowest watermark the current step's node has seen, for orientation. */
function WatermarkNote() {
  const store = useAppStore();
  const position = useApp((s) => s.labPosition);
  const steps = store.getState().labTrace.steps;
  let last: number | null = null;
  for (let i = position - 1; i >= 0 && last === null; i--) for (const e of steps[i]!.events) if (e.type === 'watermark.in') last = e['combined'] as number;
  return last === null ? null : <p className="meta">Latest combined watermark: {formatInstant(last)}</p>;
}
