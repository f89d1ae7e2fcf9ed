import { describe, expect, it } from 'vitest';
import { ACTION_HINTS, ACTION_LABELS, fileTitle, VM_STATE_LABELS, vmDisplayName } from './labels.js';
import { VM_ACTIONS, VM_STATES } from './state.js';

describe('labels', () => {
  it('names every state and action, and power off as the window does', () => {
    expect(Object.keys(VM_STATE_LABELS).sort()).toEqual([...VM_STATES].sort());
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...VM_ACTIONS].sort());
    expect(Object.keys(ACTION_HINTS).sort()).toEqual([...VM_ACTIONS].sort());
    expect(ACTION_LABELS.powerOff).toBe('Power off');
  });

  it('shows the Name, or the file name when there is none', () => {
    expect(vmDisplayName('Lab', '/vms/x.7b')).toBe('Lab');
    expect(vmDisplayName('  ', 'C:\\VMs\\My VM.7B')).toBe('My VM');
    expect(vmDisplayName(undefined, '/vms/a.b.7b')).toBe('a.b');
    expect(fileTitle('C:/VMs/x.7b')).toBe('x');
  });
});
