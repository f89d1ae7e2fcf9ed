import { describe, expect, it } from 'vitest';
import { fail, fakeDispatch, ok } from '../../test/support/dispatch.js';
import { runPlan } from './bulk.js';

describe('bulk save / shut down', () => {
  it('runs every VM’s action, falling back to saving when a shut down times out', async () => {
    const { dispatch, calls } = fakeDispatch((name, input) => {
      const p = (input as { path: string }).path;
      if (name === 'vm.shutdown') return ok(p === 'slow' ? { stopped: false, reason: 'timeout' } : { stopped: true });
      if (name === 'vm.save') return p === 'broken' ? fail('HcsError', 'save failed') : ok(undefined);
      return fail('Internal', name);
    });
    const plan = [
      { path: 'quick', action: 'shutdown' as const },
      { path: 'slow', action: 'shutdown' as const },
      { path: 'broken', action: 'save' as const },
    ];
    const failed: string[] = [];
    const outcomes = await runPlan(dispatch, plan, { fallbackToSave: true, onError: (p) => failed.push(p.path) });
    expect(outcomes).toEqual([
      { path: 'quick', action: 'shutdown', done: true },
      { path: 'slow', action: 'save', done: true },
      { path: 'broken', action: 'save', done: false, error: 'save failed' },
    ]);
    expect(failed).toEqual(['broken']);
    expect(calls.map((c) => `${c.name} ${(c.input as { path: string }).path}`).sort()).toEqual(['vm.save broken', 'vm.save slow', 'vm.shutdown quick', 'vm.shutdown slow']);
    // Without the fallback a timed-out shut down is reported as not done.
    const strict = await runPlan(dispatch, [{ path: 'slow', action: 'shutdown' }], { fallbackToSave: false });
    expect(strict).toEqual([{ path: 'slow', action: 'shutdown', done: false }]);
  });
});
