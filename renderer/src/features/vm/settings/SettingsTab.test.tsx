import { act, Profiler, type ReactNode } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { encodeSevenB, newVmConfig, readSevenB, type SevenBFile } from '../../../../../app/config/index.js';
import { renderWithHako } from '../../../../../test/support/renderer/render.js';
import { apiError, createStubApi, flush, snapshot } from '../../../../../test/support/renderer/stub-api.js';
import { EditorProvider } from './editor/context.js';
import { createEditorStore } from './editor/editor-store.js';
import { GeneralSection } from './general/GeneralSection.js';
import { SettingsTab } from './SettingsTab.js';
import { StorageSection } from './storage/StorageSection.js';

const PATH = '/vms/lab/Lab.7b';
const STAMP = { size: 100, mtimeMs: 1, sha256: 'a'.repeat(64) };
const LOSSY = { severity: 'warning', code: 'value.enum-unknown', path: '/NanaBox/GuestType', params: { allowed: '"Windows"', found: '"windows"', used: '"Unknown"' }, lossy: true } as const;

function stubApi(fileFindings: readonly unknown[] = []) {
  return createStubApi({
    'config.load': () => ({ accepted: true, file: newVmConfig('Lab'), findings: fileFindings, stamp: STAMP }),
    'config.validate': (input) => {
      const file = (input as { file: SevenBFile }).file;
      return { text: 'preview', findings: readSevenB(encodeSevenB(file)).findings };
    },
    'config.save': () => ({ stamp: { ...STAMP, sha256: 'b'.repeat(64) } }),
    'networks.list': () => [],
    'vm.get': () => snapshot(PATH),
  });
}

const saves = (api: ReturnType<typeof createStubApi>) => api.calls.filter((c) => c.name === 'config.save').map((c) => c.input as { force: boolean });

async function openSettings(fileFindings: readonly unknown[] = []) {
  const api = stubApi(fileFindings);
  const view = renderWithHako(<SettingsTab vm={snapshot(PATH, { config: newVmConfig('Lab').config })} />, api);
  await screen.findByRole('navigation', { name: 'Settings sections' });
  return { api, ...view };
}

describe('the settings editor', () => {
  it('re-renders only what shows the edited value: typing a name leaves another section alone', async () => {
    const api = stubApi();
    const editor = createEditorStore(api, PATH, { debounceMs: 0 });
    await editor.getState().load();
    const commits = { general: 0, storage: 0 };
    const counted = (id: keyof typeof commits, children: ReactNode) => (
      <Profiler id={id} onRender={() => void commits[id]++}>
        {children}
      </Profiler>
    );
    renderWithHako(
      <EditorProvider editor={editor}>
        {counted('general', <GeneralSection />)}
        {counted('storage', <StorageSection />)}
      </EditorProvider>,
      api,
    );
    const before = { ...commits };
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Box');
    await act(flush);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('LabBox');
    expect(commits.general).toBeGreaterThan(before.general);
    expect(commits.storage).toBe(before.storage);
  });

  it('marks a field main rejects, counts it in the navigation and blocks saving', async () => {
    await openSettings();
    const processors = screen.getByRole('spinbutton', { name: 'Processors' });
    await userEvent.clear(processors);
    await userEvent.type(processors, '0');
    await waitFor(() => expect(processors).toHaveAttribute('aria-invalid', 'true'));
    expect(processors).toHaveAccessibleDescription(/at least 1/);
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    expect(within(nav).getByRole('button', { name: /^General.*1 problem$/ })).toBeInTheDocument();
    const saveBar = screen.getByRole('region', { name: 'Save settings' });
    expect(within(saveBar).getByRole('button', { name: 'Save' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(saveBar).getByRole('status')).toHaveTextContent('1 setting needs attention');
  });

  it('asks for consent before a save that replaces values, and forces only after it', async () => {
    const { api } = await openSettings([LOSSY]);
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Processors' }), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Saving will change what the file says' });
    expect(within(dialog).getByRole('list', { name: 'What saving replaces' })).toHaveTextContent('/NanaBox/GuestType');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(saves(api)).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save and replace' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Save settings' })).toHaveTextContent('All changes saved'));
    expect(saves(api)).toEqual([expect.objectContaining({ force: true })]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('offers to reload or overwrite when the file changed on disk', async () => {
    const { api, store } = await openSettings();
    api.handlers['config.save'] = () => Promise.reject(apiError({ code: 'Conflict', message: 'changed on disk' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Processors' }), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'The file changed on disk' });
    expect(dialog).toHaveTextContent(PATH);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('region', { name: 'Save settings' })).toHaveTextContent('Unsaved changes');
    expect(store.getState().toasts).toEqual([]);
  });

  it('shows the refusal when the file on disk, read again after a conflict, is one NanaBox would refuse', async () => {
    const { api } = await openSettings();
    api.handlers['config.save'] = () => Promise.reject(apiError({ code: 'Conflict', message: 'changed on disk' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Processors' }), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'The file changed on disk' });
    api.handlers['config.load'] = () => ({ accepted: false, file: null, findings: [{ severity: 'error', code: 'file.empty', path: '', params: {}, lossy: false }], stamp: STAMP });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reload from disk' }));
    expect(await screen.findByRole('region', { name: 'NanaBox would refuse this file, so Hako does not edit it' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Why the file is refused' })).toBeInTheDocument();
  });

  it('says so after saving, and reads the VM again', async () => {
    const { api, store } = await openSettings();
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Processors' }), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(store.getState().toasts).toEqual([expect.objectContaining({ title: 'Settings saved' })]));
    expect(api.calls.map((c) => c.name)).toContain('vm.get');
  });
});
