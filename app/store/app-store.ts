/**
 * One zustand store built from slices: graph (the job being edited and its history),
 * selection, run (status, results, metrics), panels, the data tap of the selected edge, the lab
 * chaos on the running job, and the SQL script a job is compiled from. Created by a factory and handed down
 * through context, so each test and each page gets its own.
 */
import { createContext, useContext } from 'react';
import { type StoreApi, createStore, useStore } from 'zustand';
import type { JobStarter } from '../client/engine-client';
import type { LabClientFactory } from '../client/lab-client';
import { type OutputComparer, inThreadOutputComparer } from '../client/output-comparer';
import { type ChaosSlice, createChaosSlice } from './chaos-slice';
import { type GraphSlice, createGraphSlice } from './graph-slice';
import { type LessonSlice, createLessonSlice } from '../lessons/lesson-slice';
import { type LabCompareSlice, createLabCompareSlice } from './lab-compare-slice';
import { type LabSlice, createLabSlice } from './lab-slice';
import { type PanelsSlice, createPanelsSlice } from './panels-slice';
import { type RunSlice, createRunSlice } from './run-slice';
import { type CheckpointEnv, RunOrchestrator } from '../client/run-orchestrator';
import { type SelectionSlice, createSelectionSlice } from './selection-slice';
import { type SqlSlice, createSqlSlice } from './sql-slice';
import type { SqlService } from '../sql/sql-service';
import { type TapSlice, createTapSlice } from './tap-slice';
import { unwiredCheckpointEnv, unwiredLabClient, unwiredSqlService, unwiredStartJob } from './unwired-services';

export type AppState = GraphSlice & SelectionSlice & RunSlice & PanelsSlice & TapSlice & LabSlice & LabCompareSlice & LessonSlice & ChaosSlice & SqlSlice;
export type AppStore = StoreApi<AppState>;

/**
 * The services the store works through, handed in by its host: the page wires the browser's
 * (Web Worker slots, IndexedDB, the lab's and SQL's workers) in `main.tsx`; a test hands in its
 * own. One left out refuses its work with an error naming the option (`unwired-services`).
 */
export interface AppStoreOptions {
  /** How jobs start (the page: Web Worker slots). */
  startJob?: JobStarter;
  /** Where checkpointed runs keep state and their journal (the page: this browser's IndexedDB). */
  checkpointEnv?: CheckpointEnv;
  /** Where the lab steps jobs (the page: a dedicated Web Worker). */
  labClient?: LabClientFactory;
  /** Where SQL scripts are checked and compiled (the page: a Web Worker). */
  sqlService?: SqlService;
  /** Where two runs' outputs are compared, for the exactly-once check (the page: a Web Worker; by default in this thread, as it runs no user code). */
  outputComparer?: OutputComparer;
}

export function createAppStore(options: AppStoreOptions = {}): AppStore {
  const startJob = options.startJob ?? unwiredStartJob;
  const checkpointEnv = options.checkpointEnv ?? unwiredCheckpointEnv;
  const labClient = options.labClient ?? unwiredLabClient;
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createSelectionSlice(...a),
    ...createRunSlice(new RunOrchestrator(startJob, () => checkpointEnv))(...a),
    ...createPanelsSlice(...a),
    ...createTapSlice(...a),
    ...createLabSlice(labClient)(...a),
    ...createLabCompareSlice(labClient)(...a),
    ...createLessonSlice(...a),
    ...createChaosSlice(startJob, options.outputComparer ?? inThreadOutputComparer())(...a),
    ...createSqlSlice(options.sqlService ?? unwiredSqlService)(...a),
  }));
}

export const AppStoreContext = createContext<AppStore | null>(null);

/** The store of the surrounding `AppStoreContext`. */
export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('useAppStore: no AppStoreContext.Provider above this component');
  return store;
}

/** A narrow selection from the app store; the component re-renders only when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
