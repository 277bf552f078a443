/**
 * A five-step tour of the IDE the first time it opens: the canvas, the palette, the inspector,
 * Run, the panels. Each step is a small non-modal card beside what it points at, never over it
 * (`tour-place`; the page stays usable); "Skip tour" or "Done" ends it for good (localStorage). Automated browsers
 * (`navigator.webdriver`) are not shown it unasked, so it never stands in a test's way.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { placeTourCard } from './tour-place';

const DONE_KEY = 'eddy.tourDone';

interface Step {
  readonly target: string;
  readonly title: string;
  readonly text: string;
}

export const TOUR_STEPS: readonly Step[] = [
  { target: '.canvas', title: 'The canvas', text: 'Your job as a graph: sources on the left, sinks on the right. Drag nodes to move them; drag from a handle to wire them.' },
  { target: '.palette', title: 'The palette', text: 'Every node kind: sources, transforms, keyed, windows, joins, sinks. Drag one onto the canvas, or press it to add it.' },
  { target: '.inspector', title: 'The inspector', text: 'Select a node to edit its params and code; select nothing for the job itself: checkpointing and restart strategy.' },
  { target: '.toolbar button.primary', title: 'Run', text: 'Runs the job in Web Worker slots, in this tab (Ctrl+Enter). The Job menu opens examples, saved jobs and files.' },
  { target: '.bottom-panel', title: 'The panels', text: 'Results, watermarks, backpressure, state, throughput and checkpoints, live while the job runs and kept after it.' },
];

function tourDone(): boolean {
  try {
    return localStorage.getItem(DONE_KEY) === '1';
  } catch {
    return true;
  }
}

function markDone(): void {
  try {
    localStorage.setItem(DONE_KEY, '1');
  } catch {
    // Storage refused: the tour may show again next time.
  }
}

export function FirstRunTour() {
  const [step, setStep] = useState<number | null>(() => (tourDone() || navigator.webdriver ? null : 0));
  const [box, setBox] = useState<DOMRect | null>(null);
  const current = step === null ? null : TOUR_STEPS[step]!;

  useLayoutEffect(() => {
    if (current === null) return;
    const place = () => setBox(document.querySelector(current.target)?.getBoundingClientRect() ?? null);
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [current]);
  useEffect(() => {
    if (step === null) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && end();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (step === null || current === null) return null;
  const end = () => {
    markDone();
    setStep(null);
  };
  const last = step === TOUR_STEPS.length - 1;
  const style = placeTourCard(box, { width: window.innerWidth, height: window.innerHeight });
  return (
    <>
      {box && <div className="tour-highlight" style={{ left: box.left, top: box.top, width: box.width, height: box.height }} aria-hidden="true" />}
      <section className="tour-card" role="dialog" aria-modal="false" aria-label="Tour" style={style}>
        <p className="meta">
          Step {step + 1} of {TOUR_STEPS.length}
        </p>
        <h2>{current.title}</h2>
        <p>{current.text}</p>
        <div className="tour-actions">
          <button type="button" onClick={end}>
            Skip tour
          </button>
          <span>
            {step > 0 && (
              <button type="button" onClick={() => setStep(step - 1)}>
                Back
              </button>
            )}{' '}
            <button type="button" className="primary" onClick={() => (last ? end() : setStep(step + 1))}>
              {last ? 'Done' : 'Next'}
            </button>
          </span>
        </div>
      </section>
    </>
  );
}
