import { describe, expect, it } from 'vitest';
import { createStubApi, flush } from '../../../test/support/renderer/stub-api.js';
import { createHakoStore } from './index.js';
import type { LeaveGuard } from './navigation.js';

const A = { kind: 'vm', path: '/vms/a/a.7b' } as const;
const B = { kind: 'vm', path: '/vms/b/b.7b' } as const;

function editor(options: { dirty?: boolean; saves?: boolean } = {}) {
  const guard = {
    dirty: options.dirty ?? true,
    saved: 0,
    discarded: 0,
    hasUnsavedEdits: () => guard.dirty,
    save: async () => {
      guard.saved++;
      if (options.saves === false) return false;
      guard.dirty = false;
      return true;
    },
    discard: () => {
      guard.discarded++;
      guard.dirty = false;
    },
  };
  return guard satisfies LeaveGuard;
}

function onSettings() {
  const api = createStubApi({ 'app.leaveAnswer': () => undefined });
  const store = createHakoStore(api);
  store.getState().select(A);
  store.getState().setVmTab('settings');
  return { api, store };
}

describe('renderer store: unsaved settings edits', () => {
  it('goes anywhere at once without unsaved edits', () => {
    const { store } = onSettings();
    store.getState().setLeaveGuard(editor({ dirty: false }));
    store.getState().setVmTab('events');
    expect(store.getState()).toMatchObject({ vmTab: 'events', leaving: null });
  });

  it('asks before another tab, VM or page, and Cancel stays with the edits', () => {
    const { store } = onSettings();
    const guard = editor();
    store.getState().setLeaveGuard(guard);
    for (const move of [() => store.getState().setVmTab('overview'), () => store.getState().select(B), () => store.getState().select({ kind: 'preferences' })]) {
      move();
      expect(store.getState().leaving).not.toBeNull();
      void store.getState().answerLeave('cancel');
      expect(store.getState()).toMatchObject({ view: A, vmTab: 'settings', leaving: null });
    }
    expect(guard).toMatchObject({ saved: 0, discarded: 0, dirty: true });
  });

  it('Discard drops the edits and goes where the user was going, both steps of a move included', async () => {
    const { store } = onSettings();
    const guard = editor();
    store.getState().setLeaveGuard(guard);
    store.getState().select(B);
    store.getState().setVmTab('overview'); // opening a VM also shows its Overview
    expect(store.getState().leaving).toEqual({ kind: 'navigate', view: B, tab: 'overview' });
    await store.getState().answerLeave('discard');
    expect(guard.discarded).toBe(1);
    expect(store.getState()).toMatchObject({ view: B, vmTab: 'overview', leaving: null });
  });

  it('Save goes on once written, and stays when the save stops (a problem, consent, a conflict)', async () => {
    const { store } = onSettings();
    const failing = editor({ saves: false });
    const stop = store.getState().setLeaveGuard(failing);
    store.getState().select({ kind: 'home' });
    await store.getState().answerLeave('save');
    expect(failing.saved).toBe(1);
    expect(store.getState()).toMatchObject({ view: A, vmTab: 'settings', leaving: null });
    stop();

    store.getState().setLeaveGuard(editor());
    store.getState().select({ kind: 'home' });
    await store.getState().answerLeave('save');
    expect(store.getState()).toMatchObject({ view: { kind: 'home' }, leaving: null });
  });

  it('answers main before Hako quits: at once without edits, after the question with them', async () => {
    const { api, store } = onSettings();
    const stop = store.getState().setLeaveGuard(editor({ dirty: false }));
    store.getState().confirmQuit();
    await flush();
    expect(api.calls.filter((c) => c.name === 'app.leaveAnswer').map((c) => c.input)).toEqual([{ proceed: true }]);
    stop();

    store.getState().setLeaveGuard(editor());
    store.getState().confirmQuit();
    expect(store.getState().leaving).toEqual({ kind: 'quit' });
    await store.getState().answerLeave('cancel');
    store.getState().confirmQuit();
    await store.getState().answerLeave('discard');
    await flush();
    expect(api.calls.filter((c) => c.name === 'app.leaveAnswer').map((c) => c.input)).toEqual([{ proceed: true }, { proceed: false }, { proceed: true }]);
    expect(store.getState()).toMatchObject({ view: A, vmTab: 'settings', leaving: null });
  });

  it('a removed guard asks nothing', () => {
    const { store } = onSettings();
    store.getState().setLeaveGuard(editor())();
    store.getState().select({ kind: 'home' });
    expect(store.getState()).toMatchObject({ view: { kind: 'home' }, leaving: null });
  });
});
