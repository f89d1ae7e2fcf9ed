import { afterEach, describe, expect, it } from 'vitest';
import { reloadOnNewSecret, takeHostSecret } from './host-secret.js';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('the browser host secret', () => {
  it('comes from the URL fragment once, leaves the address bar, and stays for reloads of this tab', () => {
    history.replaceState(null, '', '/?x=1#secret=abc');
    expect(takeHostSecret()).toBe('abc');
    expect(location.hash).toBe('');
    expect(location.search).toBe('?x=1');
    expect(takeHostSecret()).toBe('abc');
  });

  it('is empty when the page was opened without one', () => {
    expect(takeHostSecret()).toBe('');
  });

  it('loads the page again when a new address with another secret is opened in this tab', () => {
    history.replaceState(null, '', '/#secret=old');
    const secret = takeHostSecret();
    let reloads = 0;
    const stop = reloadOnNewSecret(secret, () => reloads++);
    history.replaceState(null, '', '/#secret=old');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(reloads).toBe(0);
    history.replaceState(null, '', '/#secret=new');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(reloads).toBe(1);
    expect(location.hash).toBe('');
    expect(takeHostSecret()).toBe('new');
    stop();
  });
});
