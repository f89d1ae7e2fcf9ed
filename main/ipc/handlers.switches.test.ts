// IPC handlers of virtual switches: listing with subnets and users, a suggested free subnet, deleting only unused switches.
import { describe, expect, it } from 'vitest';
import { MINIMAL, useHandlersRig } from '../../test/support/handlers-rig.js';

const rig = useHandlersRig();
const { call, value, vmFile } = rig;

describe('virtual switches', () => {
  it('lists switches with subnets and users, suggests a free subnet, and deletes only unused ones', async () => {
    const suggested = await value<{ prefix: string; gateway: string }>('networks.suggestSubnet');
    const { id } = await value<{ id: string }>('networks.create', { name: 'Lab net', subnet: suggested.prefix });
    const next = await value<{ prefix: string }>('networks.suggestSubnet');
    expect(next.prefix).not.toBe(suggested.prefix);
    const file = await vmFile('net.7b', MINIMAL.replace('"GuestType":"Linux"', `"GuestType":"Linux","NetworkAdapters":[{"Connected":true,"SuggestedSwitchId":"${id}"}]`));
    await value('library.open', { path: file });
    await value('vm.start', { path: file });
    const listed = (await value<{ id: string; subnets: { prefix: string }[]; usedBy: string[] }[]>('networks.list')).find((n) => n.id === id)!;
    expect(listed).toMatchObject({ subnets: [{ prefix: suggested.prefix }], usedBy: ['Vm'] });
    expect(await call('networks.delete', { id })).toMatchObject({ ok: false, error: { code: 'SwitchInUse', message: expect.stringContaining('Vm') as string } });
    await value('vm.powerOff', { path: file });
    await value('networks.delete', { id });
    expect((await value<{ id: string }[]>('networks.list')).some((n) => n.id === id)).toBe(false);
  });
});
