// A VM's files through its life in the UI: cloned (copies and differencing disks; both VMs start),
// deleted (exactly the ticked files go), its saved state discarded (it starts again), and a file NanaBox
// refuses (it cannot start, the Overview says why, and the safe fix mends it).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HakoApp } from '../pages/hako-app.js';
import { NewVmWizard } from '../pages/new-vm-wizard.js';
import { VmPage } from '../pages/vm-page.js';
import { lifecycleDialog, openMore } from '../pages/vm-lifecycle.js';
import { e2eDir, smallVm, smallVmText, uniqueName } from '../support/vms.js';
import { expect, test } from './fixtures.js';

interface SevenB {
  readonly NanaBox: { readonly Name: string; readonly NetworkAdapters?: { readonly MacAddress?: string }[]; readonly ScsiDevices?: { readonly Path: string }[]; readonly GuestStateFile?: string };
}
const readConfig = async (file: string) => JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as SevenB;

/** A VM made by the wizard with a small dynamic disk and the default switch, started once (so its file records a MAC). */
async function startedOnce(app: HakoApp, base: string): Promise<{ vm: VmPage; folder: string; file: string }> {
  const name = uniqueName(base);
  const parent = path.join(e2eDir(), 'files', name.replace(/\W+/g, '-'));
  await app.page.getByRole('complementary').getByRole('button', { name: 'New VM…' }).click();
  const wizard = new NewVmWizard(app.page);
  await wizard.fill({ name, folder: parent, preset: 'Linux', disk: { sizeGb: 8 } });
  await wizard.create(name);
  const vm = await app.showVm(name);
  await vm.run('Start');
  await vm.expectState('Running');
  await vm.powerOff();
  await vm.expectState('Stopped');
  return { vm, folder: path.join(parent, name), file: path.join(parent, name, `${name}.7b`) };
}

for (const disks of ['Copy the disks', 'Differencing disks'] as const) {
  test(`clone with "${disks}": a new machine next to the original, and both start`, async ({ app, page }) => {
    const original = await startedOnce(app, `E2E Clone ${disks.split(' ')[0]!}`);
    const dialog = await lifecycleDialog(original.vm, 'Clone…');
    const cloneName = `${original.vm.name} copy`;
    await expect(dialog.getByLabel('Name of the clone')).toHaveValue(cloneName);
    await dialog.getByRole('radiogroup', { name: 'Disks' }).getByRole('radio', { name: disks }).check();
    if (disks === 'Differencing disks') await expect(dialog.getByRole('region', { name: 'The original\'s disks must never change again' })).toBeVisible();
    // The original's adapter has a MAC in its file (from its start): the clone gets a new one.
    await dialog.getByRole('radiogroup', { name: 'MAC addresses' }).getByRole('radio', { name: 'New static addresses' }).check();
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click();

    const clone = new VmPage(page, cloneName);
    await expect(clone.heading).toBeVisible({ timeout: 30_000 });
    const cloneFile = path.join(path.dirname(original.folder), cloneName, `${cloneName}.7b`);
    const [mine, theirs] = [await readConfig(cloneFile), await readConfig(original.file)];
    expect(mine.NanaBox.Name).toBe(cloneName);
    expect(mine.NanaBox.GuestStateFile ?? '').toBe('');
    expect(mine.NanaBox.NetworkAdapters?.[0]?.MacAddress).toMatch(/^([0-9A-F]{2}-){5}[0-9A-F]{2}$/);
    expect(mine.NanaBox.NetworkAdapters?.[0]?.MacAddress).not.toBe(theirs.NanaBox.NetworkAdapters?.[0]?.MacAddress);
    const cloneDisk = path.join(path.dirname(cloneFile), mine.NanaBox.ScsiDevices?.[0]?.Path ?? '');
    // The stand-in marks a differencing disk with its parent (stand-in/virtdisk_internal.h, PARENT_MARKER); a copy has none.
    expect((await readFile(cloneDisk)).includes('HAKOPRNT')).toBe(disks === 'Differencing disks');

    await clone.run('Start');
    await clone.expectState('Running');
    await clone.powerOff();
    await clone.expectState('Stopped');
    const again = await app.showVm(original.vm.name);
    await again.run('Start');
    await again.expectState('Running');
    await again.powerOff();
  });
}

test('delete lists the VM’s files with sizes, unticks what is not only its own, and removes exactly the ticked ones', async ({ app, page }) => {
  const name = uniqueName('E2E Delete');
  const folder = path.join(e2eDir(), 'vms', name.replace(/\W+/g, '-'));
  const outside = path.join(e2eDir(), 'vms', `${name.replace(/\W+/g, '-')}-shared.vhdx`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'system.vhdx'), 'inside disk');
  await writeFile(path.join(folder, 'state.vmgs'), 'the guest state');
  await writeFile(outside, 'outside disk');
  const file = path.join(folder, 'delete-me.7b');
  await writeFile(file, '\uFEFF' + smallVmText(name, { ScsiDevices: [{ Type: 'VirtualDisk', Path: 'system.vhdx' }, { Type: 'VirtualDisk', Path: outside }], GuestStateFile: 'state.vmgs' }));
  const vm = await app.openVm(file, name);

  const dialog = await lifecycleDialog(vm, 'Delete…');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Off Windows there is no Recycle Bin: the dialog says so plainly.
  await expect(dialog.getByRole('region', { name: 'The ticked files are deleted for good' })).toBeVisible();
  const box = (file: string) => dialog.getByRole('checkbox', { name: file, exact: true });
  await expect(box(file)).toBeChecked();
  await expect(box(path.join(folder, 'system.vhdx'))).toBeChecked();
  await expect(box(path.join(folder, 'state.vmgs'))).toBeChecked();
  await expect(box(outside)).not.toBeChecked();
  await expect(box(outside)).toHaveAccessibleDescription(/outside the VM's folder/);
  // Sizes as Windows counts them: 11 bytes for the disk written above.
  await expect(dialog.getByRole('listitem').filter({ hasText: 'system.vhdx' })).toContainText('11 bytes');

  // Keep the disk inside, delete the one outside.
  await box(path.join(folder, 'system.vhdx')).uncheck();
  await box(outside).check();
  await dialog.getByRole('button', { name: /^Delete 3 files/ }).click();
  await expect(dialog).toBeHidden();

  await app.expectNotInLibrary(name);
  await expect(page.getByRole('heading', { level: 1, name: 'Virtual machines' })).toBeVisible();
  expect([existsSync(file), existsSync(path.join(folder, 'state.vmgs')), existsSync(outside)]).toEqual([false, false, false]);
  expect(existsSync(path.join(folder, 'system.vhdx'))).toBe(true);
});

test('"Remove from library only" in the delete dialog touches no file', async ({ app }) => {
  const vm = await smallVm('E2E Keep');
  const vmPage = await app.openVm(vm.path, vm.name);
  const dialog = await lifecycleDialog(vmPage, 'Delete…');
  await dialog.getByRole('button', { name: 'Remove from library only' }).click();
  await app.expectNotInLibrary(vm.name);
  expect(existsSync(vm.path)).toBe(true);
});

test('a VM whose saved state file is missing says so, and discarding it lets the VM start', async ({ app, page }) => {
  const vm = await smallVm('E2E Missing Save', { SaveStateFile: 'Gone.SaveState.vmrs' });
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.expectState('Saved');
  await vmPage.run('Start');
  const bar = page.getByRole('region', { name: 'The last operation failed' });
  await expect(bar).toContainText('The saved state file Gone.SaveState.vmrs is not there any more');
  await bar.getByRole('button', { name: 'Discard saved state…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Discard the saved state of ${vm.name}?` });
  await expect(dialog).toContainText('that file is gone');
  await dialog.getByRole('button', { name: 'Discard saved state' }).click();
  await expect(bar).toBeHidden();
  await vmPage.expectState('Stopped');
  expect(JSON.parse(await vm.read()).NanaBox.SaveStateFile ?? '').toBe('');
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.powerOff();
});

test('discarding a real saved state says what it loses, and the VM then boots afresh', async ({ app, page }) => {
  const vm = await smallVm('E2E Discard');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.run('Save');
  await vmPage.expectState('Saved');
  // The save's file name is written back into the .7b once the save is done.
  const savedName = async () => (JSON.parse(await vm.read()) as { NanaBox: { SaveStateFile?: string } }).NanaBox.SaveStateFile ?? '';
  await expect.poll(savedName).not.toBe('');
  const saved = await savedName();
  expect(existsSync(path.join(vm.folder, saved))).toBe(true);

  const dialog = await lifecycleDialog(vmPage, 'Discard saved state…');
  await expect(dialog).toContainText('every program that was running');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Discard saved state' }).click();
  await vmPage.expectState('Stopped');
  expect(existsSync(path.join(vm.folder, saved))).toBe(false);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.powerOff();
  // A stopped VM with no saved state has nothing to discard.
  await openMore(vmPage);
  await expect(page.getByRole('menuitem', { name: 'Discard saved state…' })).toHaveCount(0);
  await page.keyboard.press('Escape');
});

test('a file NanaBox refuses cannot be started, says why on the Overview, and the BOM fix (with consent) mends it', async ({ app, page }) => {
  const name = uniqueName('E2E No BOM');
  const folder = path.join(e2eDir(), 'vms', name.replace(/\W+/g, '-'));
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'nobom.7b');
  const text = smallVmText(name);
  await writeFile(file, text);
  const vm = await app.openVm(file, path.basename(file, '.7b'));

  await expect(vm.action('Start')).toBeDisabled();
  await expect(vm.action('Start')).toHaveAccessibleDescription(/Cannot start: NanaBox would refuse this file \(UTF-8 with BOM is required/);
  const banner = page.getByRole('region', { name: 'Hako cannot read this file' });
  await expect(banner).toBeVisible();
  await expect(vm.findings).toContainText('UTF-8 with BOM is required');
  await expect(page.getByRole('region', { name: 'File check' })).not.toContainText('reads this file exactly as it is written');

  await banner.getByRole('button', { name: 'Add the BOM…' }).click();
  const consent = page.getByRole('alertdialog', { name: 'Add the missing UTF-8 BOM?' });
  await expect(consent).toContainText('nothing else in it changes');
  await consent.getByRole('button', { name: 'Add the BOM' }).click();
  await expect(consent).toBeHidden();
  await expect.poll(() => readFile(file, 'utf8')).toBe('\uFEFF' + text);

  const mended = new VmPage(page, name);
  await expect(mended.heading).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('region', { name: 'File check' })).toContainText('NanaBox reads this file exactly as it is written.');
  await mended.run('Start');
  await mended.expectState('Running');
  await mended.powerOff();
});

test('a file refused for more than its BOM offers no fix that would change it', async ({ app, page }) => {
  const name = uniqueName('E2E Bad Version');
  const folder = path.join(e2eDir(), 'vms', name.replace(/\W+/g, '-'));
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'badversion.7b');
  await writeFile(file, '\uFEFF' + smallVmText(name, { Version: 2 }));
  const vm = await app.openVm(file, 'badversion');
  await expect(vm.action('Start')).toBeDisabled();
  await expect(vm.action('Start')).toHaveAccessibleDescription(/Cannot start/);
  await expect(vm.findings).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add the BOM…' })).toHaveCount(0);
});
