/** A VM's More menu commands for its files: Clone…, Delete…, Discard saved state…, and their dialogs. */
import { expect, type Locator } from '@playwright/test';
import type { VmPage } from './vm-page.js';

export type LifecycleCommand = 'Clone…' | 'Delete…' | 'Discard saved state…';

/** The More menu's command (open the menu first with `openMore`). */
export async function openMore(vm: VmPage): Promise<Locator> {
  await vm.toolbar.getByRole('button', { name: 'More actions' }).click();
  const menu = vm.page.getByRole('menu', { name: 'More actions' });
  await expect(menu).toBeVisible();
  return menu;
}

/** Chooses a command from the More menu and returns the dialog it opens. */
export async function lifecycleDialog(vm: VmPage, command: LifecycleCommand): Promise<Locator> {
  const menu = await openMore(vm);
  await menu.getByRole('menuitem', { name: command }).click();
  const title = command === 'Clone…' ? `Clone ${vm.name}` : command === 'Delete…' ? `Delete ${vm.name}?` : `Discard the saved state of ${vm.name}?`;
  const dialog = command === 'Clone…' ? vm.page.getByRole('dialog', { name: title }) : vm.page.getByRole('alertdialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}
