/**
 * One zustand store built from slices: graph (the job being edited and its history),
 * selection, run (status, results, metrics), panels, the data tap of the selected edge, the lab
 * chaos on the running job, and the SQL script a job is compiled from. Created by a factory and handed down
 * through context, so each test and each page gets its own.
 */
import { createContext, useContext } from 'react';
import { type StoreApi, createStore, useStore } from 'zustand';
import { IndexedDbCheckpointStorage } from '../../engine/index';
import type { JobStarter } from '../client/engine-client';
import { startJobOnDemand } from '../client/running-job';
import { type LabClientFactory, workerLabClient } from '../client/lab-client';
import { createIndexedDbRunJournal } from '../persist/run-journal';
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
import { type SqlService, workerSqlService } from '../sql/sql-service';
import { type TapSlice, createTapSlice } from './tap-slice';

export type AppState = GraphSlice & SelectionSlice & RunSlice & PanelsSlice & TapSlice & LabSlice & LabCompareSlice & LessonSlice & ChaosSlice & SqlSlice;
export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /** How jobs start; Web Worker slots unless a test hands in another starter. */
  startJob?: JobStarter;
  /** Where checkpointed runs keep state; this browser's IndexedDB unless a test hands in another. */
  checkpointEnv?: CheckpointEnv;
  /** Where the lab steps jobs; a dedicated Web Worker unless a test hands in another. */
  labClient?: LabClientFactory;
  /** Where SQL scripts are checked and compiled; a Web Worker unless a test hands in another. */
  sqlService?: SqlService;
}

/** Checkpoints and the run journal in IndexedDB, opened on first use. */
function browserCheckpointEnv(): () => CheckpointEnv {
  let env: CheckpointEnv | null = null;
  return () => (env ??= { storageFor: (jobId) => new IndexedDbCheckpointStorage(jobId), journal: createIndexedDbRunJournal() });
}

export function createAppStore(options: AppStoreOptions = {}): AppStore {
  const startJob = options.startJob ?? startJobOnDemand;
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createSelectionSlice(...a),
    ...createRunSlice(new RunOrchestrator(startJob, options.checkpointEnv ? () => options.checkpointEnv! : browserCheckpointEnv()))(...a),
    ...createPanelsSlice(...a),
    ...createTapSlice(...a),
    ...createLabSlice(options.labClient ?? workerLabClient)(...a),
    ...createLabCompareSlice(options.labClient ?? workerLabClient)(...a),
    ...createLessonSlice(...a),
    ...createChaosSlice(startJob)(...a),
    ...createSqlSlice(options.sqlService ?? workerSqlService)(...a),
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
