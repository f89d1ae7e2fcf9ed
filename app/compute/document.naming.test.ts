// Session pipe names and the default state-file names (basicSessionPipe, defaultSaveStateFile, withStateFileDefaults).
import { describe, expect, it } from 'vitest';
import { vmConfig } from '../../test/support/compute-document-rig.js';
import { basicSessionPipe, defaultSaveStateFile, enhancedSessionPipe, withStateFileDefaults } from './document.js';

describe('session pipes and default file names', () => {
  it('names the RDP pipes after the VM', () => {
    expect(basicSessionPipe('MyVM')).toBe('\\\\.\\pipe\\MyVM.BasicSession');
    expect(enhancedSessionPipe('MyVM')).toBe('\\\\.\\pipe\\MyVM.EnhancedSession');
  });

  it('names the save file after the VM', () => {
    expect(defaultSaveStateFile('MyVM')).toBe('MyVM.SaveState.vmrs');
  });
});

describe('withStateFileDefaults', () => {
  it('fills empty state files and returns a new object', () => {
    const config = vmConfig();
    const filled = withStateFileDefaults(config);
    expect(filled.GuestStateFile).toBe('MyVM.vmgs');
    expect(filled.RuntimeStateFile).toBe('MyVM.vmrs');
    expect(filled).not.toBe(config);
    expect(config.GuestStateFile).toBe('');
    expect(config.RuntimeStateFile).toBe('');
  });

  it('keeps state files that are set', () => {
    const filled = withStateFileDefaults(vmConfig({ GuestStateFile: 'a.vmgs', RuntimeStateFile: 'state\\b.vmrs' }));
    expect(filled.GuestStateFile).toBe('a.vmgs');
    expect(filled.RuntimeStateFile).toBe('state\\b.vmrs');
  });
});
