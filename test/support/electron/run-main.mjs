// Runs the built Electron main process (out/main/index.js) under plain Node with fake-electron.cjs in
// place of 'electron', on the C stand-ins of HCS, and drives it the way Electron and a renderer would:
// start-up with a .7b on the command line, the app:// protocol, request and permission hooks, IPC from
// trusted and untrusted frames, the event gate, a second launch, a running VM and the quit dialog,
// close to tray, navigation, a renderer crash, and a Windows session end. Prints one JSON object with
// what it saw (main-process.test.ts checks it).
//
//   HAKO_USER_DATA_DIR=<empty dir> node test/support/electron/run-main.mjs <work dir> [<built main>]
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import Module, { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const root = path.resolve(here, '../../..');
const fake = path.join(here, 'fake-electron.cjs');
const workDir = process.argv[2];
const mainEntry = path.resolve(process.argv[3] ?? path.join(root, 'out/main/index.js'));
if (!workDir || !process.env.HAKO_USER_DATA_DIR) throw new Error('usage: HAKO_USER_DATA_DIR=<dir> node run-main.mjs <work dir> [out/main/index.js]');

// 'electron' → the fake, for require (electron-log) and import (Hako's main).
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fake : resolveFilename.call(this, request, ...rest);
};
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(pathToFileURL(fake).href)}, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const require = createRequire(import.meta.url);
const { __state: state, app } = require(fake);

const APP_FRAME = { url: 'app://hako/index.html', parent: null };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
const event = (extra = {}) => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
  ...extra,
});
const liveWindows = () => state.windows.filter((w) => !w.destroyed);
const call = (channel, input, { frame = APP_FRAME, sender = liveWindows()[0].webContents } = {}) => {
  const handler = state.ipcHandlers.get(`hako:${channel}`);
  if (!handler) throw new Error(`no handler for hako:${channel}`);
  return handler({ sender, senderFrame: frame }, input);
};
const sent = (window, channel) => window.webContents.sent.filter((m) => m.channel === `hako:${channel}`).map((m) => m.args[0]);
let sevenB = null;
const vmFile = async (name) => {
  if (sevenB === null) {
    // The app's own .7b writer, bundled for this run.
    const { build } = await import('esbuild');
    const outfile = path.join(workDir, 'sevenb.mjs');
    await build({ entryPoints: [path.join(root, 'app/config/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
    sevenB = await import(pathToFileURL(outfile).href);
  }
  const { encodeSevenB, newVmConfig } = sevenB;
  const file = path.join(workDir, `${name}.7b`);
  await writeFile(file, encodeSevenB(newVmConfig(name)));
  return file;
};

const result = {};
try {
  const startup = await vmFile('Startup');
  process.argv = [process.execPath, root, '--enable-logging', startup, 'notes.txt'];
  await import(pathToFileURL(mainEntry).href);

  result.beforeReady = {
    privileged: state.privileged,
    sandbox: state.sandbox,
    lockData: state.lockData,
    crashReporter: state.crashReporter,
    appUserModelId: state.appUserModelId,
    userData: app.getPath('userData'),
    logs: app.paths.logs,
    crashDumps: app.paths.crashDumps,
    handlersBeforeReady: [...state.ipcHandlers.keys()],
    listenersBeforeReady: [...state.ipcListeners.keys()],
  };
  state.becomeReady();
  const window = await until('the window and the tray', () => state.windows.length > 0 && state.trays.length > 0 && state.windows[0]);
  await until('the window to show', () => window.visible);
  result.window = {
    webPreferences: window.options.webPreferences,
    preloadExists: existsSync(window.options.webPreferences.preload),
    url: window.webContents.url,
    channels: [...state.ipcHandlers.keys()].sort(),
    listeners: [...state.ipcListeners.keys()],
    appMenu: state.appMenu === undefined ? 'default' : state.appMenu,
  };

  // app:// protocol
  const serve = state.protocolHandlers.get('app');
  const fetchApp = async (url, method = 'GET') => {
    const response = await serve(new Request(url, { method }));
    const body = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), nosniff: response.headers.get('x-content-type-options'), body: body.slice(0, 2000) };
  };
  result.protocol = {
    index: await fetchApp('app://hako/index.html'),
    route: await fetchApp('app://hako/vms/some-route'),
    missing: await fetchApp('app://hako/assets/missing.js'),
    traversal: await fetchApp('app://hako/assets/..%2f..%2f..%2fpackage.json'),
    otherHost: await fetchApp('app://other/index.html'),
    post: await fetchApp('app://hako/index.html', 'POST'),
    console: await fetchApp('app://hako/console.html'),
  };
  // The console's loopback WebSocket, as the console document's policy names it.
  const consoleUrl = /connect-src [^;]*?(ws:\/\/127\.0\.0\.1:\d+\/console)/.exec(result.protocol.console.csp ?? '')?.[1] ?? null;

  // requests and permissions
  const cancelled = (url) => new Promise((resolve) => state.beforeRequest({ url, resourceType: 'xhr' }, (r) => resolve(r.cancel)));
  result.requests = {
    app: await cancelled('app://hako/assets/x.js'),
    https: await cancelled('https://example.com/'),
    loopback: await cancelled('http://127.0.0.1:8080/'),
    file: await cancelled('file:///etc/passwd'),
    console: consoleUrl === null ? 'no console URL' : await cancelled(consoleUrl),
    consoleOtherPort: consoleUrl === null ? 'no console URL' : await cancelled(consoleUrl.replace(/:(\d+)\//, (_m, port) => `:${Number(port) + 1}/`)),
  };
  result.permissions = {
    request: await new Promise((resolve) => state.permissionRequest(window.webContents, 'media', resolve)),
    check: state.permissionCheck(window.webContents, 'clipboard-read'),
    fullscreen: await new Promise((resolve) => state.permissionRequest(window.webContents, 'fullscreen', resolve, { requestingUrl: 'app://hako/console.html' })),
    fullscreenForeign: await new Promise((resolve) => state.permissionRequest(window.webContents, 'fullscreen', resolve, { requestingUrl: 'https://example.com/' })),
  };
  // The console server answers only app://hako at /console.
  result.consoleServer = consoleUrl === null ? null : await new Promise((resolve) => {
    const url = new URL(consoleUrl);
    const request = http.request({ host: url.hostname, port: url.port, path: '/console', headers: { Connection: 'Upgrade', Upgrade: 'websocket', Origin: 'https://example.com', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' } });
    request.on('response', (response) => resolve(response.statusCode));
    request.on('upgrade', () => resolve('upgraded'));
    request.on('error', (error) => resolve(String(error)));
    request.end();
  });

  // IPC and the event gate
  result.ipc = {
    version: await call('app.version'),
    subFrame: await call('app.version', undefined, { frame: { url: APP_FRAME.url, parent: APP_FRAME } }),
    foreignOrigin: await call('app.version', undefined, { frame: { url: 'https://evil.example/', parent: null } }),
    noFrame: await call('app.version', undefined, { frame: null }),
    badInput: await call('vm.start', { path: 'not-a-vm.txt' }),
    showVmBeforeReady: sent(window, 'app.showVm'),
  };
  await call('app.ready');
  await sleep(50);
  result.ipc.showVmAfterReady = sent(window, 'app.showVm');

  // a second launch hands over its files
  const second = await vmFile('Second');
  window.hide();
  app.emit('second-instance', event(), [process.execPath, '--flag'], workDir, { openFiles: [second, path.join(workDir, 'missing.7b'), '/etc/passwd'] });
  await until('the second launch’s file', () => sent(window, 'app.showVm').length === 2);
  result.secondInstance = { showVm: sent(window, 'app.showVm'), visible: window.visible, focused: window.focused > 0 };

  // a running VM, and quitting asks
  const opened = await call('library.open', { path: second });
  result.vm = { opened: opened.ok, start: await call('vm.start', { path: second }) };
  result.vm.state = await until('the VM to run', async () => {
    const snapshot = await call('vm.get', { path: second });
    return snapshot.ok && snapshot.value.state === 'Running' && snapshot.value.state;
  });
  await until('the tray to see the VM', () => state.trays[0].menu.template.some((item) => String(item.label).includes('Running')));
  const tray = state.trays[0];
  result.tray = {
    tooltip: tray.tooltip,
    labels: tray.menu.template.map((item) => item.label ?? item.type),
    secondSubmenu: tray.menu.template.find((item) => String(item.label).startsWith('Second'))?.submenu.map((item) => `${item.label}:${item.enabled}`),
    iconSizes: tray.image.representations.map((r) => r.scaleFactor),
  };
  // unsaved settings edits: the window is asked first; Cancel there stays, Discard goes on to the VM question
  await call('app.setUnsavedEdits', { names: ['Second'] });
  window.hide();
  app.quit();
  await until('the window to be asked about unsaved edits', () => sent(window, 'app.confirmLeave').length === 1);
  await sleep(100);
  result.unsavedEdits = { asked: sent(window, 'app.confirmLeave'), shown: window.visible, dialogsWhileAsking: state.dialogs.length, quittedWhileAsking: state.quitted };
  await call('app.leaveAnswer', { proceed: false });
  await sleep(100);
  result.unsavedEdits.afterCancel = { quitted: state.quitted, dialogs: state.dialogs.length };
  state.dialogResponses.push('Cancel');
  app.quit();
  await until('the window to be asked again', () => sent(window, 'app.confirmLeave').length === 2);
  await call('app.leaveAnswer', { proceed: true });
  await until('the quit dialog', () => state.dialogs.length === 1);
  await sleep(100);
  result.quit = { dialog: state.dialogs[0], quitted: state.quitted, windowAlive: !window.destroyed };

  // close to tray, notified once
  window.close();
  window.show();
  window.close();
  await sleep(100);
  result.closeToTray = {
    destroyed: window.destroyed,
    visible: window.visible,
    notifications: state.notifications,
    flagFile: existsSync(path.join(process.env.HAKO_USER_DATA_DIR, 'shell.json')),
  };

  // navigation and new windows
  const allowed = event({ url: 'https://github.com/M2Team/NanaBox' });
  window.webContents.emit('will-navigate', allowed);
  const evil = event({ url: 'https://evil.example/' });
  window.webContents.emit('will-navigate', evil);
  const redirect = event({ url: 'https://evil.example/' });
  window.webContents.emit('will-redirect', redirect);
  const opener = window.webContents.windowOpenHandler({ url: 'https://github.com/M2Team/NanaBox/blob/main/Documents/GenerateVmmsCertificate.ps1' });
  const evilOpener = window.webContents.windowOpenHandler({ url: 'javascript:alert(1)' });
  await sleep(20);
  result.navigation = {
    allowedPrevented: allowed.defaultPrevented,
    evilPrevented: evil.defaultPrevented,
    redirectPrevented: redirect.defaultPrevented,
    opener,
    evilOpener,
    openedExternally: state.openedExternally,
  };

  // a renderer crash: a new window, the VM untouched
  window.show();
  window.webContents.emit('render-process-gone', event(), { reason: 'crashed', exitCode: 5 });
  const replacement = await until('a new window', () => liveWindows().find((w) => w !== window));
  await until('the new window to load', () => replacement.webContents.url !== '');
  result.crash = {
    oldDestroyed: window.destroyed,
    newUrl: replacement.webContents.url,
    visible: await until('the new window to show', () => replacement.visible),
    oldSender: await call('app.version', undefined, { sender: window.webContents }),
    newSender: (await call('app.version', undefined, { sender: replacement.webContents })).ok,
    vmState: (await call('vm.get', { path: second })).value.state,
  };
  await call('app.ready', undefined, { sender: replacement.webContents });

  // Windows ends the session: blocked, the VM saved, then Hako quits without asking
  const query = event({ reasons: ['logoff'] });
  replacement.emit('query-session-end', query);
  await until('Hako to quit after the session end', () => state.quitted, 60_000);
  result.sessionEnd = {
    prevented: query.defaultPrevented,
    dialogs: state.dialogs.length,
    states: sent(replacement, 'vm.changed')
      .filter((s) => s.path === opened.value.path)
      .map((s) => s.state),
    quitted: state.quitted,
    trayDestroyed: state.trays[0].destroyed,
    handlersLeft: [...state.ipcHandlers.keys()].filter((k) => k.startsWith('hako:')).length,
  };
  result.errorBoxes = state.errorBoxes;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  result.error = error instanceof Error ? `${error.stack}` : String(error);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(1);
}
