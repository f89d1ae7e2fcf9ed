/**
 * The terminal's colours come from the app's tokens (`--terminal-*` in styles/tokens.css), so light,
 * dark and high contrast follow the theme. xterm parses plain colours only, so each token is resolved by
 * the browser first (a high-contrast token names a system colour such as `Canvas`).
 *
 * No `selectionForeground`: xterm's DOM renderer would write it as a `style` attribute on each selected
 * cell, which the CSP refuses (as it refuses the attributes xterm writes for 24-bit SGR colours, which
 * therefore show in the terminal's own colour). The selection colours are chosen so the text stays
 * readable on them.
 */
import type { ITheme } from '@xterm/xterm';

const TOKENS = {
  background: '--terminal-bg',
  foreground: '--terminal-fg',
  cursor: '--terminal-cursor',
  cursorAccent: '--terminal-bg',
  selectionBackground: '--terminal-selection',
} as const satisfies Partial<Record<keyof ITheme, string>>;

export function terminalTheme(host: HTMLElement): ITheme {
  const probe = host.ownerDocument.createElement('span');
  probe.hidden = true;
  host.append(probe);
  try {
    const theme: Record<string, string> = {};
    for (const [key, token] of Object.entries(TOKENS)) {
      probe.style.color = `var(${token})`;
      theme[key] = getComputedStyle(probe).color;
    }
    return theme;
  } finally {
    probe.remove();
  }
}

/** Calls `changed` whenever the page's theme may have changed (the preference, the system's, forced colours). */
export function watchTheme(document: Document, changed: () => void): () => void {
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const queries = ['(prefers-color-scheme: dark)', '(forced-colors: active)'].map((q) => window.matchMedia(q));
  for (const query of queries) query.addEventListener('change', changed);
  return () => {
    observer.disconnect();
    for (const query of queries) query.removeEventListener('change', changed);
  };
}
