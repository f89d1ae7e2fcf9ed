import { describe, expect, it } from 'vitest';
import { displayName, type VmSummary } from './shell-state.js';
import { translatorFor } from './i18n.js';
import { trayModel } from './tray-model.js';

const en = translatorFor('en');

const vm = (name: string, state: VmSummary['state'], actions: VmSummary['actions'] = []): VmSummary => ({ path: `C:\\vms\\${name}.7b`, id: name, state, actions });

describe('the tray', () => {
  it('lists VMs by name with their state and enables what the state allows', () => {
    const model = trayModel(
      [vm('zeta', 'Stopped', ['start']), vm('alpha', 'Running', ['shutdown', 'powerOff', 'pause', 'save', 'restart']), { path: 'C:\\vms\\no-name.7b', id: '', state: 'Paused', actions: ['resume', 'powerOff', 'save'] }],
      en,
    );
    expect(model.anyRunning).toBe(true);
    expect(model.tooltip).toBe('Hako — 2 virtual machines running');
    expect(model.vms.map((v) => v.label)).toEqual(['alpha — Running', 'no-name — Paused', 'zeta — Stopped']);
    const enabled = (i: number) => model.vms[i]!.actions.filter((a) => a.enabled).map((a) => a.action);
    expect(enabled(0)).toEqual(['show', 'connect', 'shutdown', 'powerOff', 'pause', 'save']);
    expect(enabled(1)).toEqual(['show', 'powerOff', 'resume', 'save']);
    expect(enabled(2)).toEqual(['show', 'start']);
    expect(model.vms[0]!.actions.map((a) => a.label)).toEqual(['Show in Hako', 'Connect', 'Start', 'Shut down', 'Power off', 'Pause', 'Resume', 'Save']);
  });

  it('names states as the window does, and counts a VM in transition as running', () => {
    const model = trayModel([vm('a', 'Stopping', ['powerOff']), vm('b', 'Starting', ['powerOff'])], en);
    expect(model.vms.map((v) => v.label)).toEqual(['a — Stopping…', 'b — Starting…']);
    expect(model.tooltip).toBe('Hako — 2 virtual machines running');
  });

  it('speaks the user’s language', () => {
    const model = trayModel([vm('a', 'Running', ['shutdown'])], translatorFor('zh-CN'));
    expect(model.vms[0]!.label).toBe('a — 正在运行');
    expect(model.tooltip).toBe('Hako — 1 台虚拟机正在运行');
  });

  it('shows an idle icon when nothing runs', () => {
    expect(trayModel([vm('a', 'Saved', ['start'])], en)).toMatchObject({ anyRunning: false, tooltip: 'Hako' });
    expect(displayName({ path: '/x/My VM.7b', id: ' ', state: 'Stopped', actions: [] })).toBe('My VM');
  });
});
