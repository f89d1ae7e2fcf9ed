/**
 * The built main process, run under Node with a fake 'electron' (test/support/electron/fake-electron.cjs) on
 * the C stand-ins: everything the shell decides and wires — before `ready`, the window's settings, the
 * app:// protocol, request/permission hooks, IPC sender checks and the event gate, a second launch,
 * the tray, unsaved edits and the quit dialog, close to tray, navigation, renderer crash recovery and a Windows session
 * end — checked in one run of test/support/electron/run-main.mjs. What only real Electron/Windows can show
 * (rendering, the tray on screen, the session-end screen) is for e2e/electron on the Windows workflow.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, channelOf } from '../../app/ipc/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../app/ipc/csp.js';

const root = path.resolve(import.meta.dirname, '../..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the driver's JSON report
type Report = Record<string, any>;

describe('the main process under a fake Electron', () => {
  let work: string;
  let report: Report;

  let outDir: string;

  beforeAll(() => {
    // A build of its own (under build/, so node_modules resolve), not out/, which other tests package.
    mkdirSync(path.join(root, 'build'), { recursive: true });
    outDir = mkdtempSync(path.join(root, 'build', 'main-test-'));
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, HAKO_ELECTRON_OUT_DIR: outDir },
    });
    // The VM parts run on the C stand-ins: built here off Windows; on Windows the mingw build must exist.
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (process.platform === 'win32') {
      const dir = path.join(root, 'build/stand-in/win');
      if (!existsSync(path.join(dir, 'computecore.dll'))) throw new Error(`${dir} has no stand-in DLLs; build them with "npm run build:win-stand-in" (needs mingw)`);
      env.HAKO_STAND_IN_DIR = dir;
    } else if (!existsSync(path.join(root, 'build/stand-in/libcomputecore.so'))) {
      execFileSync(process.execPath, [path.join(root, 'scripts/build-stand-in.mjs')], { cwd: root, stdio: 'pipe' });
    }
    work = mkdtempSync(path.join(tmpdir(), 'hako-main-'));
    const profile = path.join(work, 'profile');
    mkdirSync(profile);
    let stdout: string;
    let stderr = '';
    try {
      stdout = execFileSync(process.execPath, [path.join(root, 'test/support/electron/run-main.mjs'), work, path.join(outDir, 'main', 'index.js')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...env, HAKO_USER_DATA_DIR: profile },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      stdout = String((error as { stdout?: unknown }).stdout ?? '');
      stderr = String((error as { stderr?: unknown }).stderr ?? '');
    }
    const last = stdout.trim().split('\n').at(-1) ?? '';
    try {
      report = JSON.parse(last) as Report;
    } catch {
      throw new Error(`run-main.mjs printed no report:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`);
    }
    if (report.error) throw new Error(`run-main.mjs failed: ${report.error}\n${stderr.slice(-2000)}`);
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('does its start-up work before ready: scheme, sandbox, lock with its own .7b, local crash dumps, profile', () => {
    const before = report.beforeReady;
    expect(before.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }]);
    expect(before.sandbox).toBe(true);
    expect(before.lockData).toEqual({ openFiles: [path.join(work, 'Startup.7b')] });
    expect(before.crashReporter).toMatchObject({ uploadToServer: false });
    expect(before.appUserModelId).toBe('org.hako.vmmanager');
    expect(before.userData).toBe(path.join(work, 'profile'));
    expect(before.logs).toBe(path.join(work, 'profile', 'logs'));
    expect(before.crashDumps).toBe(path.join(work, 'profile', 'crashes'));
    // electron-log's own IPC channel is removed: only the contract's channels exist.
    expect(before.handlersBeforeReady).toEqual([]);
    expect(before.listenersBeforeReady).toEqual([]);
  });

  it('opens a locked-down window on app://hako with the built preload, and registers exactly the contract', () => {
    const { webPreferences, preloadExists, url, channels, listeners } = report.window;
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(webPreferences.preload).toBe(path.join(outDir, 'preload', 'index.cjs'));
    expect(preloadExists).toBe(true);
    expect(url).toBe('app://hako/index.html');
    expect(channels).toEqual(CALL_NAMES.map(channelOf).sort());
    expect(listeners).toEqual([]);
  });

  it('serves the built renderer with the CSP, and nothing outside it', () => {
    const { index, route, missing, traversal, otherHost, post } = report.protocol;
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff' });
    expect(index.body).toContain('<div id="root"></div>');
    expect(route).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY });
    expect(missing).toMatchObject({ status: 404, csp: CONTENT_SECURITY_POLICY });
    expect(traversal.status).toBe(403);
    expect(otherHost.status).toBe(403);
    expect(post.status).toBe(405);
  });

  it('cancels every request that is not app:// or the console’s own WebSocket, and grants only the console’s permissions to our pages', () => {
    expect(report.requests).toEqual({ app: false, https: true, loopback: true, file: true, console: false, consoleOtherPort: true });
    expect(report.permissions).toEqual({ request: false, check: false, fullscreen: true, fullscreenForeign: false });
  });

  it('serves the console document with its own policy, naming the loopback console server, which refuses other origins', () => {
    const { console: page } = report.protocol;
    expect(page.status).toBe(200);
    expect(page.csp).toMatch(/connect-src 'self' data: ws:\/\/127\.0\.0\.1:\d+\/console/);
    expect(page.csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(page.csp).toContain("frame-ancestors 'self'");
    expect(report.protocol.index.csp).toContain("frame-src 'self'");
    expect(report.consoleServer).toBe(403);
  });

  it('answers only our main frame, checks input, and holds events until the renderer is ready', () => {
    const { version, subFrame, foreignOrigin, noFrame, badInput, showVmBeforeReady, showVmAfterReady } = report.ipc;
    expect(version).toEqual({ ok: true, value: expect.objectContaining({ transport: 'electron' }) });
    for (const refused of [subFrame, foreignOrigin, noFrame]) expect(refused).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(badInput).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/path' } });
    expect(showVmBeforeReady).toEqual([]);
    expect(showVmAfterReady).toEqual([{ path: path.join(work, 'Startup.7b') }]);
  });

  it('shows the .7b of a second launch (valid files only) and brings the window forward', () => {
    expect(report.secondInstance).toEqual({
      showVm: [{ path: path.join(work, 'Startup.7b') }, { path: path.join(work, 'Second.7b') }],
      visible: true,
      focused: true,
    });
  });

  it('lists the running VM in the tray with the actions its state allows', () => {
    expect(report.vm).toEqual({ opened: true, start: { ok: true }, state: 'Running' });
    expect(report.tray.tooltip).toBe('Hako — 1 virtual machine running');
    expect(report.tray.labels).toEqual(['Open Hako', 'separator', 'Second — Running', 'separator', 'Quit Hako']);
    expect(report.tray.secondSubmenu).toEqual(['Show in Hako:true', 'Connect:true', 'Start:false', 'Shut down:true', 'Power off:true', 'Pause:true', 'Resume:false', 'Save:true']);
    expect(report.tray.iconSizes).toEqual([1, 1.25, 1.5, 2]);
  });

  it('asks the window about unsaved settings edits before quitting: Cancel stays, an answer to go on reaches the VM question', () => {
    const { asked, shown, dialogsWhileAsking, quittedWhileAsking, afterCancel } = report.unsavedEdits;
    expect(asked).toEqual([{ reason: 'quit' }]);
    expect(shown).toBe(true);
    expect(dialogsWhileAsking).toBe(0);
    expect(quittedWhileAsking).toBe(false);
    expect(afterCancel).toEqual({ quitted: false, dialogs: 0 });
  });

  it('asks before quitting with a running VM, warns about the host, and stays on Cancel', () => {
    const { dialog, quitted, windowAlive } = report.quit;
    expect(dialog.buttons).toEqual(['Leave running', 'Save', 'Shut down', 'Cancel']);
    expect(dialog.message).toBe('The virtual machine Second is running.');
    expect(dialog.detail).toMatch(/the host turns them off without saving/);
    expect(dialog.cancelId).toBe(3);
    expect(quitted).toBe(false);
    expect(windowAlive).toBe(true);
  });

  it('closes to the tray and says so once', () => {
    expect(report.closeToTray).toMatchObject({ destroyed: false, visible: false, flagFile: true });
    expect(report.closeToTray.notifications).toHaveLength(1);
  });

  it('blocks navigation and new windows, opening allowlisted links outside', () => {
    expect(report.navigation).toEqual({
      allowedPrevented: true,
      evilPrevented: true,
      redirectPrevented: true,
      opener: { action: 'deny' },
      evilOpener: { action: 'deny' },
      openedExternally: ['https://github.com/M2Team/NanaBox', 'https://github.com/M2Team/NanaBox/blob/main/Documents/GenerateVmmsCertificate.ps1'],
    });
  });

  it('replaces a crashed renderer’s window and leaves the VM running', () => {
    expect(report.crash).toMatchObject({ oldDestroyed: true, newUrl: 'app://hako/index.html', visible: true, newSender: true, vmState: 'Running' });
    expect(report.crash.oldSender).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
  });

  it('holds a Windows session end, saves the running VM, then quits without asking', () => {
    const { prevented, dialogs, states, quitted, trayDestroyed, handlersLeft } = report.sessionEnd;
    expect(prevented).toBe(true);
    expect(dialogs).toBe(1); // only the earlier quit question
    expect(states).toContain('Saving');
    expect(states.at(-1)).toBe('Saved');
    expect(quitted).toBe(true);
    expect(trayDestroyed).toBe(true);
    expect(handlersLeft).toBe(0);
    expect(report.errorBoxes).toEqual([]);
  });
});
