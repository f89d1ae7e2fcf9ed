import { afterEach, describe, expect, it } from 'vitest';
import { takeHostSecret } from './host-secret.js';

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
});
