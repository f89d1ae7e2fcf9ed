import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../app/config/index.js';
import { allowedActions } from '../../../../../app/vm/state.js';
import { renderWithHako } from '../../../../../test/support/renderer/render.js';
import { apiError, createStubApi, snapshot } from '../../../../../test/support/renderer/stub-api.js';
import { VmHeader } from './VmHeader.js';

const PATH = '/vms/lab/Lab.7b';
const running = snapshot(PATH, { state: 'Running', actions: allowedActions('Running', { canCrash: true }), config: newVmConfig('Lab').config });

describe('VM header', () => {
  it('shows the name, the live state and the commands the state allows', () => {
    renderWithHako(<VmHeader vm={running} />, createStubApi());
    expect(screen.getByRole('heading', { level: 1, name: 'Lab' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'State: Running' })).toBeInTheDocument();
    const toolbar = screen.getByRole('toolbar', { name: 'Actions for Lab' });
    expect(within(toolbar).getByRole('button', { name: 'Start' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(toolbar).getByRole('button', { name: 'Shut down' })).not.toHaveAttribute('aria-disabled');
  });

  it('asks before powering off, and does nothing when cancelled', async () => {
    const api = createStubApi({ 'vm.powerOff': () => undefined, 'vm.get': () => running });
    renderWithHako(<VmHeader vm={running} />, api);
    await userEvent.click(screen.getByRole('button', { name: 'Power off' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Power off Lab?' });
    expect(dialog).toHaveTextContent('hard power cut');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.calls.map((c) => c.name)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Power off' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Power off' }));
    await waitFor(() => expect(api.calls.map((c) => c.name)).toEqual(['vm.powerOff', 'vm.get']));
  });

  it('tells the user when an action failed, with its code', async () => {
    const api = createStubApi({ 'vm.pause': () => Promise.reject(apiError({ code: 'VmNotRunning', message: 'It stopped.' })), 'vm.get': () => running });
    const { store } = renderWithHako(<VmHeader vm={running} />, api);
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(store.getState().toasts).toEqual([expect.objectContaining({ tone: 'error', title: 'Pause failed for Lab', error: expect.objectContaining({ code: 'VmNotRunning' }) })]),
    );
  });

  it('keeps "Remove from library" for VMs that do not run', async () => {
    renderWithHako(<VmHeader vm={running} />, createStubApi());
    await userEvent.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getByRole('menuitem', { name: 'Remove from library' })).toBeDisabled();
  });
});
