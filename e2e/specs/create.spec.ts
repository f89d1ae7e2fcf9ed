// The New VM wizard end to end: each preset makes a VM that appears in the library, starts, reads clean,
// and was created in HCS (the stand-in at build 26100) with the preset's security settings; a cancel
// during the disk leaves nothing behind.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NewVmWizard, type NewVmChoices, type PresetTitle } from '../pages/new-vm-wizard.js';
import { recordedHcsDocument } from '../support/hcs-documents.js';
import { e2eDir, smallVm, uniqueName } from '../support/vms.js';
import { expect, test } from './fixtures.js';
import type { HakoApp } from '../pages/hako-app.js';

const WINDOWS_TEMPLATE = '1734c6e8-3154-4dda-ba5f-a874cc483422';
const UEFI_CA_TEMPLATE = '272e7447-90a4-4563-a4b9-8e4ab00526ce';

async function openWizard(app: HakoApp): Promise<NewVmWizard> {
  await app.page.getByRole('complementary').getByRole('button', { name: 'New VM…' }).click();
  const wizard = new NewVmWizard(app.page);
  await expect(wizard.heading).toBeVisible();
  return wizard;
}

interface PresetCase {
  readonly preset: PresetTitle;
  readonly choices: (name: string, folder: string) => Promise<Partial<NewVmChoices>>;
  readonly template: string | null;
  readonly tpm: boolean;
}

const PRESETS: readonly PresetCase[] = [
  { preset: 'Windows 11 or Windows Server 2025', choices: async () => ({ disk: { sizeGb: 64 } }), template: WINDOWS_TEMPLATE, tpm: true },
  { preset: 'Windows 10 or an older Windows Server', choices: async () => ({ disk: { sizeGb: 40 }, network: 'Not connected' }), template: WINDOWS_TEMPLATE, tpm: false },
  {
    preset: 'Linux',
    choices: async (_name, folder) => {
      // An installation image of its own (the stand-in only needs the file to exist).
      const iso = path.join(folder, 'install media', 'distro.iso');
      await mkdir(path.dirname(iso), { recursive: true });
      await writeFile(iso, 'iso');
      return { disk: { sizeGb: 20 }, iso };
    },
    template: UEFI_CA_TEMPLATE,
    tpm: false,
  },
  { preset: 'Other', choices: async () => ({ disk: 'none', network: 'Not connected' }), template: null, tpm: false },
];

for (const { preset, choices, template, tpm } of PRESETS) {
  test(`the wizard creates a VM with the preset "${preset}" that starts, reads clean and has the preset's security settings`, async ({ app, page }) => {
    const name = uniqueName(`E2E ${preset.split(' ')[0]!}`);
    const folder = path.join(e2eDir(), 'created', name.replace(/\W+/g, '-'));
    const wizard = await openWizard(app);
    await wizard.fill({ name, folder, preset, disk: 'none', ...(await choices(name, folder)) });

    // The summary names exactly the files that will be made.
    const vmFolder = path.join(folder, name);
    await expect(wizard.plannedFiles()).toContainText(path.join(vmFolder, `${name}.7b`));
    await wizard.create(name);
    expect(existsSync(path.join(vmFolder, `${name}.7b`))).toBe(true);
    // The pane is virtualized: with a long library the new VM's row is found by scrolling to it.
    await expect(await app.revealEntry(name)).toHaveAccessibleName(`${name} Stopped`);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(app.libraryEntry(name)).toHaveAccessibleName(`${name} Running`);

    const vm = await app.showVm(name);
    await vm.expectState('Running');
    await expect(page.getByRole('region', { name: 'File check' })).toContainText('NanaBox reads this file exactly as it is written.');

    const recorded = await recordedHcsDocument(name);
    expect(recorded?.Build).toBe(26100);
    const machine = recorded!.Document.VirtualMachine;
    if (template === null) expect(machine.Chipset.Uefi.ApplySecureBootTemplate).toBeUndefined();
    else expect(machine.Chipset.Uefi).toMatchObject({ ApplySecureBootTemplate: 'Apply', SecureBootTemplateId: template });
    if (tpm) expect(machine.SecuritySettings).toEqual({ EnableTpm: true, Isolation: { IsolationType: 'GuestStateOnly' } });
    else expect(machine.SecuritySettings).toBeUndefined();

    await vm.powerOff();
    await vm.expectState('Stopped');
  });
}

test('cancelling during the disk leaves nothing behind, and the wizard keeps the choices to try again', async ({ app, page }) => {
  const name = uniqueName('E2E Cancel');
  // A parent folder that does not exist yet: the creation makes it, and the cancel must remove it too.
  const folder = path.join(e2eDir(), 'cancelled', name.replace(/\W+/g, '-'));
  const wizard = await openWizard(app);
  // A fixed 500 GB disk takes minutes on the e2e stand-in (1 GiB/s).
  await wizard.fill({ name, folder, preset: 'Other', disk: { sizeGb: 500, fixed: true } });
  await wizard.createButton.click();

  const progress = page.getByRole('progressbar', { name: `Creating ${name}` }).first();
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  expect(existsSync(path.join(folder, name, `${name}.vhdx`))).toBe(true);
  await page.getByRole('button', { name: 'Cancel creation' }).click();

  await expect(page.getByRole('region', { name: 'Creation cancelled' })).toBeVisible();
  await wizard.expectStep('Summary');
  expect(existsSync(folder)).toBe(false);
  await app.expectNotInLibrary(name);
});

test('the wizard checks the name as it is typed and will not go on with a bad one', async ({ app }) => {
  const existing = await smallVm('E2E Taken');
  await app.openVm(existing.path, existing.name);
  const wizard = await openWizard(app);
  const name = wizard.field('Name');
  await name.fill('CON');
  await expect(name).toHaveAccessibleDescription(/reserves this name for a device/);
  await name.fill('a/b');
  await expect(name).toHaveAccessibleDescription(/cannot contain/);
  await name.press('Enter');
  await wizard.expectStep('Name');
  // Hyper-V tells VMs apart by name, case-insensitively.
  await name.fill(existing.name.toUpperCase());
  await expect(name).toHaveAccessibleDescription(/already called/);
  await name.fill(uniqueName('E2E Fresh'));
  await expect(name).not.toHaveAttribute('aria-invalid');
  await name.press('Enter');
  await wizard.expectStep('Location');
  await wizard.back.click();
  await wizard.expectStep('Name');
  // Steps after an incomplete one cannot be jumped to.
  await name.fill('');
  await expect(wizard.steps.getByRole('button', { name: /Summary$/ })).toBeDisabled();
});
