// VmService start failures: an HCS or HCN failure at any step leaves nothing behind and the VM starts once the fault is gone.
import { describe, expect, it } from 'vitest';
import { HcsError } from '../../../app/errors/hcs-error.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { useVmServiceHcnRig } from '../../../test/support/vm-service-hcn-rig.js';
import { waitFor } from '../../../test/support/wait.js';

const rig = useVmServiceHcnRig();
const { newService, vmFile } = rig;

describe('failures during start leave nothing behind', () => {
  const steps = [
    'HcsOpenComputeSystem',
    'HcsGrantVmAccess',
    'HcsCreateEmptyGuestStateFile',
    'HcsCreateEmptyRuntimeStateFile',
    'HcsCreateComputeSystem',
    'HcsSetComputeSystemCallback',
    'HcsStartComputeSystem',
    'HcsModifyComputeSystem',
  ];
  const codes = [HRESULT.E_ACCESSDENIED, HRESULT.HCS_E_INVALID_JSON, HRESULT.HCS_E_SERVICE_NOT_AVAILABLE];

  for (const step of steps) {
    for (const direct of [true, false]) {
      it(`${step} failing ${direct ? 'directly' : 'through its operation'}`, async () => {
        const vms = newService();
        const file = await vmFile('Foxtrot');
        await vms.open(file);
        for (const code of codes) {
          rig.controls.hcs.injectFault(step, code, direct);
          const failure = await vms.start(file).then(
            () => null,
            (error: unknown) => error,
          );
          expect(failure, `${step} ${code.toString(16)}`).toBeInstanceOf(HcsError);
          expect((failure as HcsError).hresult).toBe(code);
          expect((failure as HcsError).advice ?? '').not.toBe(undefined);
          expect(vms.get(file).state).toBe('Error');
          expect(vms.get(file).lastError?.hresult).toBe(code);
          expect(rig.controls.hcs.computeSystemCount()).toBe(0);
          await waitFor(() => rig.controls.hcs.openHandleCount() === 0, 3000, 'handles closed after a failed start');
          expect(rig.controls.hcs.liveAllocationCount()).toBe(0);
        }
        // And the same VM starts fine once the fault is gone.
        await vms.start(file);
        expect(vms.get(file).state).toBe('Running');
      });
    }
  }

  it('an HCN failure while creating the endpoint fails the start with the HCN error', async () => {
    const vms = newService();
    const file = await vmFile('Golf');
    await vms.open(file);
    rig.controls.hcn.injectFault('HcnCreateEndpoint', HRESULT.HCN_E_ICS_DISABLED);
    const failure = await vms.start(file).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HcsError);
    expect((failure as HcsError).code).toBe('HCN_E_ICS_DISABLED');
    expect(vms.get(file).state).toBe('Error');
    expect(rig.controls.hcs.computeSystemCount()).toBe(0);
  });
});
