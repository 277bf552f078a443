/**
 * The IDE: toolbar on top, palette | canvas | inspector in the middle, tabbed panels below,
 * every boundary between them resizable.
 * The store comes from outside (main.tsx), so the whole IDE can be mounted on any store.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { Suspense, lazy, useMemo } from 'react';
import { Canvas } from './canvas/Canvas';
import { Palette } from './canvas/Palette';
import { createAppCommands } from './commands/app-commands';
import { createBrowserEnv } from './commands/browser-env';
import { CommandsContext } from './commands/CommandsContext';
import { createDispatcher } from './commands/dispatcher';
import { useKeyboardShortcuts } from './commands/use-keyboard-shortcuts';
import { Inspector } from './inspector/Inspector';
import { BottomPanel } from './panels/BottomPanel';
import { type AppStore, AppStoreContext, useApp, useAppStore } from './store/app-store';
import { ExamplesDialog } from './toolbar/ExamplesDialog';
import { ResumeBanner } from './toolbar/ResumeBanner';
import { ShareDialog } from './toolbar/ShareDialog';
import { Toolbar } from './toolbar/Toolbar';
import { TrustBanner } from './toolbar/TrustBanner';
import { Splitters } from './workbench/Splitters';
import { CrashBoundary } from './workbench/CrashBoundary';

export interface AppProps {
  readonly store: AppStore;
  /** Saves the workspace now (⌘/Ctrl+S). */
  readonly saveNow: () => Promise<void>;
}

export function App({ store, saveNow }: AppProps) {
  return (
    <AppStoreContext.Provider value={store}>
      <CrashBoundary store={store}>
        <ReactFlowProvider>
          <Workbench saveNow={saveNow} />
        </ReactFlowProvider>
      </CrashBoundary>
    </AppStoreContext.Provider>
  );
}

function Workbench({ saveNow }: { saveNow: () => Promise<void> }) {
  const store = useAppStore();
  const flow = useReactFlow();
  const dispatcher = useMemo(() => createDispatcher(createAppCommands(store, createBrowserEnv(flow, saveNow)), store.getState), [store, flow, saveNow]);
  useKeyboardShortcuts(dispatcher);
  return (
    <CommandsContext.Provider value={dispatcher}>
      <div className="ide">
        <Toolbar />
        <div className="banner-slot">
          <TrustBanner />
          <ResumeBanner />
        </div>
        <Layout />
        <Dialogs />
        <Suspense fallback={null}>
          <FirstRunTour />
        </Suspense>
      </div>
    </CommandsContext.Provider>
  );
}

// Shown only on demand (a SQL script open, the dialog asked for, a first visit): loaded then.
const SqlPane = lazy(() => import('./sql/SqlPane').then((m) => ({ default: m.SqlPane })));
const SavepointDialog = lazy(() => import('./toolbar/SavepointDialog').then((m) => ({ default: m.SavepointDialog })));
const SavedJobsDialog = lazy(() => import('./toolbar/SavedJobsDialog').then((m) => ({ default: m.SavedJobsDialog })));
const FirstRunTour = lazy(() => import('./workbench/FirstRunTour').then((m) => ({ default: m.FirstRunTour })));
const FlinkExportDialog = lazy(() => import('./toolbar/FlinkExportDialog').then((m) => ({ default: m.FlinkExportDialog })));
/** The lessons gallery loads on first use. */
const LessonsDialog = lazy(() => import('./lessons/LessonsDialog').then((m) => ({ default: m.LessonsDialog })));

/** The lab's panel (timeline, d3) loads on first use, outside the main bundle. */
const LabPanel = lazy(() => import('./lab/LabPanel').then((m) => ({ default: m.LabPanel })));

/**
 * Palette | canvas | inspector above the bottom panel, resizable; a SQL script's pane takes the
 * palette's place while one is open. The lab takes the bottom
 * panel's place while it is open; leaving it brings the panels back as they were.
 */
function Layout() {
  const inLab = useApp((s) => s.labStatus !== 'off');
  const inSql = useApp((s) => s.sql !== null);
  const bottom = inLab ? (
    <Suspense fallback={<section className="bottom-panel lab" aria-label="Lab" aria-busy="true" />}>
      <LabPanel />
    </Suspense>
  ) : (
    <BottomPanel />
  );
  return <Splitters palette={<Palette />} canvas={<Canvas />} inspector={<Inspector />} bottom={bottom} lab={inLab} {...(inSql ? { sql: <Suspense fallback={<section className="sql-pane" aria-label="SQL script" aria-busy="true" />}><SqlPane /></Suspense> } : {})} />;
}

function Dialogs() {
  const dialog = useApp((s) => s.dialog);
  if (dialog === 'examples') return <ExamplesDialog />;
  if (dialog === 'share') return <ShareDialog />;
  if (dialog === 'savepoint')
    return (
      <Suspense fallback={null}>
        <SavepointDialog />
      </Suspense>
    );
  if (dialog === 'savedJobs')
    return (
      <Suspense fallback={null}>
        <SavedJobsDialog />
      </Suspense>
    );
  if (dialog === 'flink')
    return (
      <Suspense fallback={null}>
        <FlinkExportDialog />
      </Suspense>
    );
  if (dialog === 'lessons')
    return (
      <Suspense fallback={null}>
        <LessonsDialog />
      </Suspense>
    );
  return null;
}
