// buildComputeSystemDocument's guest feature set: the policy bits sent on build 26100 and later.
import { describe, expect, it } from 'vitest';
import { host, quickStart } from '../../test/support/compute-document-rig.js';
import type { VmConfig } from '../config/model.js';
import { buildComputeSystemDocument, guestFeatureSet } from './document.js';

describe('buildComputeSystemDocument: guest feature set', () => {
  const withPolicies = (policies: string[]): VmConfig => ({ ...quickStart(), Policies: policies });

  it('sets the policy bits and UseGuestFeatureSetFlags on 26100', () => {
    const document = buildComputeSystemDocument(
      withPolicies(['LegacyPcrMeasurement', 'DisableSha384Pcr', 'NotAPolicy']),
      host({ build: 26100 }),
    );
    expect(document.VirtualMachine.ComputeTopology).toStrictEqual({
      Compatibility: { GuestFeatureSet: 0x7 },
      Memory: { AllowOvercommit: true, SizeInMB: 2048 },
      Processor: { Count: 2 },
    });
  });

  it('sends 0 when no name is recognised', () => {
    const document = buildComputeSystemDocument(withPolicies(['NotAPolicy']), host({ build: 26100 }));
    expect(document.VirtualMachine.ComputeTopology.Compatibility).toStrictEqual({ GuestFeatureSet: 0 });
  });

  it('sends nothing below build 26100', () => {
    const document = buildComputeSystemDocument(withPolicies(['LegacyGpaLayout']), host({ build: 22631 }));
    expect(document.VirtualMachine.ComputeTopology).not.toHaveProperty('Compatibility');
  });

  it('maps every known policy to its bit', () => {
    expect(guestFeatureSet(['UseExtendedMaxVpPerSocketLimit'])).toBe(0x401);
    expect(
      guestFeatureSet([
        'LegacyPcrMeasurement',
        'DisableSha384Pcr',
        'LegacyRteWidth',
        'LegacyTrustedLaunchMemoryMap',
        'LegacyApicSelectionLogic',
        'LegacyApicManganeseOverride',
        'LegacyGpaLayout',
        'ForceLegacyHcl',
        'ForceCurrentHcl',
        'UseExtendedMaxVpPerSocketLimit',
      ]),
    ).toBe(0x7ff);
  });

  it('matches names exactly and ignores inherited object keys', () => {
    expect(guestFeatureSet(['legacypcrmeasurement', 'constructor', 'toString', '__proto__'])).toBe(0);
  });
});
