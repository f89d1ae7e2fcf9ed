// What crosses between the VM page and its console document is checked on arrival, both ways.
import { describe, expect, it } from 'vitest';
import { readConsoleMessage, readPageMessage } from './console-protocol.js';

const CONNECT = {
  type: 'connect',
  proxyUrl: 'ws://127.0.0.1:4000/console',
  token: 'abc',
  destination: 'localhost:3389',
  enhanced: true,
  credentials: { username: 'alice', domain: '', password: 'pw' },
  desktop: { width: 1280, height: 800 },
  scale: 'fit',
};

describe('messages to the console document', () => {
  it('takes a well-formed connect, disconnect, scale, keys, resize and focus', () => {
    expect(readPageMessage(CONNECT)).toEqual(CONNECT);
    expect(readPageMessage({ ...CONNECT, enhanced: false, credentials: null })).toMatchObject({ credentials: null });
    expect(readPageMessage({ type: 'disconnect', extra: 1 })).toEqual({ type: 'disconnect' });
    expect(readPageMessage({ type: 'scale', scale: 'real' })).toEqual({ type: 'scale', scale: 'real' });
    expect(readPageMessage({ type: 'keys', keys: 'ctrl-alt-del' })).toEqual({ type: 'keys', keys: 'ctrl-alt-del' });
    expect(readPageMessage({ type: 'resize', width: 1600, height: 900 })).toEqual({ type: 'resize', width: 1600, height: 900 });
    expect(readPageMessage({ type: 'focus' })).toEqual({ type: 'focus' });
  });

  it('refuses anything else: another proxy scheme, oversized fields, bad sizes, unknown keys or types', () => {
    for (const bad of [
      null,
      'connect',
      [],
      { ...CONNECT, proxyUrl: 'https://example.com/' },
      { ...CONNECT, proxyUrl: 'javascript:alert(1)' },
      { ...CONNECT, token: 'x'.repeat(300) },
      { ...CONNECT, desktop: { width: 0, height: 800 } },
      { ...CONNECT, desktop: { width: 1.5, height: 800 } },
      { ...CONNECT, scale: 'full' },
      { ...CONNECT, enhanced: 'yes' },
      { ...CONNECT, credentials: { username: 'a', password: 'b' } },
      { type: 'keys', keys: 'alt-f4' },
      { type: 'resize', width: 100_000, height: 10 },
      { type: 'scale', scale: 2 },
      { type: 'eval', code: '1' },
    ]) {
      expect(readPageMessage(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('messages from the console document', () => {
  it('takes what the console reports', () => {
    expect(readConsoleMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(readConsoleMessage({ type: 'connected', width: 1024, height: 768 })).toEqual({ type: 'connected', width: 1024, height: 768 });
    expect(readConsoleMessage({ type: 'ended', reason: 'server closed' })).toEqual({ type: 'ended', reason: 'server closed' });
    expect(readConsoleMessage({ type: 'keyboard', captured: true })).toEqual({ type: 'keyboard', captured: true });
    expect(readConsoleMessage({ type: 'failed', failure: { kind: 4, message: 'x', httpStatusCode: 401, wsaErrorCode: 'no', tlsAlertCode: -1 } })).toEqual({
      type: 'failed',
      failure: { kind: 4, message: 'x', httpStatusCode: 401 },
    });
  });

  it('refuses malformed reports', () => {
    for (const bad of [{ type: 'connected', width: -1, height: 2 }, { type: 'ended' }, { type: 'keyboard', captured: 'yes' }, { type: 'failed', failure: { message: 'x' } }, { type: 'release2' }, 42]) {
      expect(readConsoleMessage(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
