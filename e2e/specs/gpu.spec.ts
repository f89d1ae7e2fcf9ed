/**
 * The GPU picker on the stand-in's cfgmgr32 (stand-in/cfgmgr32.c): an NVIDIA card (NanaBox's example), an
 * Intel adapter known by its description only, an AMD card whose device node went away, and an unplugged
 * card that Windows does not list.
 */
import { expectAccessible } from '../support/axe.js';
import { smallVm } from '../support/vms.js';
import { screenshot } from '../support/screenshots.js';
import { expect, test } from './fixtures.js';

const CLASS = '#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
const NVIDIA = `\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008${CLASS}`;
const INTEL = `\\\\?\\PCI#VEN_8086&DEV_3E92&SUBSYS_86941043&REV_00#3&11583659&0&10${CLASS}`;
const ELSEWHERE = `\\\\?\\PCI#VEN_10DE&DEV_2684&SUBSYS_16F310DE&REV_A1#4&aaaa&0&0008${CLASS}`;

type SavedGpu = { NanaBox: { Gpu: { AssignmentMode: string; SelectedDevices?: unknown[] } } };

test.describe('GPUs', () => {
  test('picks a GPU from the host’s list and saves exactly its path', async ({ app }) => {
    const vm = await smallVm('E2E GPU');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const display = await settings.section('Display & GPU');
    await settings.select('GPU assignment').selectOption({ label: 'Selected GPUs' });

    const host = display.getByRole('list', { name: 'GPUs on this host' });
    await expect(host.getByRole('listitem')).toHaveCount(3);
    await expect(host.getByRole('checkbox', { name: 'Intel(R) UHD Graphics 630 (8086:3E92)' })).not.toBeChecked();
    // A device Windows could not describe is offered, with the reason.
    await expect(host.getByRole('listitem').filter({ hasText: '1002:73BF' })).toContainText('Windows no longer finds this device (CR_NO_SUCH_DEVNODE)');

    const nvidia = host.getByRole('checkbox', { name: 'NVIDIA GeForce GTX 1050 Ti (10DE:1C82)' });
    await expect(nvidia).toHaveAccessibleDescription(/NVIDIA · Driver 32\.0\.15\.6094 of Aug 14, 2024 · PCI bus 1, device 0, function 0/);
    await nvidia.check();
    // The full path on demand.
    const row = host.getByRole('listitem').filter({ hasText: '10DE:1C82' });
    await row.getByText('Device path').click();
    await expect(row.getByText(NVIDIA, { exact: true })).toBeVisible();
    await expect(settings.number('Partition of NVIDIA GeForce GTX 1050 Ti')).toHaveValue('65535');

    await settings.saveButton.click();
    await settings.expectSaved();
    const saved = JSON.parse(await vm.read()) as SavedGpu;
    expect(saved.NanaBox.Gpu.AssignmentMode).toBe('List');
    expect(saved.NanaBox.Gpu.SelectedDevices).toEqual([NVIDIA]);

    // Unticking it leaves no GPU: the form says what NanaBox would do.
    await nvidia.uncheck();
    await expect(settings.select('GPU assignment')).toHaveAccessibleDescription(/with no selected device: NanaBox disables the GPU instead/);
  });

  test('keeps a path this host does not have, with a warning, and the file’s spelling of a path it has', async ({ app }) => {
    const vm = await smallVm('E2E GPU kept', {
      Gpu: { AssignmentMode: 'List', SelectedDevices: [NVIDIA.toLowerCase(), { DeviceInterface: ELSEWHERE, PartitionId: 2 }] },
    });
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const display = await settings.section('Display & GPU');
    const host = display.getByRole('list', { name: 'GPUs on this host' });
    await expect(host.getByRole('checkbox', { name: /^NVIDIA GeForce GTX 1050 Ti/ })).toBeChecked();
    const missing = display.getByRole('region', { name: 'Chosen in the file, not on this host' });
    await expect(missing).toContainText('10DE:2684');
    await expect(settings.number('Partition of 10DE:2684')).toHaveValue('2');

    // The new one goes where NanaBox keeps it: the list is sorted by the paths' bytes.
    await host.getByRole('checkbox', { name: 'Intel(R) UHD Graphics 630 (8086:3E92)' }).check();
    await settings.saveButton.click();
    await settings.expectSaved();
    const saved = JSON.parse(await vm.read()) as SavedGpu;
    expect(saved.NanaBox.Gpu.SelectedDevices).toEqual([{ DeviceInterface: ELSEWHERE, PartitionId: 2 }, INTEL, NVIDIA.toLowerCase()]);

    await missing.getByRole('button', { name: 'Remove 10DE:2684' }).click();
    await expect(missing).toBeHidden();
  });

  test('adds a GPU of another computer by its path, and refuses what is not a GPU interface', async ({ app }) => {
    const vm = await smallVm('E2E GPU by path');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const display = await settings.section('Display & GPU');
    await settings.select('GPU assignment').selectOption({ label: 'Selected GPUs' });

    await display.getByText('Add a GPU by its device path').click();
    const field = settings.text('Device interface path');
    const add = display.getByRole('button', { name: 'Add', exact: true });
    await field.fill('C:\\gpu');
    await expect(field).toHaveAccessibleDescription(/A device interface path starts with/);
    await expect(add).toBeDisabled();
    await field.fill(ELSEWHERE.replace('064092b3', '1ca05180'));
    await expect(field).toHaveAccessibleDescription(/not a GPU paravirtualization interface/);
    await expect(add).toBeDisabled();
    // A GPU this host lists is chosen already once ticked.
    await display.getByRole('checkbox', { name: 'NVIDIA GeForce GTX 1050 Ti (10DE:1C82)' }).check();
    await field.fill(NVIDIA.toLowerCase());
    await expect(field).toHaveAccessibleDescription(/chosen already/);

    await field.fill(ELSEWHERE);
    await field.press('Enter');
    await expect(field).toHaveValue('');
    const missing = display.getByRole('region', { name: 'Chosen in the file, not on this host' });
    await expect(missing).toContainText('10DE:2684');

    await settings.saveButton.click();
    await settings.expectSaved();
    const saved = JSON.parse(await vm.read()) as SavedGpu;
    expect(saved.NanaBox.Gpu.SelectedDevices).toEqual([NVIDIA, ELSEWHERE]);
  });

  test('works by keyboard: tick a GPU and open its path', async ({ app, page }) => {
    const vm = await smallVm('E2E GPU keys');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const display = await settings.section('Display & GPU');
    await settings.select('GPU assignment').selectOption({ label: 'Selected GPUs' });
    const host = display.getByRole('list', { name: 'GPUs on this host' });
    const nvidia = host.getByRole('checkbox', { name: 'NVIDIA GeForce GTX 1050 Ti (10DE:1C82)' });
    await expect(nvidia).toBeVisible();

    await display.getByRole('button', { name: 'Refresh' }).focus();
    await page.keyboard.press('Tab');
    await expect(nvidia).toBeFocused();
    await page.keyboard.press('Space');
    await expect(nvidia).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(host.getByText(NVIDIA, { exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(settings.number('Partition of NVIDIA GeForce GTX 1050 Ti')).toBeFocused();
  });

  test('the picker passes axe in light and dark and fits a 1024×700 window', async ({ app, page }) => {
    const vm = await smallVm('E2E GPU looks', {
      Gpu: { AssignmentMode: 'List', EnableHostDriverStore: true, SelectedDevices: [NVIDIA, { DeviceInterface: ELSEWHERE, PartitionId: 2 }] },
    });
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const display = await settings.section('Display & GPU');
    await display.getByText("About GPU-PV, GPU-P and the host's drivers").click();
    await expect(display.getByRole('link', { name: 'GPU partitioning (Microsoft Learn)' })).toBeVisible();
    const host = display.getByRole('list', { name: 'GPUs on this host' });
    await host.getByRole('listitem').filter({ hasText: '10DE:1C82' }).getByText('Device path').click();
    await expect(host.getByText(NVIDIA, { exact: true })).toBeVisible();

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectAccessible(page, `GPU picker (${colorScheme})`);
      await screenshot(page, `gpu-picker-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth)).toBe(false);
    await host.getByRole('listitem').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'gpu-picker-1024x700');
    await display.getByRole('region', { name: 'Chosen in the file, not on this host' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'gpu-picker-1024x700-missing');
  });
});
