/**
 * The console document (`console.html`): IronRDP's web client showing a VM's screen, framed by the VM
 * page's Console tab. It is its own document so that only it gets what IronRDP needs (WebAssembly,
 * inline styles, the proxy's WebSocket; app/ipc/csp.ts) and so that its 2 MB client loads only when a
 * console opens. It talks to the page alone, by postMessage (features/screen/console-protocol.ts): the
 * page hands it a ticket; it connects, and reports what happens. It has no access to Hako's API.
 */
import '@devolutions/iron-remote-desktop';
import { Backend, displayControl, enableCredssp, init } from '@devolutions/iron-remote-desktop-rdp';
import type { UserInteraction } from '@devolutions/iron-remote-desktop';
import { readPageMessage, type ConsoleConnect, type ConsoleToPage } from '../features/screen/console-protocol.js';
import { sendBlobsAsBytes } from './byte-sends.js';

// Before IronRDP opens its socket: its keys and frame acknowledgements go out at once (byte-sends.ts).
sendBlobsAsBytes(window);

/** IronRDP's `ScreenScale` (its enum is not exported): Fit 1, Real 3. */
const SCALE = { fit: 1, real: 3 } as const;

const framed = window.parent !== window;
const post = (message: ConsoleToPage) => {
  if (framed) window.parent.postMessage(message, location.origin);
};

let ui: UserInteraction | null = null;
let element: HTMLElement | null = null;
/** Bumped at each connect and disconnect, so a late answer of an older attempt is ignored. */
let attempt = 0;
/** A session is running (IronRDP's shutdown of a finished one throws). */
let live = false;

function shutdown(): void {
  if (!live || ui === null) return;
  live = false;
  try {
    ui.shutdown();
  } catch {
    // The session was ending on its own.
  }
}

/** Resolves once IronRDP's wrapper no longer carries its `hidden` class (or after a second, whatever it shows). */
function shown(): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const wrapper = element?.shadowRoot?.querySelector('.screen-wrapper');
      if ((wrapper !== null && wrapper !== undefined && !wrapper.classList.contains('hidden')) || performance.now() - started > 1000) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

function canvas(): HTMLCanvasElement | null {
  return element?.shadowRoot?.querySelector('canvas') ?? null;
}

function failureOf(error: unknown): Extract<ConsoleToPage, { type: 'failed' }>['failure'] {
  // IronRDP rejects with its IronError object: kind(), backtrace(), rdcleanpathDetails().
  const iron = error as { kind?: () => number; backtrace?: () => string; rdcleanpathDetails?: () => { httpStatusCode?: number; wsaErrorCode?: number; tlsAlertCode?: number } | undefined };
  if (typeof iron?.kind === 'function') {
    const details = iron.rdcleanpathDetails?.();
    return {
      kind: iron.kind(),
      message: (iron.backtrace?.() ?? '').split('\n')[0]!.slice(0, 2000),
      ...(details?.httpStatusCode !== undefined ? { httpStatusCode: details.httpStatusCode } : {}),
      ...(details?.wsaErrorCode !== undefined ? { wsaErrorCode: details.wsaErrorCode } : {}),
      ...(details?.tlsAlertCode !== undefined ? { tlsAlertCode: details.tlsAlertCode } : {}),
    };
  }
  return { kind: 0, message: (error instanceof Error ? error.message : String(error)).slice(0, 2000) };
}

async function connect(message: ConsoleConnect): Promise<void> {
  const api = ui;
  if (api === null) return;
  shutdown();
  const mine = ++attempt;
  const builder = api
    .configBuilder()
    .withDestination(message.destination)
    .withProxyAddress(message.proxyUrl)
    .withAuthToken(message.token)
    .withDesktopSize({ width: message.desktop.width, height: message.desktop.height })
    // Basic sessions negotiate TLS without CredSSP, as NanaBox's client does (reference/nanabox.md §5.2);
    // enhanced sessions sign in to the guest's own RDP server.
    .withExtension(enableCredssp(message.enhanced))
    .withExtension(displayControl(true));
  if (message.credentials !== null) {
    builder.withUsername(message.credentials.username).withPassword(message.credentials.password).withServerDomain(message.credentials.domain);
  }
  api.setEnableClipboard(message.enhanced);
  api.setEnableAutoClipboard(message.enhanced);
  try {
    const session = await api.connect(builder.build());
    live = true;
    if (mine !== attempt) {
      shutdown();
      return;
    }
    api.setVisibility(true);
    // IronRDP measures the picture's place to fit it, and until its hidden wrapper is shown (a render
    // later) that place is a frame up and left: fitted then, the desktop came out zoomed past the frame.
    await shown();
    if (mine !== attempt) return;
    api.setScale(SCALE[message.scale] as never);
    post({ type: 'connected', width: session.initialDesktopSize.width, height: session.initialDesktopSize.height });
    element?.focus();
    const ended = await session.run().then(
      (info) => info.reason(),
      (error: unknown) => failureOf(error).message,
    );
    if (mine === attempt) live = false;
    if (mine === attempt) post({ type: 'ended', reason: ended.slice(0, 2000) });
  } catch (error) {
    if (mine === attempt) post({ type: 'failed', failure: failureOf(error) });
  }
}

function onMessage(event: MessageEvent): void {
  if (event.origin !== location.origin || event.source !== window.parent) return;
  const message = readPageMessage(event.data);
  if (message === null || ui === null) return;
  switch (message.type) {
    case 'connect':
      void connect(message);
      break;
    case 'disconnect':
      attempt++;
      shutdown();
      break;
    case 'scale':
      ui.setScale(SCALE[message.scale] as never);
      break;
    case 'keys':
      if (!live) break;
      if (message.keys === 'ctrl-alt-del') ui.ctrlAltDel();
      else ui.metaKey();
      element?.focus();
      break;
    case 'resize':
      if (!live) break;
      ui.resize(message.width, message.height);
      post({ type: 'resizeRequested', width: message.width, height: message.height });
      break;
    case 'focus':
      element?.focus();
      break;
  }
}

/** Ctrl+Alt+← gives the keyboard back to Hako (VMConnect's release keys); the guest never sees it. */
function releaseKeys(event: KeyboardEvent): void {
  if (event.type === 'keydown' && event.ctrlKey && event.altKey && event.key === 'ArrowLeft') {
    event.preventDefault();
    event.stopImmediatePropagation();
    post({ type: 'release' });
  }
}

async function start(): Promise<void> {
  // Only as the VM page's frame: opened on its own, it has nobody to take a ticket from.
  if (!framed) return;
  window.addEventListener('message', onMessage);
  window.addEventListener('keydown', releaseKeys, true);
  await init('WARN');
  const host = document.getElementById('screen')!;
  const remote = document.createElement('iron-remote-desktop');
  remote.setAttribute('scale', 'fit');
  remote.setAttribute('flexcenter', 'true');
  remote.setAttribute('verbose', 'false');
  (remote as HTMLElement & { module: unknown }).module = Backend;
  remote.addEventListener('ready', (event) => {
    ui = (event as CustomEvent<{ irgUserInteraction: UserInteraction }>).detail.irgUserInteraction;
    post({ type: 'ready' });
  });
  remote.addEventListener('focusin', () => post({ type: 'keyboard', captured: true }));
  remote.addEventListener('focusout', () => post({ type: 'keyboard', captured: false }));
  element = remote;
  host.append(remote);
  // The guest's desktop size is the canvas's: IronRDP resizes it when the server changes resolution.
  const watch = () => {
    const picture = canvas();
    if (picture === null) return false;
    new MutationObserver(() => post({ type: 'desktop', width: picture.width, height: picture.height })).observe(picture, { attributes: true, attributeFilter: ['width', 'height'] });
    return true;
  };
  if (!watch()) {
    const poll = setInterval(() => {
      if (watch()) clearInterval(poll);
    }, 50);
  }
}

void start();
