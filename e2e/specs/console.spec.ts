/**
 * The serial console (issue 13 §2): a running stand-in VM with a COM port, its console tab, the
 * stand-in's banner, typing and the echo, search, saving the text, stopping and restarting the VM, leaving
 * the terminal by keyboard, axe in light, dark and forced colours, and screenshots for a person to look at.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expectAccessible } from '../support/axe.js';
import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

const SHOTS = process.env.HAKO_CONSOLE_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** A small VM whose COM1 is a pipe of its own; `uefi`: the firmware's console goes to COM1. */
function comVm(base: string, uefi = false) {
  const pipe = `\\\\.\\pipe\\hako-e2e-${randomBytes(4).toString('hex')}-com1`;
  return smallVm(base, { ComPorts: { UefiConsole: uefi ? 'ComPort1' : 'Disabled', ComPort1: pipe } });
}

/** The terminal's visible rows as text (xterm's DOM renderer draws them as text). */
function terminalRows(page: Page, port = 'COM1') {
  return page.getByRole('group', { name: `${port} console` }).locator('.xterm-rows');
}

test('a running VM’s COM port in a console: output, typing, search, save, stop and restart', async ({ app, page }) => {
  test.setTimeout(90_000);
  const vm = await comVm('E2E Console');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');

  await page.getByRole('tab', { name: 'Console' }).click();
  const state = page.getByRole('status', { name: /^COM1: / });
  await expect(state).toHaveAccessibleName('COM1: Connected');
  const rows = terminalRows(page);
  await expect(rows).toContainText(`Hako stand-in COM1 on ${vm.name}`);

  // Typing goes to the VM, whose port echoes it.
  const input = page.getByRole('textbox', { name: 'COM1 console input' });
  await input.focus();
  await page.keyboard.type('hello-serial');
  await expect(rows).toContainText('hello-serial');

  // Shift+Esc leaves the terminal for the find box; Tab stays in the terminal for the guest.
  await page.keyboard.press('Tab');
  await expect(input).toBeFocused();
  await page.keyboard.press('Shift+Escape');
  const find = page.getByRole('textbox', { name: 'Find in the output' });
  await expect(find).toBeFocused();

  await page.keyboard.type('no-such-text');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No match for “no-such-text”')).toBeVisible();
  await find.fill('hello-serial');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByText(/No match for/)).toBeHidden();
  // The match is selected in the terminal (xterm draws its selection as a layer of its own).
  await expect(page.getByRole('group', { name: 'COM1 console' }).locator('.xterm-selection div').first()).toBeAttached();

  // Save the text next to the VM file.
  await page.getByRole('button', { name: 'Save text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the COM1 output as text' });
  const file = dialog.getByRole('textbox', { name: 'File' });
  const target = path.join(vm.folder, 'saved-console.log');
  await file.fill(target);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(app.notifications).toContainText('Saved the console text');
  const saved = await readFile(target, 'utf8');
  expect(saved).toContain(`Hako stand-in COM1 on ${vm.name}`);
  expect(saved).toContain('hello-serial');

  // A name that is no text file is refused, and the dialog says why.
  await page.getByRole('button', { name: 'Save text…' }).click();
  await file.fill(path.join(vm.folder, 'console.exe'));
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toContainText('.log');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Stopping the VM shows in the console; starting it again reconnects.
  await vmPage.powerOff();
  await expect(state).toHaveAccessibleName(/COM1: (VM stopped|Waiting for the VM)/);
  await vmPage.run('Start');
  await expect(state).toHaveAccessibleName('COM1: Connected');
  await expect(rows).toContainText(`Hako stand-in COM1 on ${vm.name}`);
  await input.focus();
  await page.keyboard.type('again');
  await expect(rows).toContainText('again');

  await vmPage.powerOff();
});

test('a 1.25 MiB paste comes back through the back-pressure window, and the console stays usable', async ({ app, page }) => {
  test.setTimeout(180_000);
  const vm = await comVm('E2E Console Flood');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByRole('status', { name: 'COM1: Connected' })).toBeVisible();
  const input = page.getByRole('textbox', { name: 'COM1 console input' });
  await input.focus();
  // More than main's 960 KiB window: the echo only comes back whole if the terminal acknowledges what it wrote.
  // One line: Chromium's insertText of a long text with line breaks takes minutes on its own.
  await page.keyboard.insertText('x'.repeat(1280 * 1024));
  await page.keyboard.type(' flood-end');
  const rows = terminalRows(page);
  await expect(rows).toContainText('flood-end', { timeout: 120_000 });
  await expect(page.getByRole('region', { name: 'Output paused' })).toBeHidden();
  await page.keyboard.type(' still-here');
  await expect(rows).toContainText('still-here');
  await vmPage.powerOff();
});

test('the console passes axe in light, dark and forced colours, and looks right at 1024×700', async ({ app, page }) => {
  test.setTimeout(90_000);
  const vm = await comVm('E2E Console Look', true);
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByRole('status', { name: 'COM1: Connected' })).toBeVisible();
  await expect(page.getByText("firmware's boot output")).toBeVisible();
  const rows = terminalRows(page);
  await expect(rows).toContainText('Hako stand-in UEFI firmware');
  await page.getByRole('textbox', { name: 'COM1 console input' }).focus();
  await page.keyboard.type('uname -a');
  await expect(rows).toContainText('uname -a');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, forcedColors: 'none' });
    // The terminal follows the theme.
    const background = await page.getByRole('group', { name: 'COM1 console' }).locator('.xterm-scrollable-element').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(12, 12, 12)');
    await expectAccessible(page, `console (${scheme})`);
    await shot(page, `console-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
  await expectAccessible(page, 'console (forced colours)');
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });

  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'console-1024x700');
  await page.getByRole('button', { name: 'Save text…' }).click();
  await expectAccessible(page, 'console save dialog');
  await expect(rows).toContainText('uname -a');
  await shot(page, 'console-save-dialog');
  await page.keyboard.press('Escape');
  await vmPage.powerOff();
});
