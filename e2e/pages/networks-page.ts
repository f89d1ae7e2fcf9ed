/** The Virtual switches page: the table of switches, the New NAT switch dialog, the delete question. */
import { expect, type Locator, type Page } from '@playwright/test';

export class NetworksPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly createDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Virtual switches' });
    this.table = page.getByRole('table', { name: 'Virtual switches' });
    this.createDialog = page.getByRole('dialog', { name: 'New NAT switch' });
  }

  /** The table row of a switch, by its name (the row's header cell). */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) }) });
  }

  deleteDialog(name: string): Locator {
    return this.page.getByRole('alertdialog', { name: `Delete the switch ${name}?` });
  }

  /** Creates a NAT switch with the suggested subnet; answers that subnet. */
  async create(name: string): Promise<string> {
    await this.page.getByRole('button', { name: 'New NAT switch…' }).click();
    await expect(this.createDialog).toBeVisible();
    await this.createDialog.getByRole('textbox', { name: 'Switch name' }).fill(name);
    const subnet = this.createDialog.getByRole('textbox', { name: 'Subnet' });
    await expect(subnet).toHaveValue(/^\d+\.\d+\.\d+\.0\/24$/);
    const prefix = await subnet.inputValue();
    await expect(this.createDialog.getByRole('textbox', { name: 'Gateway' })).toHaveValue(prefix.replace(/\.0\/24$/, '.1'));
    await this.createDialog.getByRole('button', { name: 'Create switch' }).click();
    await expect(this.createDialog).toBeHidden();
    await expect(this.row(name)).toBeVisible();
    return prefix;
  }
}
