// A stand-in for the 'electron' module, so the built main process (out/main/index.js) can run under
// plain Node in tests (main-process.test.ts). It implements the members Hako's shell and electron-log
// use, with Electron's event shapes, and records what the app did in `__state` for the test driver.
// It is no emulation of Chromium: windows load nothing, dialogs answer what the driver says.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module, as 'electron' is */
'use strict';

const { EventEmitter } = require('node:events');
const os = require('node:os');
const path = require('node:path');

let resolveReady;
const state = {
  ready: new Promise((resolve) => (resolveReady = resolve)),
  isReady: false,
  lockAvailable: true,
  lockData: undefined,
  sandbox: false,
  appUserModelId: null,
  privileged: [],
  crashReporter: null,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  beforeRequest: null,
  permissionRequest: null,
  permissionCheck: null,
  windows: [],
  trays: [],
  notifications: [],
  dialogs: [],
  errorBoxes: [],
  dialogResponses: [],
  openedExternally: [],
  openedPaths: [],
  appMenu: undefined,
  quitCalls: 0,
  exitCode: null,
  quitted: false,
  becomeReady() {
    state.isReady = true;
    resolveReady();
    app.emit('ready', {});
  },
};

function event(extra = {}) {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

let nextId = 1;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.url = '';
    this.destroyed = false;
    this.sent = [];
    this.mainFrame = { url: '', parent: null };
    this.windowOpenHandler = null;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel, ...args) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args: structuredClone(args) });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  async loadURL(url) {
    this.emit('did-start-navigation', event({ url, isMainFrame: true, isSameDocument: false }));
    this.url = url;
    this.mainFrame = { url, parent: null };
  }
  getURL() {
    return this.url;
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.visible = false;
    this.destroyed = false;
    this.minimized = false;
    this.focused = 0;
    this.bounds = { x: 10, y: 20, width: options.width ?? 800, height: options.height ?? 600 };
    this.progress = [];
    state.windows.push(this);
    app.emit('web-contents-created', event(), this.webContents);
  }
  static getAllWindows() {
    return state.windows.filter((w) => !w.destroyed);
  }
  async loadURL(url) {
    await this.webContents.loadURL(url);
    setImmediate(() => this.emit('ready-to-show'));
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused++;
  }
  getBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    this.bounds = { ...bounds };
  }
  setProgressBar(value) {
    this.progress.push(value);
  }
  getNativeWindowHandle() {
    return Buffer.alloc(8);
  }
  close() {
    if (this.destroyed) return;
    const e = event();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.name = 'Hako';
    this.paths = {};
  }
  getName() {
    return this.name;
  }
  /** Windows' display languages, most preferred first (the shell's words follow them). */
  getPreferredSystemLanguages() {
    return ['en-US'];
  }
  getVersion() {
    return '0.0.0-test';
  }
  getAppPath() {
    return process.cwd();
  }
  getPath(name) {
    return this.paths[name] ?? path.join(os.tmpdir(), 'hako-fake-electron', name);
  }
  setPath(name, value) {
    this.paths[name] = value;
  }
  setAppLogsPath(value) {
    this.paths.logs = value;
  }
  requestSingleInstanceLock(data) {
    state.lockData = data;
    return state.lockAvailable;
  }
  hasSingleInstanceLock() {
    return state.lockAvailable;
  }
  setAppUserModelId(id) {
    state.appUserModelId = id;
  }
  enableSandbox() {
    if (state.isReady) throw new Error('app.enableSandbox() must be called before the app is ready');
    state.sandbox = true;
  }
  whenReady() {
    return state.ready;
  }
  isReady() {
    return state.isReady;
  }
  focus() {}
  quit() {
    state.quitCalls++;
    const e = event();
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) window.close();
    if (BrowserWindow.getAllWindows().length > 0) return;
    this.emit('will-quit', event());
    state.quitted = true;
  }
  exit(code = 0) {
    state.exitCode = code;
  }
}

const app = new App();

const ipcMain = {
  handle(channel, handler) {
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    state.ipcHandlers.delete(channel);
  },
  on(channel, listener) {
    state.ipcListeners.set(channel, listener);
  },
  removeAllListeners(channel) {
    state.ipcListeners.delete(channel);
  },
};

const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (state.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    state.privileged.push(...schemes);
  },
  handle(scheme, handler) {
    state.protocolHandlers.set(scheme, handler);
  },
};

const defaultSession = Object.assign(new EventEmitter(), {
  protocol,
  webRequest: {
    onBeforeRequest(listener) {
      state.beforeRequest = listener;
    },
  },
  setPermissionRequestHandler(handler) {
    state.permissionRequest = handler;
  },
  setPermissionCheckHandler(handler) {
    state.permissionCheck = handler;
  },
  setDevicePermissionHandler() {},
  setDisplayMediaRequestHandler() {},
  setPreloads() {},
  getPreloads() {
    return [];
  },
});

class NativeImage {
  constructor() {
    this.representations = [];
  }
  addRepresentation(representation) {
    this.representations.push(representation);
  }
  isEmpty() {
    return this.representations.length === 0;
  }
}

class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    this.tooltip = '';
    this.menu = null;
    this.destroyed = false;
    state.trays.push(this);
  }
  setImage(image) {
    this.image = image;
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    this.options = options;
  }
  show() {
    state.notifications.push(this.options);
  }
}

async function showMessageBox(windowOrOptions, maybeOptions) {
  const options = maybeOptions ?? windowOrOptions;
  state.dialogs.push(options);
  const answer = state.dialogResponses.shift();
  const response = typeof answer === 'string' ? options.buttons.indexOf(answer) : (answer ?? options.cancelId ?? 0);
  if (response < 0) throw new Error(`no button "${answer}" in ${JSON.stringify(options.buttons)}`);
  return { response, checkboxChecked: false };
}

exports.app = app;
exports.BrowserWindow = BrowserWindow;
exports.ipcMain = ipcMain;
exports.protocol = protocol;
exports.session = { defaultSession };
exports.crashReporter = {
  start(options) {
    state.crashReporter = options;
  },
};
exports.nativeImage = {
  createEmpty: () => new NativeImage(),
};
exports.nativeTheme = { shouldUseDarkColors: false };
exports.Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    state.appMenu = menu;
  },
};
exports.Tray = Tray;
// Reversible, as Electron's is; "encrypted" by XOR so no plaintext reaches a file in tests.
exports.safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((byte) => byte ^ 0x5a)),
  decryptString: (data) => Buffer.from([...data].map((byte) => byte ^ 0x5a)).toString('utf8'),
};
exports.Notification = Notification;
exports.dialog = {
  showMessageBox,
  showErrorBox(title, content) {
    state.errorBoxes.push({ title, content });
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
};
exports.shell = {
  async openExternal(url) {
    state.openedExternally.push(url);
  },
  async openPath(p) {
    state.openedPaths.push(p);
    return '';
  },
};
exports.webContents = {
  getAllWebContents: () => state.windows.map((w) => w.webContents),
};
exports.__state = state;
