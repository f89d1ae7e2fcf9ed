import { expect, test } from './fixtures.js';

test('the diagnostics page shows the stand-in’s facts', async ({ app }) => {
  const diagnostics = await app.showDiagnostics();
  await expect(diagnostics.standInNotice).toBeVisible();
  await expect(diagnostics.fact(diagnostics.hcs, 'Reachable')).toHaveText('Yes');
  await expect(diagnostics.fact(diagnostics.host, 'Virtualization APIs')).toHaveText('Stand-ins (testing)');
  await expect(diagnostics.fact(diagnostics.host, 'Hako')).toContainText('browser host');
  await expect(diagnostics.fact(diagnostics.host, 'Windows build')).toHaveText(/^\d+$/);
  await expect(diagnostics.fact(diagnostics.hcs, 'Schema versions')).toContainText(/\d+\.\d+/);
  await expect(diagnostics.optionalFunctions.getByRole('listitem')).not.toHaveCount(0);
});

test('preferences: the theme applies at once and is kept', async ({ app, page }) => {
  const preferences = await app.showPreferences();
  await preferences.setTheme('Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await app.waitReady();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.showPreferences();
  await preferences.setTheme('Use system setting');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
