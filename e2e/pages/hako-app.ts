/**
 * Page objects for Hako's window, shared by the browser-host specs (e2e/specs) and the Electron specs.
 * Every locator goes by role and accessible name, so the tests also check that the UI is accessible.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { DiagnosticsPage } from './diagnostics-page.js';
import { NetworksPage } from './networks-page.js';
import { PreferencesPage } from './preferences-page.js';
import { VmPage } from './vm-page.js';
import { scrollToRow } from '../support/virtual-list.js';

export class HakoApp {
  readonly nav: Locator;
  readonly library: Locator;
  readonly notifications: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Hako' });
    this.library = this.nav.getByRole('list', { name: 'Virtual machines' });
    this.notifications = page.getByRole('region', { name: 'Notifications' });
  }

  /** Loads the UI (the browser host's URL with its secret) and waits until it is connected. */
  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.nav).toBeVisible();
  }

  /** The library entry of a VM; its accessible name is its visible text, "<name> <state>". */
  libraryEntry(name: string): Locator {
    return this.library.getByRole('button', { name: new RegExp(`^${escape(name)} (${STATES})`) });
  }

  /**
   * Opens a `.7b` by path through "Open VM…" (the browser host asks for the path; the Electron specs
   * stub the system dialog instead) and returns its page.
   */
  async openVm(path: string, name: string): Promise<VmPage> {
    await this.page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Open a virtual machine' });
    await dialog.getByRole('textbox', { name: 'Path of the .7b file' }).fill(path);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog).toBeHidden();
    const vm = new VmPage(this.page, name);
    await expect(vm.heading).toBeVisible();
    return vm;
  }

  /** The library entry of a VM, scrolled into the (virtualized) list first. */
  async revealEntry(name: string): Promise<Locator> {
    const entry = this.libraryEntry(name);
    await scrollToRow(this.library, entry);
    return entry;
  }

  async showVm(name: string): Promise<VmPage> {
    await (await this.revealEntry(name)).click();
    const vm = new VmPage(this.page, name);
    await expect(vm.heading).toBeVisible();
    return vm;
  }

  async showHome(): Promise<void> {
    await this.nav.getByRole('button', { name: 'Home' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Virtual machines' })).toBeVisible();
  }

  async showDiagnostics(): Promise<DiagnosticsPage> {
    await this.nav.getByRole('button', { name: 'Diagnostics' }).click();
    const page = new DiagnosticsPage(this.page);
    await expect(page.heading).toBeVisible();
    return page;
  }

  async showNetworks(): Promise<NetworksPage> {
    await this.nav.getByRole('button', { name: 'Virtual switches' }).click();
    const page = new NetworksPage(this.page);
    await expect(page.heading).toBeVisible();
    return page;
  }

  async showPreferences(): Promise<PreferencesPage> {
    await this.nav.getByRole('button', { name: 'Preferences' }).click();
    const page = new PreferencesPage(this.page);
    await expect(page.heading).toBeVisible();
    return page;
  }

  /** Removes every VM that does not run from the library (their files stay). */
  async forgetStoppedVms(): Promise<void> {
    const stopped = this.library.getByRole('button', { name: / (Stopped|Saved|Error)/ });
    while ((await stopped.count()) > 0) {
      // By the entry itself: two VMs may share a name (in different folders).
      const entry = stopped.first();
      const name = (await entry.locator('.pane-label').textContent()) ?? '';
      const before = await this.libraryCount();
      await entry.click();
      const vm = new VmPage(this.page, name);
      await expect(vm.heading).toBeVisible();
      await vm.forget();
      // The list is virtualized: the rows drawn stay as many while VMs are left, so count the library.
      await expect.poll(() => this.libraryCount()).toBe(before - 1);
    }
  }

  /**
   * Asserts the library holds no VM called `name` (a unique name), drawn or not: the virtual list draws
   * only the rows near the view, so an absent row proves nothing; a search that finds nothing does.
   */
  async expectNotInLibrary(name: string): Promise<void> {
    const search = this.page.getByRole('complementary').getByRole('searchbox', { name: 'Search VMs' });
    // With an empty library there is no search box, and nothing to find.
    if ((await search.count()) === 0) return expect(this.library.locator('li[aria-setsize]')).toHaveCount(0);
    await search.fill(name);
    await expect(this.nav.getByText('No VM matches.')).toBeVisible();
    await search.fill('');
  }

  /** How many VMs the library's list holds, drawn or not (each drawn row says the list's size). */
  async libraryCount(): Promise<number> {
    const row = this.library.locator('li[aria-setsize]').first();
    if ((await row.count()) === 0) return 0;
    return Number(await row.getAttribute('aria-setsize'));
  }

  /** An error notification whose title matches. */
  errorToast(title: string | RegExp): Locator {
    return this.notifications.getByRole('alert').filter({ hasText: title });
  }

  async dismissNotifications(): Promise<void> {
    const buttons = this.notifications.getByRole('button', { name: 'Dismiss notification' });
    while ((await buttons.count()) > 0) await buttons.first().click();
  }
}

/** The state names an entry ends with (English). */
const STATES = 'Stopped|Starting…|Running|Paused|Saving…|Saved|Stopping…|Error';

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
