import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAllowedRequest, isAppUrl, isTrustedSender } from './origin.js';

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
