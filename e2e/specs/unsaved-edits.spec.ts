import type { Locator, Page } from '@playwright/test';
import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

const question = (page: Page, name: string): Locator => page.getByRole('alertdialog', { name: `Save the changes to ${name}?` });

test.describe('unsaved settings edits', () => {
  test('another tab asks: Cancel keeps the edit, Discard drops it and goes', async ({ app, page }) => {
    const vm = await smallVm('E2E Guard tab');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('3');
    await vmPage.tab('Overview').click();
    const dialog = question(page, vm.name);
    await expect(dialog).toContainText('are not saved');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(vmPage.tab('Settings')).toHaveAttribute('aria-selected', 'true');
    await expect(settings.number('Processors')).toHaveValue('3');

    await vmPage.tab('Events').click();
    await question(page, vm.name).getByRole('button', { name: 'Discard' }).click();
    await expect(vmPage.tab('Events')).toHaveAttribute('aria-selected', 'true');
    expect(await vm.read()).toContain('"ProcessorCount": 1');
    await vmPage.openSettings();
    await expect(settings.number('Processors')).toHaveValue('1');
  });

  test('another VM asks: Save writes the file, then shows the other VM', async ({ app, page }) => {
    const first = await smallVm('E2E Guard first');
    const second = await smallVm('E2E Guard second');
    await app.openVm(second.path, second.name);
    const vmPage = await app.openVm(first.path, first.name);
    const settings = await vmPage.openSettings();
    await settings.number('Memory').fill('1024');
    await (await app.revealEntry(second.name)).click();
    await question(page, first.name).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1, name: second.name, exact: true })).toBeVisible();
    expect(await first.read()).toContain('"MemorySize": 1024');
  });

  test('another page asks, and Escape cancels', async ({ app, page }) => {
    const vm = await smallVm('E2E Guard page');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('2');
    await app.nav.getByRole('button', { name: 'Preferences' }).click();
    const dialog = question(page, vm.name);
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(vmPage.heading).toBeVisible();
    await app.nav.getByRole('button', { name: 'Preferences' }).click();
    await question(page, vm.name).getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Preferences' })).toBeVisible();
    expect(await vm.read()).toContain('"ProcessorCount": 1');
  });

  test('with settings that cannot be saved, the question offers only Discard and Cancel', async ({ app, page }) => {
    const vm = await smallVm('E2E Guard invalid');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('0');
    await expect(settings.saveButton).toBeDisabled();
    await vmPage.tab('Overview').click();
    const dialog = question(page, vm.name);
    await expect(dialog).toContainText('One setting needs attention');
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(vmPage.tab('Overview')).toHaveAttribute('aria-selected', 'true');
  });

  test('Ctrl+S saves', async ({ app }) => {
    const vm = await smallVm('E2E Guard ctrl-s');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('4');
    await settings.number('Processors').press('Control+s');
    await settings.expectSaved();
    expect(await vm.read()).toContain('"ProcessorCount": 4');
    // Nothing unsaved: leaving asks nothing.
    await vmPage.openOverview();
  });

  test('closing or reloading the tab asks the browser’s question, and staying keeps the edit', async ({ app, page }) => {
    const vm = await smallVm('E2E Guard close');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('5');
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    // The browser asks only after the user touched the page (sticky activation): the typing above.
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    await expect(settings.number('Processors')).toHaveValue('5');

    // Reloading asks too; with the edit saved, the tab closes without a question.
    await page.evaluate(() => location.reload()).catch(() => undefined);
    await expect.poll(() => asked).toEqual(['beforeunload', 'beforeunload']);
    await expect(settings.number('Processors')).toHaveValue('5');
    await settings.saveButton.click();
    await settings.expectSaved();
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => page.isClosed()).toBe(true);
    expect(asked).toHaveLength(2);
    expect(await vm.read()).toContain('"ProcessorCount": 5');
  });
});
