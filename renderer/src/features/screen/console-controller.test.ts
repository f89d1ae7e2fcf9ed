// The Screen tab's logic with a scripted API and a recorded console document: tickets, credentials,
// reconnection after a guest reboot, failures in the user's words, and the resize requests.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleResultDto } from '../../../../app/ipc/contract.js';
import { apiError, createStubApi, type StubApi } from '../../../../test/support/renderer/stub-api.js';
import { ConsoleController, RECONNECT_EVERY_MS, RECONNECT_FOR_MS } from './console-controller.js';
import type { PageToConsole } from './console-protocol.js';

const PATH = '/vms/win.7b';
const TICKET = { ticketId: '0123456789abcdef', token: 'tok', proxyUrl: 'ws://127.0.0.1:1/console', destination: 'localhost:3389', expiresAt: 0 };

let api: StubApi;
let posted: PageToConsole[];
let timers: { run: () => void; ms: number }[];
let now: number;
let result: ConsoleResultDto | null;
let released: number;

function controller(viewport = { width: 1000, height: 700 }): ConsoleController {
  return new ConsoleController({
    api,
    path: PATH,
    post: (message) => posted.push(message),
    viewport: () => viewport,
    onRelease: () => released++,
    schedule: (run, ms) => {
      const timer = { run, ms };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    },
    now: () => now,
  });
}

/** A controller whose console document is ready and whose VM runs. */
function ready(viewport?: { width: number; height: number }): ConsoleController {
  const console = controller(viewport);
  console.vmRunning(true);
  console.frameMessage({ type: 'ready' });
  return console;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const connects = () => posted.filter((message) => message.type === 'connect');

beforeEach(() => {
  posted = [];
  timers = [];
  now = 1_000;
  result = { state: 'connecting' };
  released = 0;
  api = createStubApi({
    'session.consoleTicket': () => TICKET,
    'session.consoleResult': () => result,
    'session.credentials': () => ({ canRemember: true, remembered: null }),
    'session.rememberCredentials': () => undefined,
    'session.forgetCredentials': () => undefined,
  });
});

describe('the console controller', () => {
  it('waits for the console document and a running VM before it offers to connect', () => {
    const console = controller();
    expect(console.status.kind).toBe('loading');
    console.vmRunning(true);
    expect(console.status.kind).toBe('loading');
    console.frameMessage({ type: 'ready' });
    expect(console.status.kind).toBe('idle');
    console.vmRunning(false);
    expect(console.status.kind).toBe('off');
  });

  it('connects a basic session with a fresh ticket, the window’s size and no credentials', async () => {
    const console = ready({ width: 1001, height: 700 });
    await console.connect('basic');
    expect(api.calls.find((call) => call.name === 'session.consoleTicket')?.input).toEqual({ path: PATH, mode: 'basic' });
    expect(connects()).toEqual([
      { type: 'connect', proxyUrl: TICKET.proxyUrl, token: 'tok', destination: 'localhost:3389', enhanced: false, credentials: null, desktop: { width: 1000, height: 700 }, scale: 'fit' },
    ]);
    expect(console.status).toEqual({ kind: 'connecting', mode: 'basic' });
    console.frameMessage({ type: 'connected', width: 1280, height: 800 });
    expect(console.status).toMatchObject({ kind: 'connected', mode: 'basic', width: 1280, height: 800 });
    console.frameMessage({ type: 'keyboard', captured: false });
    expect(console.status).toMatchObject({ keyboard: false });
    console.frameMessage({ type: 'release' });
    expect(released).toBe(1);
  });

  it('asks the guest’s credentials for an enhanced session, remembers them only when asked, and uses remembered ones without asking', async () => {
    const console = ready();
    await console.connect('enhanced');
    expect(console.status).toEqual({ kind: 'credentials', canRemember: true, username: '', domain: '', rejected: false });
    expect(connects()).toEqual([]);
    await console.submitCredentials({ username: 'alice', domain: 'LAB', password: 'pw' }, true);
    expect(api.calls.find((call) => call.name === 'session.rememberCredentials')?.input).toEqual({ path: PATH, credentials: { username: 'alice', domain: 'LAB', password: 'pw' } });
    expect(connects().at(-1)).toMatchObject({ enhanced: true, credentials: { username: 'alice', domain: 'LAB', password: 'pw' } });

    api.handlers['session.credentials'] = () => ({ canRemember: true, remembered: { username: 'bob', domain: '', password: 'x' } });
    await console.connect('enhanced');
    expect(console.status.kind).toBe('connecting');
    expect(connects().at(-1)).toMatchObject({ credentials: { username: 'bob' } });

    // "Sign in again" asks even when some are remembered; not ticking "remember" forgets them.
    await console.connect('enhanced', { askCredentials: true });
    expect(console.status).toMatchObject({ kind: 'credentials', username: 'bob', rejected: true });
    await console.submitCredentials({ username: 'bob', domain: '', password: 'y' }, false);
    expect(api.log.filter((name) => name === 'session.forgetCredentials')).toHaveLength(1);
  });

  it('explains a failure in main’s words first (the VMMS certificate), in IronRDP’s after the relay (the sign-in)', async () => {
    const console = ready();
    await console.connect('basic');
    result = { state: 'failed', error: { code: 'ConsoleTlsFailed', message: 'The TLS handshake with the VM’s session failed.' } };
    console.frameMessage({ type: 'failed', failure: { kind: 4, message: 'RDCleanPath error', tlsAlertCode: 40 } });
    await settle();
    expect(console.status).toMatchObject({ kind: 'failed', view: { title: 'screen.failure.tls', actions: ['diagnostics', 'retry', 'external'], error: { code: 'ConsoleTlsFailed' } } });

    await console.connect('enhanced');
    await console.submitCredentials({ username: 'a', domain: '', password: 'wrong' }, false);
    result = { state: 'ended' };
    console.frameMessage({ type: 'failed', failure: { kind: 2, message: 'logon failure' } });
    await settle();
    expect(console.status).toMatchObject({ kind: 'failed', view: { title: 'screen.failure.signIn', actions: ['signIn'], error: null } });
  });

  it('says the VM is off when the ticket is refused because it stopped', async () => {
    const console = ready();
    api.handlers['session.consoleTicket'] = () => {
      throw apiError({ code: 'VmNotRunning', message: 'The VM is stopped.' });
    };
    await console.connect('basic');
    expect(console.status.kind).toBe('off');
  });

  it('reconnects after the session drops while the VM runs (a guest reboot), and gives up after a while', async () => {
    const console = ready();
    await console.connect('basic');
    console.frameMessage({ type: 'connected', width: 1024, height: 768 });
    console.frameMessage({ type: 'ended', reason: 'server closed' });
    expect(console.status).toEqual({ kind: 'reconnecting', mode: 'basic' });
    expect(timers.map((t) => t.ms)).toEqual([RECONNECT_EVERY_MS]);
    timers.shift()!.run();
    await settle();
    expect(connects()).toHaveLength(2);
    // The guest is not back yet: the attempt fails, and another is scheduled.
    result = { state: 'failed', error: { code: 'SessionUnavailable', message: 'closed' } };
    console.frameMessage({ type: 'failed', failure: { kind: 4, message: 'x', wsaErrorCode: 10054 } });
    await settle();
    expect(console.status.kind).toBe('reconnecting');
    timers.shift()!.run();
    await settle();
    console.frameMessage({ type: 'connected', width: 1024, height: 768 });
    expect(console.status.kind).toBe('connected');

    // Dropped again, and never back.
    console.frameMessage({ type: 'ended', reason: 'server closed' });
    now += RECONNECT_FOR_MS + 1;
    timers.shift()!.run();
    await settle();
    console.frameMessage({ type: 'failed', failure: { kind: 4, message: 'x' } });
    await settle();
    expect(console.status).toMatchObject({ kind: 'failed', view: { title: 'screen.failure.lost' } });
  });

  it('does not reconnect when the VM stopped, nor after the user disconnected', async () => {
    const console = ready();
    await console.connect('basic');
    console.frameMessage({ type: 'connected', width: 1024, height: 768 });
    console.vmRunning(false);
    console.frameMessage({ type: 'ended', reason: 'closed' });
    expect(console.status.kind).toBe('off');
    expect(posted.at(-1)).toEqual({ type: 'disconnect' });
    expect(timers).toEqual([]);

    console.vmRunning(true);
    await console.connect('basic');
    console.frameMessage({ type: 'connected', width: 1024, height: 768 });
    console.disconnect();
    console.frameMessage({ type: 'ended', reason: 'closed' });
    expect(console.status.kind).toBe('idle');
    expect(timers).toEqual([]);
  });

  it('asks an enhanced guest to follow the window, within bounds and with an even width; a basic session is never asked', async () => {
    const viewport = { width: 1000, height: 700 };
    const console = ready(viewport);
    await console.connect('basic');
    console.frameMessage({ type: 'connected', width: 1024, height: 768 });
    viewport.width = 1201;
    console.viewportResized();
    expect(posted.filter((m) => m.type === 'resize')).toEqual([]);

    api.handlers['session.credentials'] = () => ({ canRemember: false, remembered: { username: 'a', domain: '', password: 'b' } });
    await console.connect('enhanced');
    console.frameMessage({ type: 'connected', width: 1200, height: 700 });
    console.viewportResized();
    expect(posted.filter((m) => m.type === 'resize')).toEqual([]); // already that size
    viewport.width = 1601;
    viewport.height = 300;
    console.viewportResized();
    expect(posted.filter((m) => m.type === 'resize')).toEqual([{ type: 'resize', width: 1600, height: 480 }]);
    console.frameMessage({ type: 'resizeRequested', width: 1600, height: 480 });
    expect(console.status).toMatchObject({ requested: { width: 1600, height: 480 } });
    console.viewportResized();
    expect(posted.filter((m) => m.type === 'resize')).toHaveLength(1);
  });

  it('ignores what the console reports for an attempt it abandoned', async () => {
    const console = ready();
    await console.connect('basic');
    console.disconnect();
    console.frameMessage({ type: 'connected', width: 800, height: 600 });
    expect(console.status.kind).toBe('idle');
  });
});
