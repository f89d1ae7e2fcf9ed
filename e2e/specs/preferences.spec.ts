import path from 'node:path';
import { e2eDir } from '../support/vms.js';
import { expect, test } from '../support/own-host.js';

test('the RDP client, the default VM folder and notifications: each change is kept across a reload', async ({ ownHost, page }) => {
  const app = await ownHost.open();
  await app.showPreferences();
  const rdp = page.getByRole('region', { name: 'Remote Desktop client' });
  const clients = rdp.getByRole('radiogroup', { name: 'RDP client' });
  // The host runs with the development HAKO_RDP_CLIENT, or finds xfreerdp, or finds nothing: it says which.
  await expect(clients.getByRole('radio').first()).toBeChecked();
  await expect(rdp.getByRole('status')).toHaveText(/Hako runs |No RDP client was found/);

  await clients.getByRole('radio', { name: 'A command of my own' }).check();
  const command = rdp.getByRole('textbox', { name: 'Command line' });
  await command.fill('xfreerdp /v:127.0.0.1:{port} /cert:ignore "/title:Hako');
  await command.press('Enter');
  await expect(command).toHaveAccessibleDescription(/A " is not closed/);
  await command.fill('xfreerdp /v:127.0.0.1:{port} /cert:ignore "/title:Hako VM"');
  await command.press('Enter');
  await expect(command).not.toHaveAttribute('aria-invalid');

  const folder = page.getByRole('textbox', { name: 'Default folder' });
  await folder.fill('not/absolute');
  await folder.press('Enter');
  await expect(folder).toHaveAttribute('aria-invalid', 'true');
  const chosen = path.join(e2eDir(), 'preferred-vms');
  await folder.fill(chosen);
  await folder.press('Tab');
  await expect(folder).not.toHaveAttribute('aria-invalid');

  const notifications = page.getByRole('switch', { name: 'Tell me when a VM stops unexpectedly or a long operation ends' });
  await expect(notifications).toBeChecked();
  await notifications.uncheck();
  await expect(notifications).not.toBeChecked();

  await page.reload();
  await app.waitReady();
  await app.showPreferences();
  await expect(clients.getByRole('radio', { name: 'A command of my own' })).toBeChecked();
  await expect(command).toHaveValue('xfreerdp /v:127.0.0.1:{port} /cert:ignore "/title:Hako VM"');
  await expect(folder).toHaveValue(chosen);
  await expect(notifications).not.toBeChecked();

  // Back to the client Hako finds, kept too; the command box goes.
  await clients.getByRole('radio').first().check();
  await expect(command).toBeHidden();
  await page.reload();
  await app.waitReady();
  await app.showPreferences();
  await expect(clients.getByRole('radio').first()).toBeChecked();
});
