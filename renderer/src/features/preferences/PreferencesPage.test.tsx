import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../../app/preferences/preferences.js';
import { renderWithHako } from '../../../../test/support/renderer/render.js';
import { apiError, createStubApi } from '../../../../test/support/renderer/stub-api.js';
import { PreferencesPage } from './PreferencesPage.js';

describe('the preferences page', () => {
  it('saves a valid shutdown timeout and keeps an invalid one in the box, marked, unsaved', async () => {
    const api = createStubApi({ 'app.setPreferences': (patch) => ({ ...DEFAULT_PREFERENCES, ...(patch as object) }) });
    const { store } = renderWithHako(<PreferencesPage />, api);
    act(() => store.getState().adoptPreferences(DEFAULT_PREFERENCES));
    const timeout = screen.getByRole('spinbutton', { name: 'Shutdown timeout' });
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '4');
    expect(timeout).toHaveAttribute('aria-invalid', 'true');
    expect(timeout).toHaveAccessibleDescription(/From 5 to 3600 seconds/);
    await userEvent.type(timeout, '5');
    expect(timeout).not.toHaveAttribute('aria-invalid');
    expect(api.calls).toEqual([{ name: 'app.setPreferences', input: { shutdownTimeoutSeconds: 45 } }]);
  });

  it('shows a refused change as it was, and says why', async () => {
    const api = createStubApi({ 'app.setPreferences': () => Promise.reject(apiError({ code: 'InvalidPreferences', message: 'no' })) });
    const { store } = renderWithHako(<PreferencesPage />, api);
    act(() => store.getState().adoptPreferences(DEFAULT_PREFERENCES));
    await userEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Use system setting' })).toBeChecked());
    expect(store.getState().toasts).toEqual([expect.objectContaining({ title: 'Could not save the preferences' })]);
  });
});
