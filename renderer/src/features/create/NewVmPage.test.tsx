import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { GiB } from '../../../../app/disks/size.js';
import { renderWithHako } from '../../../../test/support/renderer/render.js';
import { apiError, createStubApi, flush, snapshot } from '../../../../test/support/renderer/stub-api.js';
import { NewVmPage } from './NewVmPage.js';

const OPERATION = '0f8fad5b-d9cb-469f-a165-70867728950e';
const FACTS = { defaultVmFolder: '/home/me/Hako VMs', logicalProcessors: 2, memoryMb: 8192, build: 26_100, tpmUnavailable: null };

function stubApi(overrides: Parameters<typeof createStubApi>[0] = {}) {
  return createStubApi({
    'app.hostFacts': () => FACTS,
    'networks.list': () => [{ id: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', name: 'Lab', type: 'ICS', isDefault: false, subnets: [], usedBy: [], endpointCount: 0 }],
    'vm.create': () => ({ operationId: OPERATION }),
    'operations.cancel': () => undefined,
    ...overrides,
  });
}

async function openWizard(api = stubApi(), transport: 'electron' | 'browser-host' = 'browser-host') {
  const view = renderWithHako(<NewVmPage />, api);
  act(() => view.store.setState({ app: { version: '0', platform: 'linux', transport, languages: [] } }));
  await screen.findByRole('heading', { level: 2, name: 'Name' });
  return { api, ...view };
}

const next = () => userEvent.click(screen.getByRole('button', { name: 'Next' }));

describe('the New VM wizard', () => {
  it('checks the name as it is typed and stays on the step until it is valid', async () => {
    await openWizard();
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();
    // An empty form does not open in red.
    expect(name).not.toHaveAttribute('aria-invalid');
    await next();
    expect(name).toHaveAccessibleDescription(/Enter a name/);
    await userEvent.type(name, 'Lab?');
    expect(name).toHaveAccessibleDescription(/cannot contain/);
    await next();
    expect(screen.getByRole('heading', { level: 2, name: 'Name' })).toBeInTheDocument();
    await userEvent.type(name, '{Backspace} 1{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Location' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Folder' })).toHaveValue('/home/me/Hako VMs');
    expect(screen.getByText('/home/me/Hako VMs/Lab 1')).toBeInTheDocument();
  });

  it('caps the preset by the host and says why; another preset brings its own values', async () => {
    await openWizard();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lab{Enter}');
    await next();
    const processors = screen.getByRole('spinbutton', { name: 'Processors' });
    expect(processors).toHaveValue(2);
    expect(processors).toHaveAccessibleDescription(/preset's 4 was lowered to 2/);
    expect(screen.getByRole('spinbutton', { name: 'Memory' })).toHaveValue(4096);
    await userEvent.click(screen.getByRole('radio', { name: /^Other/ }));
    expect(screen.getByRole('spinbutton', { name: 'Memory' })).toHaveValue(2048);
    expect(processors).not.toHaveAccessibleDescription(/lowered/);
    await userEvent.clear(processors);
    await userEvent.type(processors, '3');
    expect(processors).toHaveAccessibleDescription(/At most 2/);
  });

  it('sums up the exact files, creates with the chosen values, shows the progress, and a cancel leaves it on the summary', async () => {
    const { api } = await openWizard();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lab{Enter}');
    await next();
    await userEvent.click(screen.getByRole('radio', { name: /^Linux/ }));
    await next();
    const size = screen.getByRole('spinbutton', { name: 'Size' });
    await userEvent.clear(size);
    await userEvent.type(size, '20');
    await next();
    await next();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Network' }), 'Lab (ICS)');
    await next();

    const files = screen.getByRole('list', { name: 'Files Hako creates' });
    expect(within(files).getAllByRole('listitem').map((item) => item.querySelector('code')?.textContent)).toEqual([
      '/home/me/Hako VMs/Lab',
      '/home/me/Hako VMs/Lab/Lab.7b',
      '/home/me/Hako VMs/Lab/Lab.vhdx',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(api.calls.find((c) => c.name === 'vm.create')?.input).toEqual({
      folder: '/home/me/Hako VMs',
      name: 'Lab',
      preset: 'linux',
      processors: 2,
      memoryMb: 4096,
      disk: 'new',
      diskSizeBytes: 20 * GiB,
      diskFixed: false,
      switchId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
    });

    act(() => api.emit('operations.progress', { operationId: OPERATION, kind: 'vm.create', completed: 5, total: 20, done: false }));
    expect(await screen.findByRole('progressbar', { name: 'Creating Lab' })).toHaveAttribute('value', '5');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel creation' }));
    expect(api.calls.find((c) => c.name === 'operations.cancel')?.input).toEqual({ operationId: OPERATION });
    expect(screen.getByRole('button', { name: 'Cancel creation' })).toBeDisabled();
    act(() => api.emit('operations.progress', { operationId: OPERATION, kind: 'vm.create', completed: 0, total: 1, done: true, error: { code: 'Cancelled', message: 'The operation was cancelled.' } }));
    expect(await screen.findByRole('region', { name: 'Creation cancelled' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Summary' })).toBeInTheDocument();
  });

  it('a creation that reports done before its call answers still ends in the new VM, with Start', async () => {
    const api = stubApi();
    api.handlers['vm.create'] = () => {
      api.emit('operations.progress', { operationId: OPERATION, kind: 'vm.create', completed: 1, total: 1, done: true, result: { path: '/home/me/Hako VMs/Lab/Lab.7b' } });
      return { operationId: OPERATION };
    };
    api.handlers['vm.start'] = () => undefined;
    api.handlers['session.getMode'] = () => 'enhanced';
    api.handlers['session.connect'] = () => undefined;
    api.handlers['vm.get'] = () => snapshot('/home/me/Hako VMs/Lab/Lab.7b', { state: 'Running', actions: ['powerOff'] });
    const { store } = await openWizard(api);
    act(() => store.getState().adopt(snapshot('/home/me/Hako VMs/Lab/Lab.7b')));
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lab{Enter}');
    for (let i = 0; i < 5; i++) await next();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Lab is ready' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Connect' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(api.calls.some((c) => c.name === 'vm.start')).toBe(true);
    // Running now (the store read it again after the start): its screen is one click away.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Connect' })).toBeEnabled());
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(api.calls.find((c) => c.name === 'session.connect')?.input).toEqual({ path: '/home/me/Hako VMs/Lab/Lab.7b', mode: 'enhanced' });
  });

  it('a refused creation says why on the summary', async () => {
    const api = stubApi({ 'vm.create': () => Promise.reject(apiError({ code: 'FileExists', message: '/home/me/Hako VMs/Lab already exists' })) });
    await openWizard(api);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lab{Enter}');
    for (let i = 0; i < 5; i++) await next();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    const failure = await screen.findByRole('region', { name: 'The VM could not be created' });
    expect(failure).toHaveTextContent('already exists');
  });

  it('Browse fills the path from the system dialog; where there is none, the typed path stays and the help says so', async () => {
    const api = stubApi({ 'app.pickPath': () => '/data/VMs' });
    await openWizard(api, 'electron');
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lab{Enter}');
    await userEvent.click(await screen.findByRole('button', { name: 'Browse for Folder' }));
    expect(api.calls.find((c) => c.name === 'app.pickPath')?.input).toEqual({ kind: 'folder' });
    expect(screen.getByRole('textbox', { name: 'Folder' })).toHaveValue('/data/VMs');

    api.handlers['app.pickPath'] = () => Promise.reject(apiError({ code: 'NotSupported', message: 'The file dialog is not available here; enter the path instead.' }));
    await userEvent.click(screen.getByRole('button', { name: 'Browse for Folder' }));
    await act(flush);
    expect(screen.queryByRole('button', { name: 'Browse for Folder' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Folder' })).toHaveValue('/data/VMs');
    expect(screen.getByRole('textbox', { name: 'Folder' })).toHaveAccessibleDescription(/Type the full path/);
  });

  it('warns on the hardware step when this host cannot give the preset its TPM', async () => {
    await openWizard(stubApi({ 'app.hostFacts': () => ({ ...FACTS, build: 22_631, tpmUnavailable: 'older-windows' }) }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Lab{Enter}');
    await next();
    await waitFor(() => expect(screen.getByRole('region', { name: 'This computer cannot give the VM a TPM' })).toHaveTextContent('build 22631'));
    await userEvent.click(screen.getByRole('radio', { name: /^Linux/ }));
    expect(screen.queryByRole('region', { name: 'This computer cannot give the VM a TPM' })).toBeNull();
  });
});
