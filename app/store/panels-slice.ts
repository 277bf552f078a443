/** Which bottom-panel tab and dialog are open, and the status line's latest message. */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type PanelTab = 'results' | 'problems' | 'watermarks' | 'backpressure' | 'state' | 'throughput' | 'checkpoints' | 'plan' | 'tap' | 'chaos';
export type DialogName = 'examples' | 'share' | 'savepoint' | 'lessons' | 'savedJobs' | 'flink';

export interface StatusMessage {
  readonly text: string;
  readonly tone: 'info' | 'error';
  /** Distinguishes two equal messages in a row, so each is announced. */
  readonly seq: number;
}

export interface PanelsSlice {
  readonly activeTab: PanelTab;
  readonly dialog: DialogName | null;
  /** The link "Copy share link" made, shown in the share dialog. */
  readonly shareLink: string | null;
  readonly status: StatusMessage | null;
  setTab(tab: PanelTab): void;
  openDialog(dialog: DialogName): void;
  closeDialog(): void;
  setShareLink(link: string): void;
  notify(text: string, tone?: StatusMessage['tone']): void;
}

export const createPanelsSlice: StateCreator<AppState, [], [], PanelsSlice> = (set) => ({
  activeTab: 'results',
  dialog: null,
  shareLink: null,
  status: null,
  setTab: (activeTab) => set({ activeTab }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setShareLink: (shareLink) => set({ shareLink }),
  notify: (text, tone = 'info') => set((s) => ({ status: { text, tone, seq: (s.status?.seq ?? 0) + 1 } })),
});
