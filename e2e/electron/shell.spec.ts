/**
 * The Electron shell around the UI: where the UI comes from and what it may do (app://, CSP, sandbox,
 * window.hako only), single instance with .7b hand-over, the open dialog, close to tray, recovery
 * from a renderer crash. Written against the page objects the browser-host specs use (e2e/pages).
 *
 * Runs only where an Electron binary exists (the Windows workflow); see launch.ts.
 */
import { expect, test } from '@playwright/test';
import { HakoApp, VmPage } from '../pages/index.js';
import { hasElectronBinary, launchHako, SKIP_REASON, type HakoLaunch } from './launch.js';

test.skip(!hasElectronBinary(), SKIP_REASON);

let hako: HakoLaunch;
test.afterEach(async () => {
  await hako?.close();
});

test('serves the UI from app://hako under the CSP, sandboxed, with only window.hako exposed', async () => {
  hako = await launchHako();
  const app = new HakoApp(hako.window);
  await app.waitReady();
  expect(hako.window.url()).toBe('app://hako/index.html');

  const facts = await hako.window.evaluate(async () => {
    const w = window as unknown as Record<string, unknown> & { hako: { invoke(name: string, input?: unknown): Promise<unknown> } };
    const response = await fetch('app://hako/index.html');
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    const badCall = await w.hako.invoke('vm.start', { path: 'not-a-vm.txt' }).catch((error: Record<string, unknown>) => ({ code: error.code, path: error.path }));
    return {
      require: typeof w.require,
      process: typeof w.process,
      hakoKeys: Object.keys(w.hako).sort(),
      version: await w.hako.invoke('app.version'),
      csp: response.headers.get('content-security-policy'),
      inlineRan: w.__inlineRan === true,
      badCall,
    };
  });
  expect(facts.require).toBe('undefined');
  expect(facts.process).toBe('undefined');
  expect(facts.hakoKeys).toEqual(['invoke', 'on']);
  expect(facts.version).toMatchObject({ transport: 'electron', platform: process.platform });
  expect(facts.csp).toContain("default-src 'none'");
  expect(facts.csp).toContain("script-src 'self'");
  expect(facts.inlineRan).toBe(false);
  // The error keeps its code and field path across the context bridge.
  expect(facts.badCall).toEqual({ code: 'BadRequest', path: '/path' });
});

test('blocks navigation, new windows and requests off app://', async () => {
  hako = await launchHako();
  await new HakoApp(hako.window).waitReady();
  await hako.window.evaluate(() => {
    window.open('https://example.com/', '_blank');
    location.href = 'https://example.com/';
  });
  await hako.window.waitForTimeout(1_000);
  expect(hako.window.url()).toBe('app://hako/index.html');
  expect(hako.app.windows()).toHaveLength(1);
  // Behind the CSP, main cancels every request of the session that is not app:// (here: a page load,
  // which the CSP does not cover).
  const blocked = await hako.app.evaluate(async ({ BrowserWindow }) => {
    const probe = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
    try {
      return await probe.loadURL('https://example.com/').then(
        () => 'loaded',
        (error: Error) => error.message,
      );
    } finally {
      probe.destroy();
    }
  });
  expect(blocked).toMatch(/ERR_BLOCKED_BY_CLIENT/);
});

test('a second launch with a .7b hands it to the running Hako, which shows the VM', async () => {
  hako = await launchHako();
  const app = new HakoApp(hako.window);
  await app.waitReady();
  const file = await hako.writeVm('Handover');
  expect(await hako.app.evaluate(({ app: electronApp }) => electronApp.hasSingleInstanceLock())).toBe(true);
  expect(await hako.secondLaunch([file])).toBe(0);
  await expect(new VmPage(hako.window, 'Handover').heading).toBeVisible();
  await expect(app.libraryEntry('Handover')).toBeVisible();
});

test('opens the .7b on its own command line, and ignores paths that are not .7b files', async () => {
  hako = await launchHako({ args: ['--not-a-path', 'missing.7b', 'notes.txt'], openOnStart: ['FromArgv'] });
  await expect(new VmPage(hako.window, 'FromArgv').heading).toBeVisible();
});

test('"Open VM…" uses the system dialog', async () => {
  hako = await launchHako();
  const app = new HakoApp(hako.window);
  await app.waitReady();
  const file = await hako.writeVm('Picked');
  await hako.app.evaluate(({ dialog }, picked) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [picked] })) as typeof dialog.showOpenDialog;
  }, file);
  await hako.window.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
  await expect(new VmPage(hako.window, 'Picked').heading).toBeVisible();
});

test('closing the window keeps Hako in the notification area', async () => {
  hako = await launchHako();
  await new HakoApp(hako.window).waitReady();
  await hako.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await expect.poll(() => hako.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
  // Still running, and a second launch brings the window back.
  expect(await hako.secondLaunch([])).toBe(0);
  await expect.poll(() => hako.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);
});

test('a crashed renderer gets a new window', async () => {
  hako = await launchHako();
  await new HakoApp(hako.window).waitReady();
  const next = hako.app.waitForEvent('window');
  await hako.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
  const page = await next;
  const app = new HakoApp(page);
  await app.waitReady();
  expect(page.url()).toBe('app://hako/index.html');
});

test('diagnostics tell whether the VMMS certificate is there', async () => {
  hako = await launchHako();
  const app = new HakoApp(hako.window);
  await app.waitReady();
  const diagnostics = await app.showDiagnostics();
  await expect(diagnostics.page.getByText('VMMS certificate')).toBeVisible();
});

test('closing the window to quit with unsaved settings asks first: Cancel stays, Discard quits', async () => {
  hako = await launchHako({ openOnStart: ['Unsaved'] });
  const vm = new VmPage(hako.window, 'Unsaved');
  await expect(vm.heading).toBeVisible();
  // Closing the window quits (not to the tray), so the question is Hako's, before the window goes.
  await hako.window.evaluate(() => (window as unknown as { hako: { invoke(name: string, input: unknown): Promise<unknown> } }).hako.invoke('app.setPreferences', { closeToTray: false }));
  const settings = await vm.openSettings();
  await settings.number('Processors').fill('2');
  const closeWindow = () => hako.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  const question = hako.window.getByRole('alertdialog', { name: 'Save the changes to Unsaved before Hako quits?' });

  await closeWindow();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(settings.number('Processors')).toHaveValue('2');
  expect(await hako.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);

  const exited = hako.app.waitForEvent('close');
  await closeWindow();
  await question.getByRole('button', { name: 'Discard' }).click();
  await exited;
});
