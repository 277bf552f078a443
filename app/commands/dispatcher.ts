/**
 * UI commands are data — an id, a label, shortcuts, when they are enabled and what they do —
 * and one dispatcher runs them, so a toolbar button and its keyboard shortcut take the same
 * path and are enabled by the same rule.
 */
import { type KeyInput, matchesShortcut } from './shortcut';

export interface Command<S> {
  readonly id: string;
  /** Button text and accessible name. */
  readonly label: string;
  readonly shortcuts?: readonly string[];
  /** Also fires while the user types in a field or the code editor (run, save). */
  readonly whileTyping?: boolean;
  /** `true`, or a sentence saying why the command cannot run now (shown as the title). */
  enabled(state: S): true | string;
  /** Said after the label in the title while enabled (a warning the user should know of); '' for none. */
  note?(state: S): string;
  perform(): void;
}

export type KeyOutcome = 'ran' | 'disabled' | 'none';

export interface Dispatcher<S> {
  readonly commands: readonly Command<S>[];
  get(id: string): Command<S>;
  /** Runs the command if it is enabled; returns whether it ran. */
  run(id: string): boolean;
  /**
   * Runs the command bound to a key press. `typing` says the focus is in an editable field,
   * where only `whileTyping` commands apply. The caller suppresses the browser's default
   * for 'ran' and 'disabled' (Mod+S must not open the browser's save dialog).
   */
  handleKey(input: KeyInput, typing: boolean): KeyOutcome;
}

export function createDispatcher<S>(commands: readonly Command<S>[], getState: () => S): Dispatcher<S> {
  const byId = new Map(commands.map((c) => [c.id, c]));
  if (byId.size !== commands.length) throw new Error('createDispatcher: two commands share an id');
  const get = (id: string): Command<S> => {
    const c = byId.get(id);
    if (!c) throw new Error(`no command has the id "${id}"`);
    return c;
  };
  const run = (id: string): boolean => {
    const c = get(id);
    if (c.enabled(getState()) !== true) return false;
    c.perform();
    return true;
  };
  return {
    commands,
    get,
    run,
    handleKey(input, typing) {
      const c = commands.find((cmd) => (cmd.whileTyping || !typing) && cmd.shortcuts?.some((s) => matchesShortcut(s, input)));
      if (!c) return 'none';
      return run(c.id) ? 'ran' : 'disabled';
    },
  };
}
