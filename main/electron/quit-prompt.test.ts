import { describe, expect, it } from 'vitest';
import { bulkPlan, sessionEndFallback, sessionEndReason } from './bulk-plan.js';
import { quitDecision, quitPrompt } from './quit-prompt.js';
import { type VmSummary } from './shell-state.js';
import { translatorFor } from './i18n.js';

const en = translatorFor('en');

const vm = (name: string, state: VmSummary['state'], actions: VmSummary['actions'] = []): VmSummary => ({ path: `C:\\vms\\${name}.7b`, id: name, state, actions });

describe('quitting with running VMs', () => {
  it('asks nothing when nothing runs', () => {
    expect(quitPrompt([], { keepVmsRunning: true, tr: en })).toBeNull();
  });

  it('offers leave / save / shut down / cancel, and says VMs left running are at the host’s mercy', () => {
    const prompt = quitPrompt(['alpha', 'beta'], { keepVmsRunning: true, tr: en })!;
    expect(prompt.choices.map((c) => c.choice)).toEqual(['leave', 'save', 'shutdown', 'cancel']);
    expect(prompt.choices.map((c) => c.label)).toEqual(['Leave running', 'Save all', 'Shut down all', 'Cancel']);
    expect(prompt.message).toBe('2 virtual machines are running: alpha, beta.');
    expect(prompt.detail).toMatch(/re-attaches next time/);
    expect(prompt.detail).toMatch(/when Windows shuts down, restarts or signs you out, the host turns them off without saving/);
    expect(prompt.choices[prompt.defaultIndex]!.choice).toBe('save');
    expect(prompt.choices[prompt.cancelIndex]!.choice).toBe('cancel');
  });

  it('does not offer "leave running" when closing Hako would stop the VMs', () => {
    const prompt = quitPrompt(['alpha'], { keepVmsRunning: false, tr: en })!;
    expect(prompt.choices.map((c) => c.choice)).toEqual(['save', 'shutdown', 'cancel']);
    expect(prompt.choices[0]!.label).toBe('Save');
    expect(prompt.message).toBe('The virtual machine alpha is running.');
  });

  it('shortens long lists', () => {
    expect(quitPrompt(['a', 'b', 'c', 'd', 'e', 'f', 'g'], { keepVmsRunning: true, tr: en })!.message).toBe('7 virtual machines are running: a, b, c, d, e and 2 more.');
  });

  it('turns a choice into actions: paused VMs are saved, transitions are left alone', () => {
    const vms = [vm('run', 'Running', ['shutdown', 'save']), vm('paused', 'Paused', ['resume', 'save']), vm('starting', 'Starting', ['powerOff']), vm('off', 'Stopped', ['start'])];
    expect(quitDecision('leave', vms)).toEqual({ kind: 'quit' });
    expect(quitDecision('cancel', vms)).toEqual({ kind: 'cancel' });
    expect(quitDecision('save', vms)).toEqual({
      kind: 'act',
      plan: [
        { path: vms[0]!.path, action: 'save' },
        { path: vms[1]!.path, action: 'save' },
      ],
    });
    expect(quitDecision('shutdown', vms)).toEqual({
      kind: 'act',
      plan: [
        { path: vms[0]!.path, action: 'shutdown' },
        { path: vms[1]!.path, action: 'save' },
      ],
    });
    // A running VM that cannot shut down (no such action offered) is saved.
    expect(bulkPlan([vm('x', 'Running', ['save'])], 'shutdown')).toEqual([{ path: 'C:\\vms\\x.7b', action: 'save' }]);
  });
});

describe('Windows session end', () => {
  it('saves a VM whose shut down did not finish', () => {
    expect(sessionEndFallback({ path: 'a', action: 'shutdown', done: false })).toEqual({ path: 'a', action: 'save' });
    expect(sessionEndFallback({ path: 'a', action: 'shutdown', done: true })).toBeNull();
    expect(sessionEndFallback({ path: 'a', action: 'save', done: false })).toBeNull();
  });

  it('gives Windows a reason to show', () => {
    expect(sessionEndReason(1, 'save', en)).toBe('Hako is saving a virtual machine before Windows ends the session.');
    expect(sessionEndReason(3, 'shutdown', en)).toBe('Hako is shutting down 3 virtual machines before Windows ends the session.');
  });
});
