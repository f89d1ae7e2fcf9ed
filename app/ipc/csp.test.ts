// The two policies: the app's stays strict, and the console document's differs from it by exactly the
// deltas csp.ts explains (each one found necessary by removing it, reference/sessions.md §2).
import { describe, expect, it } from 'vitest';
import { consolePolicy, CONSOLE_CSP_DIRECTIVES, CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from './csp.js';

/** A header value back into directive → sources. */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    expect(directives.has(name!), `${name} appears once`).toBe(false);
    directives.set(name!, sources);
  }
  return directives;
}

const PROXY = 'ws://127.0.0.1:49152/console';

describe('the app’s policy', () => {
  it('allows its own scripts and styles only, no eval or WebAssembly, no inline code, and frames its own origin only', () => {
    const app = parse(CONTENT_SECURITY_POLICY);
    expect(app.get('default-src')).toEqual(["'none'"]);
    expect(app.get('script-src')).toEqual(["'self'"]);
    expect(app.get('style-src')).toEqual(["'self'"]);
    expect(app.get('connect-src')).toEqual(["'self'"]);
    expect(app.get('frame-src')).toEqual(["'self'"]);
    expect(app.get('frame-ancestors')).toEqual(["'none'"]);
    expect(app.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|wasm|\*/);
  });
});

describe('the console document’s policy', () => {
  it('is the app’s with exactly five directives changed, as csp.ts explains them', () => {
    const app = parse(CONTENT_SECURITY_POLICY);
    const console_ = parse(consolePolicy(PROXY));
    expect([...console_.keys()].sort()).toEqual([...app.keys()].sort());
    const changed = [...console_.keys()].filter((name) => console_.get(name)!.join(' ') !== app.get(name)!.join(' ')).sort();
    expect(changed).toEqual(['connect-src', 'frame-ancestors', 'frame-src', 'script-src', 'style-src']);
    expect(console_.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(console_.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(console_.get('connect-src')).toEqual(["'self'", 'data:', PROXY]);
    expect(console_.get('frame-ancestors')).toEqual(["'self'"]);
    expect(console_.get('frame-src')).toEqual(["'none'"]);
  });

  it('never allows eval or inline script, and reaches only the one proxy URL it is given', () => {
    const policy = consolePolicy(PROXY);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(parse(policy).get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.match(/ws:\/\/[^\s;]+/g)).toEqual([PROXY]);
    // The proxy URL is added to connect-src only; the shared tables are not changed by it.
    expect(CONSOLE_CSP_DIRECTIVES['connect-src']).toEqual(["'self'", 'data:']);
    expect(CSP_DIRECTIVES['connect-src']).toEqual(["'self'"]);
    expect(Object.isFrozen(CONSOLE_CSP_DIRECTIVES)).toBe(true);
  });
});
