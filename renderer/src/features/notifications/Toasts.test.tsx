import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithHako } from '../../../../test/support/renderer/render.js';
import { createStubApi } from '../../../../test/support/renderer/stub-api.js';
import { Toasts } from './Toasts.js';

const OPERATION = '6f1c7a2e-1111-4222-8333-944455556666';

describe('notifications', () => {
  it('show failures as alerts with their details, until dismissed', async () => {
    const { store } = renderWithHako(<Toasts />, createStubApi());
    act(() => void store.getState().notify({ kind: 'message', tone: 'error', title: 'Could not open the VM', error: { code: 'FileNotFound', message: 'gone' } }));
    const region = screen.getByRole('region', { name: 'Notifications' });
    const alert = within(region).getByRole('alert');
    expect(alert).toHaveTextContent('Could not open the VM');
    expect(alert).toHaveTextContent('FileNotFound');
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss notification' }));
    expect(within(region).queryByRole('alert')).toBeNull();
  });

  it('show a background operation’s progress under the name its feature gave it, then its outcome', () => {
    const api = createStubApi({ 'operations.cancel': () => undefined });
    const { store } = renderWithHako(<Toasts />, api);
    act(() => {
      store.getState().trackOperation(OPERATION, 'disk.create', 'Creating lab.vhdx');
      store.getState().operationProgress({ operationId: OPERATION, kind: 'disk.create', completed: 5, total: 10, done: false });
    });
    expect(screen.getByRole('progressbar', { name: 'Creating lab.vhdx' })).toHaveAttribute('value', '5');
    expect(screen.getByRole('button', { name: 'Cancel: Creating lab.vhdx' })).toBeInTheDocument();
    act(() => store.getState().operationProgress({ operationId: OPERATION, kind: 'disk.create', completed: 10, total: 10, done: true }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Creating lab.vhdx: done');
  });
});
