import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithHako } from '../../../../test/support/renderer/render.js';
import { apiError, createStubApi, snapshot } from '../../../../test/support/renderer/stub-api.js';
import { OpenVmDialog } from './OpenVmDialog.js';

describe('the open dialog', () => {
  it('refuses a path that is not a .7b file before asking main', async () => {
    const api = createStubApi({ 'library.recent': () => [] });
    renderWithHako(<OpenVmDialog onClose={() => undefined} />, api);
    const path = screen.getByRole('textbox', { name: 'Path of the .7b file' });
    await userEvent.type(path, '/tmp/not-a-vm.txt');
    expect(path).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Open' })).toBeDisabled();
    expect(api.calls.map((c) => c.name)).not.toContain('library.open');
  });

  it('opens a file by path, shows its page and closes; a failure keeps it open and says why', async () => {
    const onClose = vi.fn();
    const api = createStubApi({ 'library.recent': () => ['/vms/old/Old.7b'], 'library.open': (input) => snapshot((input as { path: string }).path) });
    const { store } = renderWithHako(<OpenVmDialog onClose={onClose} />, api);
    expect(await screen.findByRole('button', { name: 'Old /vms/old/Old.7b' })).toBeInTheDocument();

    api.handlers['library.open'] = () => Promise.reject(apiError({ code: 'FileNotFound', message: 'gone' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Path of the .7b file' }), '/vms/lab/Lab.7b{Enter}');
    await waitFor(() => expect(store.getState().toasts).toEqual([expect.objectContaining({ title: 'Could not open the VM' })]));
    expect(onClose).not.toHaveBeenCalled();

    api.handlers['library.open'] = (input) => snapshot((input as { path: string }).path);
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(store.getState().view).toEqual({ kind: 'vm', path: '/vms/lab/Lab.7b' });
  });
});
