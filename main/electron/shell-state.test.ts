import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../app/preferences/preferences.js';
import { fail, fakeDispatch, ok, snapshot, summary } from '../../test/support/dispatch.js';
import { ShellState } from './shell-state.js';

describe('ShellState', () => {
  it('loads VMs and preferences, follows events, and knows which VMs are live', async () => {
    const { dispatch } = fakeDispatch((name) => {
      if (name === 'library.list') return ok([summary('C:\\a.7b', 'Running', ['save']), summary('C:\\b.7b', 'Stopped', ['start']), { bad: true }]);
      if (name === 'app.getPreferences') return ok({ theme: 'system', keepVmsRunning: false, closeToTray: false, onSessionEnd: 'shutdown', shutdownTimeoutSeconds: 30 });
      return fail('Internal', name);
    });
    const state = new ShellState(dispatch, () => undefined, 10_000);
    expect(state.preferences).toEqual(DEFAULT_PREFERENCES);
    let changes = 0;
    state.onChange(() => changes++);
    await state.load();
    expect(state.all.map((vm) => vm.path)).toEqual(['C:\\a.7b', 'C:\\b.7b']);
    expect(state.live.map((vm) => vm.path)).toEqual(['C:\\a.7b']);
    expect(state.preferences).toEqual({ ...DEFAULT_PREFERENCES, keepVmsRunning: false, closeToTray: false, onSessionEnd: 'shutdown', shutdownTimeoutSeconds: 30 });
    state.handleEvent('vm.changed', snapshot('C:\\B.7b', 'Starting', ['powerOff']));
    expect(state.live.map((vm) => vm.path)).toEqual(['C:\\a.7b', 'C:\\B.7b']);
    state.handleEvent('app.preferencesChanged', { closeToTray: true, onSessionEnd: 'nonsense' });
    expect(state.preferences).toMatchObject({ closeToTray: true, onSessionEnd: 'shutdown' });
    state.handleEvent('vm.changed', { path: 42 });
    expect(changes).toBe(4);
    state.dispose();
  });

  it('reports failures and keeps what it had', async () => {
    const errors: string[] = [];
    const state = new ShellState(fakeDispatch(() => fail('HcsUnreachable', 'no')).dispatch, (m) => errors.push(m));
    await state.load();
    expect(errors.sort()).toEqual(['could not list the VMs', 'could not read the preferences']);
    expect(state.all).toEqual([]);
  });
});
