import { describe, expect, it } from 'vitest';
import { VM_STATES, allowedActions, hasScreen, isLive } from './state.js';

describe('VM states', () => {
  it('has a screen only while it runs or is paused, and a compute system also while it changes state', () => {
    expect(VM_STATES.filter(hasScreen)).toEqual(['Running', 'Paused']);
    expect(VM_STATES.filter(isLive)).toEqual(['Starting', 'Running', 'Paused', 'Saving', 'Stopping']);
  });

  it('offers crash only where the host can do it', () => {
    expect(allowedActions('Running', { canCrash: false })).not.toContain('crash');
    expect(allowedActions('Running', { canCrash: true })).toContain('crash');
  });
});
