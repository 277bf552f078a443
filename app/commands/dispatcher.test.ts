import { describe, expect, it } from 'vitest';
import { type Command, createDispatcher } from './dispatcher';
import { type KeyInput, matchesShortcut, shortcutLabel } from './shortcut';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

interface State {
  canUndo: boolean;
}

function world() {
  const state: State = { canUndo: true };
  const ran: string[] = [];
  const commands: Command<State>[] = [
    { id: 'undo', label: 'Undo', shortcuts: ['Mod+Z'], enabled: (s) => (s.canUndo ? true : 'Nothing to undo'), perform: () => ran.push('undo') },
    { id: 'redo', label: 'Redo', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], enabled: () => true, perform: () => ran.push('redo') },
    { id: 'run', label: 'Run', shortcuts: ['Mod+Enter'], whileTyping: true, enabled: () => true, perform: () => ran.push('run') },
    { id: 'delete', label: 'Delete', shortcuts: ['Delete', 'Backspace'], enabled: () => true, perform: () => ran.push('delete') },
  ];
  return { state, ran, dispatcher: createDispatcher(commands, () => state) };
}

describe('shortcuts', () => {
  it('match with Ctrl or ⌘ as Mod, and only with exactly the modifiers named', () => {
    expect(matchesShortcut('Mod+Z', key('z', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('Mod+Z', key('z', { metaKey: true }))).toBe(true);
    expect(matchesShortcut('Mod+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesShortcut('Mod+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut('Mod+Z', key('z'))).toBe(false);
    expect(matchesShortcut('Delete', key('Delete'))).toBe(true);
  });

  it('read as the platform writes them', () => {
    expect(shortcutLabel('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutLabel('Mod+Enter', true)).toBe('⌘↩');
  });
});

describe('command dispatcher', () => {
  it('runs the command bound to a key and reports it ran', () => {
    const { ran, dispatcher } = world();
    expect(dispatcher.handleKey(key('z', { ctrlKey: true }), false)).toBe('ran');
    expect(dispatcher.handleKey(key('y', { metaKey: true }), false)).toBe('ran');
    expect(ran).toEqual(['undo', 'redo']);
  });

  it('does not run a disabled command, by key or by id', () => {
    const { state, ran, dispatcher } = world();
    state.canUndo = false;
    expect(dispatcher.handleKey(key('z', { ctrlKey: true }), false)).toBe('disabled');
    expect(dispatcher.run('undo')).toBe(false);
    expect(ran).toEqual([]);
  });

  it('leaves keys to text fields while typing, except for commands that run while typing', () => {
    const { ran, dispatcher } = world();
    expect(dispatcher.handleKey(key('Backspace'), true)).toBe('none');
    expect(dispatcher.handleKey(key('z', { ctrlKey: true }), true)).toBe('none');
    expect(dispatcher.handleKey(key('Enter', { ctrlKey: true }), true)).toBe('ran');
    expect(ran).toEqual(['run']);
  });

  it('shares one path between buttons (run by id) and keys', () => {
    const { ran, dispatcher } = world();
    dispatcher.run('delete');
    dispatcher.handleKey(key('Delete'), false);
    expect(ran).toEqual(['delete', 'delete']);
  });

  it('ignores keys no command is bound to', () => {
    expect(world().dispatcher.handleKey(key('q'), false)).toBe('none');
  });

  it('refuses two commands with one id, and unknown ids', () => {
    const c: Command<State> = { id: 'x', label: 'X', enabled: () => true, perform: () => {} };
    expect(() => createDispatcher([c, c], () => ({ canUndo: true }))).toThrow(/share an id/);
    expect(() => world().dispatcher.run('nope')).toThrow(/no command/);
  });
});
