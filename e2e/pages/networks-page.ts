/** The Virtual switches page: the table of switches, the New NAT switch dialog, the delete question. */
import { expect, type Locator, type Page } from '@playwright/test';
import { wordsFor, type Words } from '../support/words.js';

export class NetworksPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly createDialog: Locator;

  /** `w`: the UI's words in the window's language (English unless the journey runs in another). */
  constructor(
    readonly page: Page,
    private readonly w: Words = wordsFor('en'),
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: w('networks.title') });
    this.table = page.getByRole('table', { name: w('networks.title') });
    this.createDialog = page.getByRole('dialog', { name: w('networks.create.title') });
  }

  /** The table row of a switch, by its name (the row's header cell). */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) }) });
  }

  deleteDialog(name: string): Locator {
    return this.page.getByRole('alertdialog', { name: this.w('networks.deleteDialog.title', { name }) });
  }

  /** Creates a NAT switch with the suggested subnet; answers that subnet. */
  async create(name: string): Promise<string> {
    await this.page.getByRole('button', { name: this.w('networks.new') }).click();
    await expect(this.createDialog).toBeVisible();
    await this.createDialog.getByRole('textbox', { name: this.w('networks.create.name') }).fill(name);
    const subnet = this.createDialog.getByRole('textbox', { name: this.w('networks.create.subnet') });
    await expect(subnet).toHaveValue(/^\d+\.\d+\.\d+\.0\/24$/);
    const prefix = await subnet.inputValue();
    await expect(this.createDialog.getByRole('textbox', { name: this.w('networks.create.gateway') })).toHaveValue(prefix.replace(/\.0\/24$/, '.1'));
    await this.createDialog.getByRole('button', { name: this.w('networks.create.submit') }).click();
    await expect(this.createDialog).toBeHidden();
    await expect(this.row(name)).toBeVisible();
    return prefix;
  }

  /** Deletes a switch no running VM holds, and waits for its row to go. */
  async delete(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: this.w('networks.delete', { name }) }).click();
    await this.deleteDialog(name).getByRole('button', { name: this.w('networks.deleteDialog.confirm') }).click();
    await expect(this.deleteDialog(name)).toBeHidden();
    await expect(this.row(name)).toHaveCount(0);
  }
}
