/**
 * The Content-Security-Policy of every response that carries the renderer, in the Electron app (the
 * `app://` protocol) and in the browser host (HTTP): one policy, so both run the UI under the same rules.
 *
 * The renderer is a Vite build: scripts and styles are files of its own origin, no inline script, no
 * eval, no remote content. `connect-src 'self'` covers the browser host's WebSocket (CSP 3 matches ws: and
 * wss: of the page's own host for 'self'); the Electron renderer makes no requests at all besides its own
 * files (main cancels everything else).
 *
 * One document is different: the console (`console.html`, app/session/console.ts), which runs IronRDP's
 * web client. Its needs were each found by removing them (reference/sessions.md §2), so they are given to
 * that document alone, and the main UI keeps the strict policy. See CONSOLE_CSP_DIRECTIVES.
 */

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'none'"],
  // The VM page frames the console document, of its own origin and nothing else.
  'frame-src': ["'self'"],
  'child-src': ["'none'"],
  'media-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

/**
 * The console document's policy: the app's, with these deltas.
 * - `script-src 'wasm-unsafe-eval'`: IronRDP's RDP backend is WebAssembly, which the page compiles;
 *   this allows compiling WebAssembly and nothing else (no `eval`, no inline script).
 * - `connect-src data:`: the backend fetches its WebAssembly from a `data:` URL inlined in its script.
 *   The proxy's WebSocket URL is added per shell (`consolePolicy`).
 * - `style-src 'unsafe-inline'`: the web component injects a style block and sets style attributes;
 *   without them the picture draws at 1:1 but fit-to-window scaling breaks. The document holds no
 *   user content, so inline styles cannot be used to inject anything there.
 * - `frame-ancestors 'self'`: it is framed by the VM page of its own origin, and by nothing else (the
 *   browser host sends `X-Frame-Options: SAMEORIGIN` for this document alone; `DENY` for every other).
 * - `frame-src 'none'`: it frames nothing itself.
 */
export const CONSOLE_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ...CSP_DIRECTIVES,
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'", 'data:'],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'self'"],
});

/** A policy's header value, with extra `connect-src` sources (a WebSocket origin) appended. */
export function policyText(directives: Readonly<Record<string, readonly string[]>>, connect: readonly string[] = []): string {
  return Object.entries(directives)
    .map(([directive, sources]) => [directive, ...sources, ...(directive === 'connect-src' ? connect : [])].join(' '))
    .join('; ');
}

/** The header value. */
export const CONTENT_SECURITY_POLICY: string = policyText(CSP_DIRECTIVES);

/** The console document's header value, with the proxy's WebSocket URL (`ws://127.0.0.1:<port>/console`). */
export function consolePolicy(proxyUrl: string): string {
  return policyText(CONSOLE_CSP_DIRECTIVES, [proxyUrl]);
}

/** Headers every response carrying the renderer gets, besides its content type. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});
