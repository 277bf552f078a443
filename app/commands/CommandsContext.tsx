/** The dispatcher, handed down to buttons; `useCommand` reads one command's state narrowly. */
import { createContext, useContext } from 'react';
import { useApp } from '../store/app-store';
import type { AppState } from '../store/app-store';
import type { Command, Dispatcher } from './dispatcher';
import { shortcutLabel } from './shortcut';

export const CommandsContext = createContext<Dispatcher<AppState> | null>(null);

export function useDispatcher(): Dispatcher<AppState> {
  const d = useContext(CommandsContext);
  if (!d) throw new Error('useDispatcher: no CommandsContext.Provider above this component');
  return d;
}

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export interface CommandView {
  readonly command: Command<AppState>;
  /** '' when enabled, else why not. */
  readonly disabledReason: string;
  /** Tooltip: the reason when disabled, else the label with its shortcut. */
  readonly title: string;
  run(): void;
}

export function useCommand(id: string): CommandView {
  const dispatcher = useDispatcher();
  const command = dispatcher.get(id);
  // A string, so the component re-renders only when availability changes.
  const reason = useApp((s) => {
    const a = command.enabled(s);
    return a === true ? '' : a;
  });
  const note = useApp((s) => command.note?.(s) ?? '');
  const shortcut = command.shortcuts?.[0];
  const named = shortcut ? `${command.label} (${shortcutLabel(shortcut, MAC)})` : command.label;
  return {
    command,
    disabledReason: reason,
    title: reason || (note ? `${named} — ${note}` : named),
    run: () => void dispatcher.run(id),
  };
}
