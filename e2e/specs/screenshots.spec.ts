/**
 * Renders the main views from a realistic library on the stand-ins — into docs/screenshots/*.png for
 * the README when run by `npm run screenshots`, else into out/e2e/screenshots. Also a smoke test:
 * every view renders without an error notification.
 */
import { namedVm } from '../support/vms.js';
import { screenshot } from '../support/screenshots.js';
import { expect, test } from './fixtures.js';

test('screenshots of the main views', async ({ app, page }) => {
  test.setTimeout(120_000);
  // Only this test's VMs in the pictures.
  await app.forgetStoppedVms();
  const windows = await namedVm('Windows 11 Dev', {
    GuestType: 'Windows',
    ProcessorCount: 4,
    MemorySize: 8192,
    NetworkAdapters: [{ Connected: true }],
    ScsiDevices: [
      { Type: 'VirtualDisk', Path: 'Windows 11 Dev.vhdx' },
      { Type: 'VirtualImage', Path: 'Win11_24H2_English_x64.iso' },
    ],
    SecureBoot: true,
    Tpm: true,
    EnhancedSession: { RedirectAudio: true, RedirectClipboard: true, RedirectDrives: false, Drives: ['D'] },
  });
  const ubuntu = await namedVm('Ubuntu 24.04', {
    GuestType: 'Linux',
    ProcessorCount: 2,
    MemorySize: 4096,
    ScsiDevices: [{ Type: 'VirtualDisk', Path: 'ubuntu.vhdx' }],
    SecureBoot: true,
    Hako: { SecureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
  });
  const legacy = await namedVm('Legacy Lab', {
    GuestType: 'windows',
    ProcessorCount: 2,
    MemorySize: 2048,
    ScsiDevices: [
      { Type: 'VirtualDisk', Path: 'lab.vhdx' },
      { Type: 'Floppy', Path: 'boot.img' },
    ],
    Notes: 'Build lab for the installer tests',
  });

  const win = await app.openVm(windows.path, windows.name);
  await app.openVm(ubuntu.path, ubuntu.name);
  await app.openVm(legacy.path, legacy.name);

  // Ubuntu: started, then saved.
  const ub = await app.showVm(ubuntu.name);
  await ub.run('Start');
  await ub.expectState('Running');
  await ub.run('Save');
  await ub.expectState('Saved');

  // Windows 11 Dev: running, with a change waiting for a restart.
  await app.showVm(windows.name);
  await win.run('Start');
  await win.expectState('Running');
  await win.run('Pause');
  await win.expectState('Paused');
  await win.run('Resume');
  await win.expectState('Running');
  const settings = await win.openSettings();
  await settings.number('Processors').fill('6');
  await settings.saveButton.click();
  await settings.expectSaved();
  await app.dismissNotifications();
  await win.openOverview();
  await expect(win.pendingRestart).toBeVisible();

  await app.showHome();
  await screenshot(page, 'home');

  await app.showVm(windows.name);
  await win.openOverview();
  await screenshot(page, 'vm-overview');

  await win.openSettings();
  await settings.section('General');
  await screenshot(page, 'vm-settings');

  await settings.section('Storage');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'vm-settings-storage-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const events = await win.openEvents();
  await expect(events).toBeVisible();
  await screenshot(page, 'vm-events');

  const lab = await app.showVm(legacy.name);
  await lab.openOverview();
  await expect(lab.findings).toBeVisible();
  await screenshot(page, 'vm-findings');
  const labSettings = await lab.openSettings();
  await labSettings.number('Memory').fill('4096');
  await labSettings.saveButton.click();
  await expect(labSettings.consentDialog).toBeVisible();
  await screenshot(page, 'save-consent');
  await labSettings.consentDialog.getByRole('button', { name: 'Cancel' }).click();
  await labSettings.discardButton.click();

  await app.showVm(windows.name);
  await win.openOverview();
  await win.action('Power off').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await screenshot(page, 'power-off-confirm');
  await page.keyboard.press('Escape');

  await app.showDiagnostics();
  await screenshot(page, 'diagnostics');

  await page.emulateMedia({ colorScheme: 'dark' });
  await app.showVm(windows.name);
  await win.openOverview();
  await screenshot(page, 'vm-overview-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await expect(app.notifications.getByRole('alert')).toHaveCount(0);
  await win.powerOff();
  await win.expectState('Stopped');
});
