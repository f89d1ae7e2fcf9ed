import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../../app/preferences/preferences.js';
import { renderWithHako } from '../../../../test/support/renderer/render.js';
import { apiError, createStubApi } from '../../../../test/support/renderer/stub-api.js';
import { PreferencesPage } from './PreferencesPage.js';

const HINTS = { rdpClient: { name: 'xfreerdp', command: '"/usr/bin/xfreerdp" /v:127.0.0.1:{port} /cert:ignore', source: 'system' }, customRdpClient: 'any', vmFolder: '/home/me/Documents/Hako VMs' };
const saves = (api: ReturnType<typeof createStubApi>) => api.calls.filter((c) => c.name === 'app.setPreferences').map((c) => c.input);

describe('the preferences page', () => {
  it('saves a valid shutdown timeout and keeps an invalid one in the box, marked, unsaved', async () => {
    const api = createStubApi({ 'app.setPreferences': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }), 'app.preferenceHints': () => HINTS });
    const { store } = renderWithHako(<PreferencesPage />, api);
    act(() => store.getState().adoptPreferences(DEFAULT_PREFERENCES));
    const timeout = screen.getByRole('spinbutton', { name: 'Shutdown timeout' });
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '4');
    expect(timeout).toHaveAttribute('aria-invalid', 'true');
    expect(timeout).toHaveAccessibleDescription(/From 5 to 3600 seconds/);
    await userEvent.type(timeout, '5');
    expect(timeout).not.toHaveAttribute('aria-invalid');
    expect(saves(api)).toEqual([{ shutdownTimeoutSeconds: 45 }]);
  });

  it('shows a refused change as it was, and says why', async () => {
    const api = createStubApi({ 'app.setPreferences': () => Promise.reject(apiError({ code: 'InvalidPreferences', message: 'no' })), 'app.preferenceHints': () => HINTS });
    const { store } = renderWithHako(<PreferencesPage />, api);
    act(() => store.getState().adoptPreferences(DEFAULT_PREFERENCES));
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Use system setting' })).toBeChecked());
    expect(store.getState().toasts).toEqual([expect.objectContaining({ title: 'Could not save the preferences' })]);
  });

  it('names the RDP client Hako finds, and saves a command of the user’s own only once it is whole', async () => {
    const api = createStubApi({ 'app.setPreferences': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }), 'app.preferenceHints': () => HINTS });
    const { store } = renderWithHako(<PreferencesPage />, api);
    act(() => store.getState().adoptPreferences(DEFAULT_PREFERENCES));
    const client = await screen.findByRole('radio', { name: 'xfreerdp (found)' });
    expect(client).toBeChecked();
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Hako runs this command:"/usr/bin/xfreerdp" /v:127.0.0.1:{port} /cert:ignore');
    await userEvent.click(screen.getByRole('radio', { name: 'A command of my own' }));
    const command = screen.getByRole('textbox', { name: 'Command line' });
    await userEvent.type(command, 'my-rdp "{{file}{Enter}');
    expect(command).toHaveAttribute('aria-invalid', 'true');
    expect(command).toHaveAccessibleDescription(/A " is not closed/);
    expect(saves(api)).toEqual([]);
    await userEvent.type(command, '"{Enter}');
    await waitFor(() => expect(saves(api)).toEqual([{ rdpClientCommand: 'my-rdp "{file}"' }]));
    await userEvent.click(screen.getByRole('radio', { name: 'xfreerdp (found)' }));
    await waitFor(() => expect(saves(api)).toEqual([{ rdpClientCommand: 'my-rdp "{file}"' }, { rdpClientCommand: '' }]));
  });

  it('keeps a refused default folder in its box with main’s reason, and saves a folder when the box loses the focus', async () => {
    const api = createStubApi({
      'app.preferenceHints': () => HINTS,
      'app.setPreferences': (patch) => {
        const folder = (patch as { defaultVmFolder?: string }).defaultVmFolder;
        if (folder === 'relative') return Promise.reject(apiError({ code: 'InvalidPath', message: 'relative is not an absolute path.' }));
        return { ...DEFAULT_PREFERENCES, ...(patch as object) };
      },
    });
    const { store } = renderWithHako(<PreferencesPage />, api);
    act(() => store.getState().adoptPreferences(DEFAULT_PREFERENCES));
    const folder = screen.getByRole('textbox', { name: 'Default folder' });
    await waitFor(() => expect(folder).toHaveAccessibleDescription(/Leave it empty for \/home\/me\/Documents\/Hako VMs/));
    await userEvent.type(folder, 'relative{Enter}');
    await waitFor(() => expect(folder).toHaveAccessibleDescription(/relative is not an absolute path/));
    expect(folder).toHaveValue('relative');
    await userEvent.clear(folder);
    await userEvent.type(folder, '/srv/vms');
    await userEvent.tab();
    await waitFor(() => expect(store.getState().preferences?.defaultVmFolder).toBe('/srv/vms'));
    expect(folder).not.toHaveAttribute('aria-invalid');
  });
});
