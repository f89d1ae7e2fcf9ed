import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../app/config/index.js';
import type { NetworkAdapter } from '../../../../../app/config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../../../../../app/config/spec.js';
import en from '../../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../../app/i18n/translator.js';
import { renderWithHako } from '../../../../../test/support/renderer/render.js';
import { apiError, createStubApi, snapshot } from '../../../../../test/support/renderer/stub-api.js';
import { cloneFolder, cloneName } from './clone-defaults.js';
import { CloneDialog } from './CloneDialog.js';
import { DeleteDialog } from './DeleteDialog.js';
import { onlyBomMissing, startHint } from './refused-file.js';

const tr = createTranslator('en', en);
const PATH = '/vms/Lab/Lab.7b';
const OPERATION = '0f8fad5b-d9cb-469f-a165-70867728950e';
const BOM = { severity: 'error', code: 'file.bom-missing', path: '', params: {}, lossy: false } as const;
const VERSION = { severity: 'error', code: 'value.version', path: '/NanaBox/Version', params: { found: 2 }, lossy: false } as const;

describe('a refused file', () => {
  it('says why Start cannot start it, and offers the BOM fix only when that is all it needs', () => {
    const refused = { config: null, findings: [BOM], lastError: null };
    expect(startHint(tr, refused)).toMatch(/^Cannot start: NanaBox would refuse this file \(UTF-8 with BOM is required/);
    expect(onlyBomMissing(refused)).toBe(true);
    expect(onlyBomMissing({ ...refused, findings: [BOM, VERSION] })).toBe(false);
    const readable = { config: newVmConfig('Lab').config, findings: [], lastError: null };
    expect(startHint(tr, readable)).toBe(tr.t('vm.hint.start'));
    expect(onlyBomMissing(readable)).toBe(false);
  });
});

describe('the clone dialog’s proposals', () => {
  it('a name no library VM has, and the folder the original’s own folder is in', () => {
    expect(cloneName(tr, 'Lab', ['Other'])).toBe('Lab copy');
    expect(cloneName(tr, 'Lab', ['lab COPY', 'Lab copy 2'])).toBe('Lab copy 3');
    expect(cloneFolder('D:\\VMs\\Lab\\Lab.7b')).toBe('D:\\VMs');
    expect(cloneFolder('/srv/vms/lab/Lab.7b')).toBe('/srv/vms');
    // A file not in a folder of its own: the clone goes next to it.
    expect(cloneFolder('D:\\VMs\\Lab.7b')).toBe('D:\\VMs');
  });
});

function vmWith(config = newVmConfig('Lab').config) {
  return snapshot(PATH, { id: 'Lab', config });
}

describe('the clone dialog', () => {
  it('sends the choices; differencing disks come with the warning, the MAC choice only with static MACs', async () => {
    const api = createStubApi({ 'vm.clone': () => ({ operationId: OPERATION }) });
    const config = newVmConfig('Lab').config;
    config.ScsiDevices.push({ Type: 'VirtualDisk', Path: 'Lab.vhdx' });
    config.NetworkAdapters.push({ ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), MacAddress: '00-15-5D-01-02-03' });
    config.Tpm = true;
    renderWithHako(<CloneDialog vm={vmWith(config)} onClose={() => undefined} />, api);
    const dialog = screen.getByRole('dialog', { name: 'Clone Lab' });
    expect(within(dialog).getByRole('textbox', { name: 'Name of the clone' })).toHaveValue('Lab copy');
    expect(within(dialog).getByRole('textbox', { name: 'Folder' })).toHaveValue('/vms');
    expect(within(dialog).getByText(/BitLocker keys/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('region', { name: "The original's disks must never change again" })).toBeNull();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Differencing disks' }));
    expect(within(dialog).getByRole('region', { name: "The original's disks must never change again" })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Dynamic addresses' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Clone' }));
    expect(api.calls.find((c) => c.name === 'vm.clone')?.input).toEqual({ path: PATH, name: 'Lab copy', folder: '/vms', disks: 'differencing', macs: 'dynamic' });
  });

  it('refuses a taken name where it is typed, and a VM without disks or static MACs asks neither', async () => {
    const api = createStubApi();
    const { store } = renderWithHako(<CloneDialog vm={vmWith()} onClose={() => undefined} />, api);
    act(() => store.getState().adopt(snapshot('/vms/Other/Other.7b', { id: 'Other' })));
    expect(screen.queryByRole('radiogroup', { name: 'Disks' })).toBeNull();
    expect(screen.queryByRole('radiogroup', { name: 'MAC addresses' })).toBeNull();
    const name = screen.getByRole('textbox', { name: 'Name of the clone' });
    await userEvent.clear(name);
    await userEvent.type(name, 'other');
    expect(name).toHaveAccessibleDescription(/already called other/);
    await userEvent.click(screen.getByRole('button', { name: 'Clone' }));
    expect(api.calls.some((c) => c.name === 'vm.clone')).toBe(false);
  });
});

const PLAN = {
  toRecycleBin: false,
  items: [
    { id: '0000000000000001', path: PATH, kind: 'config', sizeBytes: 900, insideVmFolder: true, usedBy: [], tickedByDefault: true },
    { id: '0000000000000002', path: '/vms/Lab/Lab.vhdx', kind: 'disk', sizeBytes: 4096, insideVmFolder: true, usedBy: [], tickedByDefault: true },
    { id: '0000000000000003', path: '/shared/base.vhdx', kind: 'disk', sizeBytes: 2048, insideVmFolder: false, usedBy: ['/vms/Other/Other.7b'], tickedByDefault: false },
  ],
} as const;

describe('the delete dialog', () => {
  it('ticks what the plan says, says why the rest is not, and deletes exactly what stays ticked', async () => {
    const api = createStubApi({ 'vm.deletePlan': () => PLAN, 'vm.delete': () => ({ removed: [PATH] }) });
    const { store } = renderWithHako(<DeleteDialog vm={vmWith()} onClose={() => undefined} />, api);
    act(() => store.getState().adopt(vmWith()));
    const disk = await screen.findByRole('checkbox', { name: '/vms/Lab/Lab.vhdx' });
    expect(screen.getByRole('checkbox', { name: PATH })).toBeChecked();
    expect(disk).toBeChecked();
    const shared = screen.getByRole('checkbox', { name: '/shared/base.vhdx' });
    expect(shared).not.toBeChecked();
    expect(shared).toHaveAccessibleDescription(/also used by Other/);
    expect(screen.getByRole('region', { name: 'The ticked files are deleted for good' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(disk);
    await userEvent.click(screen.getByRole('button', { name: /^Delete 1 file/ }));
    expect(api.calls.find((c) => c.name === 'vm.delete')?.input).toEqual({ path: PATH, items: ['0000000000000001'] });
    await waitFor(() => expect(store.getState().library.get(PATH)).toBeUndefined());
  });

  it('reads the plan again when the files changed meanwhile, with its defaults', async () => {
    let reads = 0;
    const api = createStubApi({
      'vm.deletePlan': () => (reads++, PLAN),
      'vm.delete': () => Promise.reject(apiError({ code: 'PlanChanged', message: 'changed' })),
    });
    renderWithHako(<DeleteDialog vm={vmWith()} onClose={() => undefined} />, api);
    await userEvent.click(await screen.findByRole('checkbox', { name: '/vms/Lab/Lab.vhdx' }));
    await userEvent.click(screen.getByRole('button', { name: /^Delete 1 file/ }));
    await waitFor(() => expect(reads).toBe(2));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: '/vms/Lab/Lab.vhdx' })).toBeChecked());
  });

  it('says the files go to the Recycle Bin where they do, and deletes nothing with nothing ticked', async () => {
    const api = createStubApi({ 'vm.deletePlan': () => ({ ...PLAN, toRecycleBin: true }) });
    renderWithHako(<DeleteDialog vm={vmWith()} onClose={() => undefined} />, api);
    expect(await screen.findByRole('region', { name: 'The ticked files go to the Recycle Bin' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: PATH }));
    await userEvent.click(screen.getByRole('checkbox', { name: '/vms/Lab/Lab.vhdx' }));
    expect(screen.getByRole('button', { name: /^Delete 0 files/ })).toBeDisabled();
  });
});
