/**
 * A walk through every screen and dialog of the window, calling `visit` at each with its name: the
 * accessibility scan and the screenshots of every language both take it. It finds controls by role and
 * by the catalogue's words (words.ts), so it runs in any locale; the VMs it needs are made by `tourVms`
 * beforehand (in English, through the page objects).
 */
import { expect, type Page } from '@playwright/test';
import type { HakoApp } from '../pages/index.js';
import { escape } from '../pages/hako-app.js';
import { NetworksPage } from '../pages/networks-page.js';
import { documentedExample, namedVm, type VmFile } from './vms.js';
import { scrollToRow } from './virtual-list.js';
import type { Words } from './words.js';

export interface TourVms {
  /** Running, with a change that waits for a restart. */
  readonly running: VmFile;
  /** Findings that need consent to save. */
  readonly legacy: VmFile;
  /** Its last start failed. */
  readonly failed: VmFile;
  /** NanaBox refuses the file. */
  readonly broken: VmFile;
  /** A NAT switch with a subnet and a gateway: the switch table's widest row. */
  readonly network: string;
}

export async function tourVms(app: HakoApp, tag: string): Promise<TourVms> {
  const network = `Tour network ${tag}`;
  await (await app.showNetworks()).create(network);
  const running = await namedVm(`Tour Windows ${tag}`, {
    GuestType: 'Windows',
    ProcessorCount: 4,
    MemorySize: 8192,
    NetworkAdapters: [{ Connected: true }],
    ScsiDevices: [
      { Type: 'VirtualDisk', Path: 'system.vhdx' },
      { Type: 'VirtualImage', Path: 'Win11_24H2_English_x64.iso' },
    ],
    SecureBoot: true,
    Tpm: true,
    EnhancedSession: { RedirectAudio: true, RedirectClipboard: true },
  });
  const legacy = await namedVm(`Tour Legacy ${tag}`, {
    GuestType: 'windows',
    ScsiDevices: [
      { Type: 'VirtualDisk', Path: 'lab.vhdx' },
      { Type: 'Floppy', Path: 'boot.img' },
    ],
    Notes: 'kept',
  });
  const failed = await documentedExample();
  const broken = await namedVm(`Tour-Broken-${tag}`);
  await broken.write('{ "NanaBox": { "Type": "VirtualMachine", "Version": 1, "Name": "broken", "MemorySize": 4096.0, "ProcessorCount": 1 } }');

  const win = await app.openVm(running.path, running.name);
  await app.openVm(legacy.path, legacy.name);
  const bad = await app.openVm(failed.path, failed.name);
  await bad.run('Start');
  await bad.expectState('Error');
  await app.page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Open a virtual machine' });
  await dialog.getByRole('textbox', { name: 'Path of the .7b file' }).fill(broken.path);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();

  await app.showVm(running.name);
  await win.run('Start');
  await win.expectState('Running');
  // The start writes the generated values (MAC, endpoint) back into the file; edit after that.
  await expect.poll(() => running.read(), { timeout: 10_000 }).toContain('EndpointId');
  const settings = await win.openSettings();
  await settings.number('Processors').fill('6');
  await settings.saveButton.click();
  await settings.expectSaved();
  await app.dismissNotifications();
  await win.openOverview();
  return { running, legacy, failed, broken, network };
}

/**
 * Deletes what `tourVms` made that other journeys would see: the host is shared, and a switch left behind
 * changes every later switch table.
 */
export async function tourCleanUp(page: Page, w: Words, vms: TourVms): Promise<void> {
  await page.getByRole('navigation').first().getByRole('button', { name: w('nav.networks') }).click();
  await new NetworksPage(page, w).delete(vms.network);
}

const SECTIONS = ['general', 'storage', 'network', 'shares', 'display', 'security', 'identity', 'com', 'session', 'keyboard', 'advanced'] as const;

/** Waits until no notification is left that would change the picture (successes fade; errors are dismissed). */
async function quiet(page: Page, w: Words): Promise<void> {
  const region = page.getByRole('region', { name: w('notifications.region') });
  const dismiss = region.getByRole('button', { name: w('notifications.dismiss') });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

export async function tour(page: Page, w: Words, vms: TourVms, visit: (screen: string) => Promise<void>): Promise<void> {
  const nav = page.getByRole('navigation', { name: w('nav.label') });
  const list = nav.getByRole('list', { name: w('nav.library') });
  // The list is virtualized: the entry is scrolled into it first.
  const entry = async (vm: VmFile) => {
    const row = list.getByRole('button', { name: new RegExp(`^${escape(vm.name)} `) });
    await scrollToRow(list, row);
    return row;
  };
  const main = page.getByRole('main');
  const closeDialog = async () => {
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]')).toHaveCount(0);
  };

  await nav.getByRole('button', { name: w('nav.home') }).click();
  await expect(page.getByRole('heading', { level: 1, name: w('home.title') })).toBeVisible();
  await quiet(page, w);
  await visit('home');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: w('shortcuts.title') })).toBeVisible();
  await visit('shortcuts-dialog');
  await closeDialog();

  await page.getByRole('complementary').getByRole('button', { name: w('nav.openVm') }).click();
  await expect(page.getByRole('dialog', { name: w('open.title') })).toBeVisible();
  await visit('open-dialog');
  await closeDialog();

  await (await entry(vms.running)).click();
  const toolbar = page.getByRole('toolbar');
  await expect(page.getByRole('region', { name: w('pending.title') })).toBeVisible();
  // The live figures with their charts (the VM runs).
  await expect(page.getByRole('region', { name: w('live.cpu') }).getByRole('img')).toBeVisible();
  await visit('vm-overview');

  await toolbar.getByRole('button', { name: w('vm.header.more') }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await visit('more-menu');
  await page.keyboard.press('Escape');

  await toolbar.getByRole('button', { name: w('vm.action.powerOff'), exact: true }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await visit('power-off-dialog');
  await closeDialog();

  await page.getByRole('tab', { name: w('vm.tabs.settings') }).click();
  const sections = page.getByRole('navigation', { name: w('settings.sections') });
  for (const id of SECTIONS) {
    await sections.getByRole('button', { name: new RegExp(`^${escape(w(`settings.section.${id}`))}`) }).click();
    await expect(main.getByRole('region', { name: w(`settings.section.${id}`), exact: true })).toBeVisible();
    await visit(`settings-${id}`);
  }

  await sections.getByRole('button', { name: new RegExp(`^${escape(w('settings.section.storage'))}`) }).click();
  await main.getByRole('button', { name: w('settings.storage.create') }).click();
  await expect(page.getByRole('dialog', { name: w('disk.title') })).toBeVisible();
  await visit('create-disk-dialog');
  await closeDialog();
  await main.getByRole('button', { name: w('storage.attach.open') }).click();
  await expect(page.getByRole('dialog', { name: w('storage.attach.title') })).toBeVisible();
  await visit('attach-disk-dialog');
  await closeDialog();
  await sections.getByRole('button', { name: new RegExp(`^${escape(w('settings.section.network'))}`) }).click();
  await main.getByRole('button', { name: w('settings.network.newSwitch') }).click();
  await expect(page.getByRole('dialog', { name: w('networks.create.title') })).toBeVisible();
  await visit('adapter-new-switch-dialog');
  await closeDialog();

  // Leaving unsaved settings asks first.
  await sections.getByRole('button', { name: new RegExp(`^${escape(w('settings.section.general'))}`) }).click();
  await main.getByRole('spinbutton', { name: w('settings.general.processors'), exact: true }).fill('3');
  await page.getByRole('tab', { name: w('vm.tabs.events') }).click();
  const leave = page.getByRole('alertdialog', { name: w('settings.leave.title', { name: vms.running.name }) });
  await expect(leave).toBeVisible();
  await visit('leave-dialog');
  await leave.getByRole('button', { name: w('settings.discard') }).click();

  await page.getByRole('tab', { name: w('vm.tabs.events') }).click();
  await expect(page.getByRole('tabpanel').getByRole('table')).toBeVisible();
  await visit('vm-events');

  // The console: ready, then failing (the tour's VM has no RDP server behind its pipe), then asking an
  // enhanced session's credentials.
  await page.getByRole('tab', { name: w('vm.tabs.screen') }).click();
  const consoleBar = page.getByRole('toolbar', { name: w('screen.toolbar'), exact: true });
  const connect = consoleBar.getByRole('button', { name: w('screen.connect'), exact: true });
  await expect(connect).toBeEnabled({ timeout: 30_000 });
  await visit('vm-console');
  await connect.click();
  await expect(main.getByRole('heading', { name: w('screen.failure.unavailable') })).toBeVisible({ timeout: 30_000 });
  await visit('vm-console-failed');
  await consoleBar.getByRole('radio', { name: w('screen.mode.enhanced') }).check();
  await expect(page.getByRole('dialog', { name: w('screen.credentials.title', { name: vms.running.name }) })).toBeVisible();
  await visit('credentials-dialog');
  await closeDialog();
  await consoleBar.getByRole('radio', { name: w('screen.mode.basic') }).check();

  await (await entry(vms.legacy)).click();
  await page.getByRole('tab', { name: w('vm.tabs.overview') }).click();
  await expect(page.getByRole('list', { name: w('findings.list') })).toBeVisible();
  await visit('vm-findings');
  await page.getByRole('tab', { name: w('vm.tabs.settings') }).click();
  const memory = page.getByRole('spinbutton', { name: w('settings.general.memory'), exact: true });
  await memory.fill('4096');
  const saveBar = page.getByRole('region', { name: w('settings.savebar') });
  await saveBar.getByRole('button', { name: w('settings.save'), exact: true }).click();
  await expect(page.getByRole('alertdialog', { name: w('consent.title') })).toBeVisible();
  await visit('consent-dialog');
  await closeDialog();
  // Someone else saves the file meanwhile: the conflict question, with what differs.
  await vms.legacy.write((await vms.legacy.read()).replace(/"ProcessorCount": (\d+)/, (_, n: string) => `"ProcessorCount": ${Number(n) + 1}`));
  await saveBar.getByRole('button', { name: w('settings.save'), exact: true }).click();
  const consent = page.getByRole('alertdialog', { name: w('consent.title') });
  await consent.getByRole('button', { name: w('consent.confirm') }).click();
  await expect(page.getByRole('alertdialog', { name: w('conflict.title') })).toBeVisible();
  await expect(page.getByRole('table', { name: w('conflict.diff') })).toBeVisible();
  await visit('conflict-dialog');
  await page.getByRole('alertdialog').getByRole('button', { name: w('conflict.reload') }).click();
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  // A stopped VM's file commands: Clone… and Delete… (main's plan of its files).
  const more = async (command: 'clone.open' | 'delete.open' | 'discard.open') => {
    await page.getByRole('toolbar').getByRole('button', { name: w('vm.header.more') }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: w(command) }).click();
  };
  await more('clone.open');
  await expect(page.getByRole('dialog', { name: w('clone.title', { name: vms.legacy.name }) })).toBeVisible();
  await visit('clone-dialog');
  await closeDialog();
  await more('delete.open');
  await expect(page.getByRole('alertdialog', { name: w('delete.title', { name: vms.legacy.name }) }).getByRole('checkbox').first()).toBeVisible();
  await visit('delete-dialog');
  await closeDialog();

  await (await entry(vms.failed)).click();
  await page.getByRole('tab', { name: w('vm.tabs.overview') }).click();
  await expect(page.getByRole('region', { name: w('overview.lastError') })).toBeVisible();
  await quiet(page, w);
  await visit('vm-last-error');

  // Its saved state file is missing: discarding the saved state is the way out.
  await more('discard.open');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await visit('discard-dialog');
  await closeDialog();

  await (await entry(vms.broken)).click();
  await expect(page.getByRole('region', { name: w('overview.unreadable.title') })).toBeVisible();
  await visit('vm-unreadable');

  await nav.getByRole('button', { name: w('nav.networks') }).click();
  await expect(page.getByRole('heading', { level: 1, name: w('networks.title') })).toBeVisible();
  await expect(new NetworksPage(page, w).row(vms.network)).toBeVisible();
  await visit('networks');
  await main.getByRole('button', { name: w('networks.new') }).click();
  await expect(page.getByRole('dialog', { name: w('networks.create.title') })).toBeVisible();
  await visit('networks-create-dialog');
  await closeDialog();

  // The New VM wizard: its hardware step (capped by this computer) and its summary of the files it would make.
  await page.getByRole('complementary').getByRole('button', { name: w('create.open') }).click();
  await expect(page.getByRole('heading', { level: 1, name: w('create.title') })).toBeVisible();
  await main.getByLabel(w('create.name.label'), { exact: true }).fill(`${vms.legacy.name} new`);
  const next = main.getByRole('button', { name: w('create.next'), exact: true });
  await next.click();
  await expect(main.getByRole('heading', { level: 2, name: w('create.step.folder') })).toBeVisible();
  await next.click();
  await expect(main.getByRole('heading', { level: 2, name: w('create.step.hardware') })).toBeVisible();
  await visit('new-vm-hardware');
  for (const step of ['disk', 'media', 'network', 'summary'] as const) {
    await next.click();
    await expect(main.getByRole('heading', { level: 2, name: w(`create.step.${step}`) })).toBeVisible();
  }
  await visit('new-vm-summary');
  // Cancel writes nothing and leaves the wizard (the next tour, in another theme, starts it afresh).
  await main.getByRole('button', { name: w('common.cancel'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: w('home.title') })).toBeVisible();

  await nav.getByRole('button', { name: w('nav.diagnostics') }).click();
  await expect(page.getByRole('heading', { level: 1, name: w('diagnostics.title') })).toBeVisible();
  await visit('diagnostics');

  await nav.getByRole('button', { name: w('nav.preferences') }).click();
  await expect(page.getByRole('heading', { level: 1, name: w('preferences.title') })).toBeVisible();
  await visit('preferences');
}
