/**
 * One zustand store built from slices: graph (the job being edited and its history),
 * selection, run (status, results, metrics) and panels. Created by a factory and handed down
 * through context, so each test and each page gets its own.
 */
import { createContext, useContext } from 'react';
import { type StoreApi, createStore, useStore } from 'zustand';
import { type JobStarter, startJobInWorkers } from '../client/engine-client';
import { type GraphSlice, createGraphSlice } from './graph-slice';
import { type PanelsSlice, createPanelsSlice } from './panels-slice';
import { type RunSlice, createRunSlice } from './run-slice';
import { type SelectionSlice, createSelectionSlice } from './selection-slice';

export type AppState = GraphSlice & SelectionSlice & RunSlice & PanelsSlice;
export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /** How jobs start; Web Worker slots unless a test hands in another starter. */
  startJob?: JobStarter;
}

export function createAppStore(options: AppStoreOptions = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(...a),
    ...createSelectionSlice(...a),
    ...createRunSlice(options.startJob ?? startJobInWorkers)(...a),
    ...createPanelsSlice(...a),
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
