import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

test.describe('validation worth trusting', () => {
  test('each device problem shows at its field, and the ones Hyper-V would refuse stop Start in the same words', async ({ app }) => {
    test.setTimeout(90_000);
    const vm = await smallVm('E2E Limits');
    await writeFile(path.join(vm.folder, 'notes.txt'), 'not a disk');
    const other = await smallVm('E2E Other User', { ScsiDevices: [{ Type: 'VirtualDisk', Path: path.join(vm.folder, 'notes.txt') }] });
    await app.openVm(other.path, other.name);
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();

    const general = await settings.section('General');
    await settings.number('Processors').fill('10000');
    const processorsText = '10000 processors is more than a Hyper-V VM can have (2048)';
    await expect(settings.number('Processors')).toHaveAccessibleDescription(new RegExp(`${esc(processorsText)}; Hako does not start the VM until this changes`));
    await expect(settings.number('Processors')).toHaveAccessibleDescription(/more than this computer has/);
    await settings.number('Memory').fill('251658241');
    await expect(settings.number('Memory')).toHaveAccessibleDescription(/251658241 MB of memory is more than a Hyper-V VM can have \(251658240 MB, 240 TB\)/);
    await expect(settings.number('Memory')).toHaveAccessibleDescription(/251658241 MB of memory is more than this computer has/);
    await expect(general).toBeVisible();

    await settings.section('COM ports');
    await settings.text('COM1 named pipe').fill('not a pipe');
    await expect(settings.text('COM1 named pipe')).toHaveAccessibleDescription(/"not a pipe" is not a named pipe/);

    const storage = await settings.section('Storage');
    for (const diskPath of ['disk<1>.vhdx', 'data.vhdx', 'data.vhdx', 'notes.txt']) {
      await storage.getByRole('button', { name: 'Add virtual disk' }).click();
      const n = await storage.getByRole('listitem').count();
      await settings.text(`Device ${n} path`).fill(diskPath);
    }
    await expect(settings.text('Device 1 path')).toHaveAccessibleDescription(/contains a character Windows does not allow in file names/);
    await expect(settings.text('Device 3 path')).toHaveAccessibleDescription(/data\.vhdx is attached more than once \(also at \/NanaBox\/ScsiDevices\/1\)/);
    await expect(settings.text('Device 2 path')).toHaveAccessibleDescription(/does not exist \(yet\)/);
    await expect(settings.text('Device 4 path')).toHaveAccessibleDescription(/is not a virtual disk virtdisk can open/);
    await expect(settings.text('Device 4 path')).toHaveAccessibleDescription(new RegExp(`is also used by .*${esc(path.basename(other.path))}`));
    // Warnings, not errors: NanaBox reads such a file, so Hako saves it.
    await settings.saveButton.click();
    await settings.expectSaved();

    // Start refuses each of the listed ones in the words the field showed, one after another as each is fixed.
    const blocked = async (words: string) => {
      await vmPage.run('Start');
      const toast = app.errorToast(`Start failed for ${vm.name}`);
      await expect(toast).toContainText(words);
      await expect(toast).toContainText('StartBlocked');
      await app.dismissNotifications();
      await vmPage.expectState('Stopped');
    };
    const fix = async (section: Parameters<typeof settings.section>[0], label: string, value: string, kind: 'number' | 'text') => {
      await settings.section(section);
      await (kind === 'number' ? settings.number(label) : settings.text(label)).fill(value);
      await settings.saveButton.click();
      await settings.expectSaved();
    };
    await blocked(processorsText);
    await fix('General', 'Processors', '1', 'number');
    await blocked('251658241 MB of memory is more than a Hyper-V VM can have');
    await fix('General', 'Memory', '512', 'number');
    await blocked('"not a pipe" is not a named pipe');
    await fix('COM ports', 'COM1 named pipe', '\\\\.\\pipe\\e2e-limits', 'text');
    await blocked('contains a character Windows does not allow in file names');
    await fix('Storage', 'Device 1 path', 'disk1.vhdx', 'text');
    await blocked('data.vhdx is attached more than once');
  });
});

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
