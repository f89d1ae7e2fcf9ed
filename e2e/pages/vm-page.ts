/** One VM's page: header (state, actions), and its Overview, Settings and Events tabs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { ConsoleTab } from './console-tab.js';
import { SettingsTab } from './settings-tab.js';

export type ActionLabel = 'Start' | 'Resume' | 'Shut down' | 'Pause' | 'Save' | 'Restart' | 'Power off';

export class VmPage {
  readonly heading: Locator;
  readonly state: Locator;
  readonly toolbar: Locator;
  readonly lastError: Locator;
  readonly pendingRestart: Locator;
  readonly findings: Locator;
  readonly session: Locator;

  constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name, exact: true });
    this.state = page.getByRole('main').getByRole('status', { name: /^State: / });
    this.toolbar = page.getByRole('toolbar', { name: `Actions for ${name}` });
    this.lastError = page.getByRole('region', { name: 'The last operation failed' });
    this.pendingRestart = page.getByRole('region', { name: 'Changes that wait for a restart' });
    this.findings = page.getByRole('list', { name: 'Findings in the file' });
    this.session = page.getByRole('region', { name: 'Session' });
  }

  action(label: ActionLabel): Locator {
    return this.toolbar.getByRole('button', { name: label, exact: true });
  }

  async expectState(state: string): Promise<void> {
    await expect(this.state).toHaveAccessibleName(`State: ${state}`);
  }

  async run(label: Exclude<ActionLabel, 'Power off' | 'Restart'>): Promise<void> {
    await this.action(label).click();
  }

  /** Power off, through its confirmation (which must say that it is a hard power cut). */
  async powerOff(): Promise<void> {
    await this.action('Power off').click();
    const dialog = this.page.getByRole('alertdialog', { name: `Power off ${this.name}?` });
    await expect(dialog).toContainText('hard power cut');
    await dialog.getByRole('button', { name: 'Power off' }).click();
    await expect(dialog).toBeHidden();
  }

  async restart(): Promise<void> {
    await this.action('Restart').click();
    const dialog = this.page.getByRole('alertdialog', { name: `Restart ${this.name}?` });
    await dialog.getByRole('button', { name: 'Restart' }).click();
  }

  tab(name: 'Overview' | 'Screen' | 'Settings' | 'Events' | 'Console'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async openOverview(): Promise<void> {
    await this.tab('Overview').click();
    await expect(this.tab('Overview')).toHaveAttribute('aria-selected', 'true');
  }

  async openScreen(): Promise<ConsoleTab> {
    await this.tab('Screen').click();
    const console = new ConsoleTab(this.page, this.name);
    await expect(console.toolbar).toBeVisible();
    return console;
  }

  async openSettings(): Promise<SettingsTab> {
    await this.tab('Settings').click();
    const settings = new SettingsTab(this.page);
    await expect(settings.sections).toBeVisible();
    return settings;
  }

  /** The Events tab's table. */
  async openEvents(): Promise<Locator> {
    await this.tab('Events').click();
    const table = this.page.getByRole('tabpanel').getByRole('table');
    await expect(table).toBeVisible();
    return table;
  }

  /** "Remove from library" from the More menu, confirmed. */
  async forget(): Promise<void> {
    await this.toolbar.getByRole('button', { name: 'More actions' }).click();
    await this.page.getByRole('menu', { name: 'More actions' }).getByRole('menuitem', { name: 'Remove from library' }).click();
    await this.page.getByRole('alertdialog', { name: `Remove ${this.name} from the library?` }).getByRole('button', { name: 'Remove' }).click();
  }
}
