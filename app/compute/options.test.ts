import { describe, expect, it } from 'vitest';
import { crashOptions, pauseOptions, saveOptions, shutdownOptions } from './options.js';

describe('saveOptions', () => {
  it('saves to the given file', () => {
    expect(saveOptions('D:\\VMs\\MyVM\\MyVM.SaveState.vmrs')).toStrictEqual({
      SaveStateFilePath: 'D:\\VMs\\MyVM\\MyVM.SaveState.vmrs',
      SaveType: 'ToFile',
    });
  });

  it('serialises in NanaBox key order', () => {
    expect(JSON.stringify(saveOptions('x.vmrs'))).toBe('{"SaveStateFilePath":"x.vmrs","SaveType":"ToFile"}');
  });
});

describe('pauseOptions', () => {
  it('is empty by default', () => {
    expect(pauseOptions()).toStrictEqual({});
  });

  it('carries the suspension level and the notification reason', () => {
    expect(pauseOptions({ suspensionLevel: 'Suspend', reason: 'Save' })).toStrictEqual({
      HostedNotification: { Reason: 'Save' },
      SuspensionLevel: 'Suspend',
    });
    expect(pauseOptions({ suspensionLevel: 'MemoryLow' })).toStrictEqual({ SuspensionLevel: 'MemoryLow' });
  });
});

describe('crashOptions', () => {
  it('crashes the guest', () => {
    expect(crashOptions()).toStrictEqual({ Type: 'CrashGuest' });
  });
});

describe('shutdownOptions', () => {
  it('defaults to an unforced shutdown through the integration service', () => {
    expect(shutdownOptions()).toStrictEqual({ Force: false, Mechanism: 'IntegrationService', Type: 'Shutdown' });
  });

  it('takes every field', () => {
    expect(
      shutdownOptions({ mechanism: 'GuestConnection', type: 'Reboot', force: true, reason: 'Hako restart' }),
    ).toStrictEqual({ Force: true, Mechanism: 'GuestConnection', Reason: 'Hako restart', Type: 'Reboot' });
  });

  it('keeps the keys in byte order when a reason is given', () => {
    expect(Object.keys(shutdownOptions({ type: 'Hibernate', reason: 'r' }))).toEqual([
      'Force',
      'Mechanism',
      'Reason',
      'Type',
    ]);
  });
});
