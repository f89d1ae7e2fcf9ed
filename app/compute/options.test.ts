import { describe, expect, it } from 'vitest';
import { hostSupports, SCHEMA_GATES, schemaVersionForBuild } from './gates.js';
import { crashOptions, crashOptionsFor, pauseOptions, pauseOptionsFor, saveOptions, saveOptionsFor, shutdownOptions, shutdownOptionsFor } from './options.js';

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

describe('the documents each host takes (gates.ts)', () => {
  const v = (Minor: number) => ({ Major: 2, Minor });

  it('sends ShutdownOptions from schema 2.5 on, NULL before', () => {
    expect(shutdownOptionsFor(v(3))).toBeNull();
    expect(shutdownOptionsFor(v(4))).toBeNull();
    expect(shutdownOptionsFor(v(5))).toStrictEqual({ Force: false, Mechanism: 'IntegrationService', Type: 'Shutdown' });
    expect(shutdownOptionsFor(v(8))).not.toBeNull();
  });

  it('sends NULL for an empty pause, and drops the fields a host does not know', () => {
    expect(pauseOptionsFor(v(3))).toBeNull();
    expect(pauseOptionsFor(v(0), { suspensionLevel: 'Suspend', reason: 'Save' })).toStrictEqual({ SuspensionLevel: 'Suspend' });
    expect(pauseOptionsFor(v(1), { reason: 'Save' })).toStrictEqual({ HostedNotification: { Reason: 'Save' } });
  });

  it('sends SaveOptions from 2.1 and CrashOptions from 2.3', () => {
    expect(saveOptionsFor(v(0), 'x.vmrs')).toBeNull();
    expect(saveOptionsFor(v(1), 'x.vmrs')).toStrictEqual({ SaveStateFilePath: 'x.vmrs', SaveType: 'ToFile' });
    expect(crashOptionsFor(v(2))).toBeNull();
    expect(crashOptionsFor(v(3))).toStrictEqual({ Type: 'CrashGuest' });
  });

  it('never sends a 2.x document to a host of another major version', () => {
    expect(shutdownOptionsFor({ Major: 3, Minor: 9 })).toBeNull();
  });
});

describe('schemaVersionForBuild (the schema reference\'s version map)', () => {
  it.each([
    [17763, 1],
    [18362, 2],
    [19041, 3],
    [19045, 3],
    [20348, 5],
    [22000, 6],
    [22621, 7],
    [26100, 7],
  ])('build %i → 2.%i', (build, minor) => {
    expect(schemaVersionForBuild(build)).toStrictEqual({ Major: 2, Minor: minor });
  });

  it('gates each document at the version the reference gives', () => {
    expect(SCHEMA_GATES).toStrictEqual({
      PauseSuspensionLevel: { Major: 2, Minor: 0 },
      PauseHostedNotification: { Major: 2, Minor: 1 },
      SaveOptions: { Major: 2, Minor: 1 },
      CrashOptions: { Major: 2, Minor: 3 },
      ShutdownOptions: { Major: 2, Minor: 5 },
      IntegrationServices: { Major: 2, Minor: 5 },
    });
    expect(hostSupports({ Major: 2, Minor: 5 }, 'IntegrationServices')).toBe(true);
    expect(hostSupports({ Major: 2, Minor: 4 }, 'IntegrationServices')).toBe(false);
  });
});
