import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONSOLE_DOCUMENT_URL, isAllowedPermission, isAllowedRequest, isAllowedSubframe, isAppUrl, isTrustedSender } from './origin.js';

describe('the app:// origin', () => {
  it('accepts app://hako only, without credentials or port', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://hako/assets/x.js?v=1#a')).toBe(true);
    for (const url of ['app://other/index.html', 'app://hako:8080/', 'app://user@hako/', 'http://hako/', 'file:///C:/x', 'hako', '', 'app://hako.evil/']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('trusts only our window’s main frame on our origin', () => {
    const ok = { url: 'app://hako/index.html', isMainFrame: true, isOurWindow: true };
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ ...ok, url: null })).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, isOurWindow: false })).toBe(false);
    expect(isTrustedSender({ ...ok, url: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ ...ok, url: 'devtools://devtools/bundled/x.html' })).toBe(false);
  });

  it('lets the renderer request only its own files (DevTools outside packaged builds)', () => {
    expect(isAllowedRequest('app://hako/assets/index.js', { devTools: false })).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', { devTools: false })).toBe(true);
    expect(isAllowedRequest('blob:app://hako/6d1c', { devTools: false })).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:1234/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'blob:https://x/1', 'app://other/']) {
      expect(isAllowedRequest(url, { devTools: true }), url).toBe(false);
    }
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { devTools: false })).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { devTools: true })).toBe(true);
  });
});

describe('the console in the Electron window', () => {
  it('lets the renderer reach exactly the console’s loopback WebSocket, nothing near it', () => {
    const consoleUrl = 'ws://127.0.0.1:45678/console';
    expect(isAllowedRequest(consoleUrl, { devTools: false, consoleUrl })).toBe(true);
    for (const url of ['ws://127.0.0.1:45679/console', 'ws://127.0.0.1:45678/console/x', 'ws://127.0.0.1:45678/ipc', 'ws://localhost:45678/console', 'wss://127.0.0.1:45678/console', 'http://127.0.0.1:45678/console']) {
      expect(isAllowedRequest(url, { devTools: false, consoleUrl }), url).toBe(false);
    }
    expect(isAllowedRequest(consoleUrl, { devTools: false })).toBe(false);
    expect(isAllowedRequest(consoleUrl, { devTools: false, consoleUrl: null })).toBe(false);
  });

  it('lets a frame load the console document only', () => {
    expect(isAllowedSubframe(CONSOLE_DOCUMENT_URL)).toBe(true);
    for (const url of ['app://hako/index.html', 'app://hako/console.html?x=1', 'app://hako/console.html#a', 'app://other/console.html', 'https://example.com/console.html', 'about:blank']) {
      expect(isAllowedSubframe(url), url).toBe(false);
    }
  });

  it('grants full screen, keyboard lock and the clipboard to our own pages only', () => {
    for (const permission of ['fullscreen', 'keyboardLock', 'clipboard-read', 'clipboard-sanitized-write']) {
      expect(isAllowedPermission(permission, 'app://hako/console.html'), permission).toBe(true);
      expect(isAllowedPermission(permission, 'https://example.com/'), permission).toBe(false);
      expect(isAllowedPermission(permission, null), permission).toBe(false);
    }
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'pointerLock']) expect(isAllowedPermission(permission, 'app://hako/console.html'), permission).toBe(false);
  });
});
