import { smallVm, uniqueName } from '../support/vms.js';
import { expect, test } from './fixtures.js';

interface Adapter {
  Connected: boolean;
  MacAddress?: string;
  EndpointId?: string;
  SuggestedSwitchId?: string;
  SuggestedSwitchName?: string;
  SuggestedSwitchSubnet?: string;
}
const adaptersIn = (text: string) => (JSON.parse(text) as { NanaBox: { NetworkAdapters: Adapter[] } }).NanaBox.NetworkAdapters;

test.describe('virtual switches', () => {
  test('a network admin creates a NAT switch, a VM joins it, and it cannot be deleted while the VM runs', async ({ app, page }) => {
    const switchName = uniqueName('E2E Lab');
    const switches = await app.showNetworks();
    await expect(page.getByRole('region', { name: 'Switches Hako creates last until Windows restarts' })).toBeVisible();
    const subnet = await switches.create(switchName);
    const row = switches.row(switchName);
    await expect(row).toContainText(subnet);
    await expect(row).toContainText(subnet.replace(/\.0\/24$/, '.1'));
    await expect(row).toContainText('None');
    await expect(row.getByRole('cell', { name: 'ICS (NAT)' })).toBeVisible();

    // The VM's adapter joins it in the settings; the switch's subnet goes with it.
    const vm = await smallVm('E2E Switch User', { NetworkAdapters: [{ Connected: true }] });
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.section('Network');
    await settings.select('Adapter 1 virtual switch').selectOption({ label: `${switchName} (ICS, ${subnet})` });
    await settings.saveButton.click();
    await settings.expectSaved();
    const [saved] = adaptersIn(await vm.read());
    expect(saved).toMatchObject({ SuggestedSwitchName: switchName, SuggestedSwitchSubnet: subnet });

    await vmPage.run('Start');
    await vmPage.expectState('Running');
    await app.showNetworks();
    await expect(row).toContainText(vm.name);
    await row.getByRole('button', { name: `Delete ${switchName}` }).click();
    const dialog = switches.deleteDialog(switchName);
    await expect(dialog).toContainText(`Connected now: ${vm.name}`);
    await dialog.getByRole('button', { name: 'Delete switch' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`in use by ${vm.name}`);
    await expect(dialog.getByRole('alert')).toContainText('SwitchInUse');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toBeVisible();

    // Stopped, the VM no longer holds it.
    const again = await app.showVm(vm.name);
    await again.powerOff();
    await again.expectState('Stopped');
    await app.showNetworks();
    await switches.delete(switchName);
  });

  test('refuses a subnet another switch uses, at the field', async ({ app }) => {
    const first = uniqueName('E2E Taken');
    const switches = await app.showNetworks();
    const subnet = await switches.create(first);
    await app.page.getByRole('button', { name: 'New NAT switch…' }).click();
    await switches.createDialog.getByRole('textbox', { name: 'Switch name' }).fill(uniqueName('E2E Second'));
    const field = switches.createDialog.getByRole('textbox', { name: 'Subnet' });
    await field.fill(subnet);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(`Overlaps ${subnet.replace(/[./]/g, '\\$&')} \\(${first}\\)`));
    await switches.createDialog.getByRole('button', { name: 'Cancel' }).click();
    await switches.delete(first);
  });
});

test.describe('network adapters', () => {
  test('a user gives an adapter a generated static MAC, and unplugs and replugs it on the running VM', async ({ app }) => {
    const vm = await smallVm('E2E Adapter', { NetworkAdapters: [{ Connected: true }] });
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const network = await settings.section('Network');
    const kind = network.getByRole('radiogroup', { name: 'Adapter 1 MAC address kind' });
    await kind.getByRole('radio', { name: 'Static' }).check();
    const mac = settings.text('Adapter 1 MAC address');
    await expect(mac).toHaveValue(/^[0-9A-F][26AE](-[0-9A-F]{2}){5}$/);
    await mac.fill('01-00-5E-00-00-01');
    await expect(mac).toHaveAccessibleDescription(/multicast/);
    await expect(settings.saveButton).toBeDisabled();
    await network.getByRole('button', { name: 'Generate a MAC address for adapter 1' }).click();
    await expect(mac).not.toHaveAttribute('aria-invalid', 'true');
    const generated = await mac.inputValue();
    await settings.saveButton.click();
    await settings.expectSaved();
    expect(adaptersIn(await vm.read())[0]!.MacAddress).toBe(generated);

    await vmPage.run('Start');
    await vmPage.expectState('Running');
    const connected = settings.toggle('Adapter 1 connected');
    await expect(connected).toHaveAccessibleDescription(/Applies to the running VM at once/);
    // Applied through main first, so the switch turns once the VM has it (click, not uncheck).
    await connected.click();
    await expect(connected).not.toBeChecked();
    await expect.poll(async () => adaptersIn(await vm.read())[0]!.Connected).toBe(false);
    // Nothing else to save: the change is in the file already.
    await expect(settings.status).not.toHaveText('Unsaved changes');
    const events = await vmPage.openEvents();
    await expect(events).toContainText('Network adapter 1: disconnected now');

    await vmPage.openSettings();
    await settings.section('Network');
    await settings.toggle('Adapter 1 connected').click();
    await expect(settings.toggle('Adapter 1 connected')).toBeChecked();
    await expect.poll(async () => adaptersIn(await vm.read())[0]!.Connected).toBe(true);
    expect(adaptersIn(await vm.read())[0]!.MacAddress).toBe(generated);
    await vmPage.powerOff();
  });
});
