import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Locator } from '@playwright/test';
import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

const devicesIn = (text: string) => (JSON.parse(text) as { NanaBox: { ScsiDevices?: { Type: string; Path?: string }[] } }).NanaBox.ScsiDevices ?? [];

/** The value next to a term in a disk's facts. */
const fact = (scope: Locator, term: string) => scope.locator(`dt:text-is(${JSON.stringify(term)}) + dd`);

test.describe('storage', () => {
  test('an admin creates a disk with progress, resizes it (not below the safe size, cancelling once) and compacts another (with progress, cancelling once)', async ({ app, page }) => {
    test.setTimeout(120_000);
    const vm = await smallVm('E2E Disks');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const storage = await settings.section('Storage');

    // A fixed 3 GB disk takes a moment on the stand-in: its progress shows in the dialog.
    await storage.getByRole('button', { name: 'Create new disk…' }).click();
    const create = page.getByRole('dialog', { name: 'Create a virtual disk' });
    await create.getByRole('textbox', { name: 'File name' }).fill('data.vhdx');
    await create.getByRole('spinbutton', { name: 'Size' }).fill('3');
    await create.getByRole('switch', { name: 'Allocate all space now (fixed size)' }).check();
    await create.getByRole('button', { name: 'Create and add' }).click();
    await expect(create.getByRole('progressbar', { name: 'Creating data.vhdx' })).toBeVisible();
    await expect(create).toBeHidden({ timeout: 20_000 });
    await expect(settings.text('Device 1 path')).toHaveValue('data.vhdx');
    const disk = storage.getByRole('listitem').first();
    await expect(fact(disk, 'Type')).toHaveText('VHDX, fixed size');
    await expect(fact(disk, 'Virtual size')).toHaveText('3 GB');
    await expect(disk.getByRole('button', { name: 'Compact disk 1' })).toHaveAccessibleDescription(/Only a dynamically expanding disk can be compacted/);

    // Shrinking stops where the guest's partitions end, and says so.
    await disk.getByRole('button', { name: 'Resize disk 1' }).click();
    const resize = page.getByRole('dialog', { name: 'Resize data.vhdx' });
    await expect(resize).toContainText('It is 3 GB now.');
    const size = resize.getByRole('spinbutton', { name: 'New size' });
    await size.fill('1');
    await expect(size).toHaveAccessibleDescription(/It cannot shrink below .+: the guest’s partitions end there/);
    await expect(resize.getByRole('button', { name: 'Resize' })).toBeDisabled();
    // Growing by 6 GB takes long enough to cancel.
    await size.fill('9');
    await resize.getByRole('button', { name: 'Resize' }).click();
    await expect(resize.getByRole('progressbar', { name: 'Resizing data.vhdx' })).toBeVisible();
    await resize.getByRole('button', { name: 'Cancel: Resizing data.vhdx' }).click();
    await expect(resize.getByRole('progressbar')).toBeHidden({ timeout: 20_000 });
    await expect(app.notifications).toContainText(/cancel/i);
    await size.fill('4');
    await resize.getByRole('button', { name: 'Resize' }).click();
    await expect(resize).toBeHidden({ timeout: 20_000 });
    await expect(fact(disk, 'Virtual size')).toHaveText('4 GB');

    // A dynamically expanding disk can be compacted. Compacting walks the whole 6 GB, so it takes a few
    // seconds on the stand-in: its progress shows, it can be cancelled, and run again to the end.
    await storage.getByRole('button', { name: 'Create new disk…' }).click();
    await create.getByRole('textbox', { name: 'File name' }).fill('scratch.vhdx');
    await create.getByRole('spinbutton', { name: 'Size' }).fill('6');
    await create.getByRole('button', { name: 'Create and add' }).click();
    await expect(create).toBeHidden({ timeout: 20_000 });
    const scratch = storage.getByRole('listitem').nth(1);
    await expect(fact(scratch, 'Type')).toHaveText('VHDX, dynamically expanding');
    await scratch.getByRole('button', { name: 'Compact disk 2' }).click();
    const compact = page.getByRole('dialog', { name: 'Compact scratch.vhdx' });
    const compactButton = compact.getByRole('button', { name: 'Compact', exact: true });
    await compactButton.click();
    await expect(compact.getByRole('progressbar', { name: 'Compacting scratch.vhdx' })).toBeVisible();
    await expect(compactButton).toBeDisabled();
    await compact.getByRole('button', { name: 'Cancel: Compacting scratch.vhdx' }).click();
    await expect(compact.getByRole('progressbar')).toBeHidden({ timeout: 20_000 });
    await expect(compact).toBeVisible();
    await expect(compactButton).toBeEnabled();
    await compactButton.click();
    const progress = compact.getByRole('progressbar', { name: 'Compacting scratch.vhdx' });
    await expect(progress).toBeVisible();
    // Seen part way, not only at its start or end.
    await expect.poll(() => progress.evaluate((bar: HTMLProgressElement) => bar.value / bar.max), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(compact).toBeHidden({ timeout: 20_000 });
    await expect(app.notifications).toContainText('Compacting scratch.vhdx');

    await settings.saveButton.click();
    await settings.expectSaved();
    expect(devicesIn(await vm.read())).toEqual([
      { Type: 'VirtualDisk', Path: 'data.vhdx' },
      { Type: 'VirtualDisk', Path: 'scratch.vhdx' },
    ]);

    // While the VM runs, its disks are not resized, and the card says why.
    await vmPage.run('Start');
    await vmPage.expectState('Running');
    await expect(disk.getByRole('button', { name: 'Resize disk 1' })).toHaveAccessibleDescription(/wait until the VM is off/);
    await vmPage.powerOff();
  });

  test('a failed create attaches nothing; a differencing disk shows its parent; attach checks with virtdisk; detach deletes only when asked', async ({ app, page }) => {
    test.setTimeout(90_000);
    const vm = await smallVm('E2E Disk Files');
    await writeFile(path.join(vm.folder, 'notes.txt'), 'not a disk');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const storage = await settings.section('Storage');
    const create = page.getByRole('dialog', { name: 'Create a virtual disk' });
    const newDisk = async (name: string) => {
      await storage.getByRole('button', { name: 'Create new disk…' }).click();
      await create.getByRole('textbox', { name: 'File name' }).fill(name);
      await create.getByRole('spinbutton', { name: 'Size' }).fill('1');
      await create.getByRole('button', { name: 'Create and add' }).click();
    };
    await newDisk('base.vhdx');
    await expect(create).toBeHidden();
    // The same name again: the create fails, the dialog says why, and nothing is attached.
    await newDisk('base.vhdx');
    await expect(create.getByRole('alert')).toContainText('already exists');
    await create.getByRole('button', { name: 'Close' }).click();
    await expect(storage.getByRole('listitem')).toHaveCount(1);

    await storage.getByRole('button', { name: 'Create new disk…' }).click();
    await create.getByRole('radio', { name: 'Differencing' }).check();
    await create.getByRole('textbox', { name: 'File name' }).fill('child.vhdx');
    await expect(create.getByRole('combobox', { name: 'Parent disk' })).toHaveValue('base.vhdx');
    await create.getByRole('button', { name: 'Create and add' }).click();
    await expect(create).toBeHidden();
    const child = storage.getByRole('listitem').nth(1);
    await expect(fact(child, 'Type')).toHaveText('VHDX, differencing');
    await expect(child.getByRole('list', { name: 'Parents of disk 2, nearest first' })).toContainText(path.join(vm.folder, 'base.vhdx'));
    await expect(child.getByRole('button', { name: 'Resize disk 2' })).toHaveAccessibleDescription(/takes its size from its parent/);

    // Detach without deleting: the file stays. Attach it again: virtdisk must open it.
    await child.getByRole('button', { name: 'Detach disk 2' }).click();
    const detach = page.getByRole('alertdialog', { name: 'Detach child.vhdx?' });
    await detach.getByRole('button', { name: 'Detach', exact: true }).click();
    await expect(storage.getByRole('listitem')).toHaveCount(1);
    expect(existsSync(path.join(vm.folder, 'child.vhdx'))).toBe(true);
    await storage.getByRole('button', { name: 'Attach existing disk…' }).click();
    const attach = page.getByRole('dialog', { name: 'Attach an existing disk' });
    await attach.getByRole('textbox', { name: 'Disk file' }).fill('notes.txt');
    await attach.getByRole('button', { name: 'Attach' }).click();
    await expect(attach.getByRole('textbox', { name: 'Disk file' })).toHaveAccessibleDescription(/Not a disk virtdisk can open/);
    await attach.getByRole('textbox', { name: 'Disk file' }).fill(path.join(vm.folder, 'child.vhdx'));
    await attach.getByRole('button', { name: 'Attach' }).click();
    await expect(attach).toBeHidden();
    await expect(settings.text('Device 2 path')).toHaveValue('child.vhdx');

    // Detach and delete, by name: the settings are saved without it, then the file goes.
    await storage.getByRole('button', { name: 'Detach disk 2' }).click();
    await detach.getByRole('checkbox', { name: 'Also delete child.vhdx' }).check();
    await detach.getByRole('button', { name: 'Detach and delete child.vhdx' }).click();
    await expect(app.notifications).toContainText(/child\.vhdx (was deleted|is in the Recycle Bin)/);
    expect(existsSync(path.join(vm.folder, 'child.vhdx'))).toBe(false);
    expect(devicesIn(await vm.read())).toEqual([{ Type: 'VirtualDisk', Path: 'base.vhdx' }]);
  });

  test('a user inserts and ejects an ISO on the running VM', async ({ app, page }) => {
    const vm = await smallVm('E2E Media', { ScsiDevices: [{ Type: 'VirtualImage' }] });
    await writeFile(path.join(vm.folder, 'setup.iso'), 'iso');
    const vmPage = await app.openVm(vm.path, vm.name);
    await vmPage.run('Start');
    await vmPage.expectState('Running');
    const settings = await vmPage.openSettings();
    const storage = await settings.section('Storage');
    await storage.getByRole('button', { name: 'Insert image into DVD drive 1' }).click();
    const insert = page.getByRole('dialog', { name: 'Insert an image into DVD drive 1' });
    await insert.getByRole('textbox', { name: 'Image file' }).fill('setup.iso');
    await insert.getByRole('button', { name: 'Insert' }).click();
    await expect(insert).toBeHidden();
    const iso = path.join(vm.folder, 'setup.iso');
    await expect(settings.text('Device 1 path')).toHaveValue(iso);
    expect(devicesIn(await vm.read())).toEqual([{ Type: 'VirtualImage', Path: iso }]);
    // In the file and in the VM: nothing waits for a restart, nothing is left unsaved.
    await expect(settings.status).not.toHaveText('Unsaved changes');
    await storage.getByRole('button', { name: 'Eject setup.iso from DVD drive 1' }).click();
    await expect(settings.text('Device 1 path')).toHaveValue('');
    expect(devicesIn(await vm.read())).toEqual([{ Type: 'VirtualImage' }]);
    const events = await vmPage.openEvents();
    await expect(events).toContainText('setup.iso inserted');
    await expect(events).toContainText('ejected');
    await vmPage.openOverview();
    await expect(vmPage.pendingRestart).toHaveCount(0);
    await vmPage.powerOff();
  });
});
