/**
 * What the UI benchmark runs inside the page (installed with Playwright's addInitScript, so it is one
 * self-contained function: nothing outside it exists in the page). It finds the library's rows by the
 * classes the sidebar and the Home grid give them (`.nav-list .pane-link` with its `.pane-label`,
 * `.vm-card` with its `.vm-card-name`), so it measures the list whatever renders it.
 *
 * Two ways of saying "painted":
 * - `paintedAt`, for a page load: the first animation frame in which every visible row is in the DOM,
 *   plus that frame's rendering (a message posted from the frame's rAF callback runs after it).
 * - `until()`, for a keystroke or an event: `work` is the time from the input (the keydown's
 *   timestamp, or the WebSocket message's arrival) until the DOM shows the result, laid out (checked
 *   at the end of every input event and after every task), plus the rendering of the next frame. The
 *   idle wait for the display's next refresh between the two (up to 16.7 ms at 60 Hz) is not the app's
 *   work and is left out; `wall` keeps it in, for comparison.
 *
 * A list "shows every visible row" when its rows reach the bottom of what can be seen of it (its
 * scrolling container, the window), or it renders all `expected` rows.
 */

interface Rect {
  readonly top: number;
  readonly bottom: number;
}
interface El {
  readonly textContent: string | null;
  readonly parentElement: El | null;
  getBoundingClientRect(): Rect;
  querySelector(selector: string): El | null;
}
interface ProbeWindow {
  __hakoBench?: unknown;
  readonly innerHeight: number;
  WebSocket: new (url: string, protocols?: string | string[]) => { addEventListener(type: string, listener: (event: { data: unknown }) => void): void };
  getComputedStyle(element: El): { readonly overflowY: string };
  addEventListener(type: string, listener: () => void): void;
}
declare const window: ProbeWindow;
declare const document: {
  querySelectorAll(selector: string): Iterable<El> & ArrayLike<El>;
  addEventListener(type: string, listener: (event: { readonly timeStamp: number }) => void, capture?: boolean): void;
};
declare function requestAnimationFrame(callback: () => void): number;
declare class MessageChannel {
  readonly port1: { onmessage: (() => void) | null };
  readonly port2: { postMessage(message: unknown): void };
}

/** What a list should show: exactly these names (by display name), `count` of them in all. */
export interface Expected {
  readonly names: readonly string[] | null;
  readonly count: number;
}

/** A row that must show a text: the VM `name`'s sidebar entry (and its card, where one is rendered). */
export interface RowText {
  readonly name: string;
  readonly text: string;
}

export interface Measured {
  readonly work: number;
  readonly wall: number;
}

export interface Probe {
  paintedAt: number | null;
  readonly wsEvents: { t: number; path: string; state: string }[];
  lastKeyDown: number;
  /**
   * Starts watching at once; `done` resolves when the lists show `expected`, measured from the next
   * keystroke. (Wrapped, so the caller knows the watch has begun before it presses the key.)
   */
  whenFiltered(expected: Expected): { done: Promise<Measured> };
  /** As whenFiltered: until the VM's row shows `text`, from the next `vm.changed` event of `path` in `state`. */
  whenRowShows(row: RowText, path: string, state: string): { done: Promise<Measured> };
}

export function installProbe(total: number): void {
  const SIDEBAR_ROWS = '.nav-list .pane-link';
  const SIDEBAR_NAME = '.pane-label';
  const CARDS = '.vm-cards .vm-card';
  const CARD_NAME = '.vm-card-name';
  const TIMEOUT_MS = 20_000;

  const nameOf = (row: El, selector: string) => (row.querySelector(selector)?.textContent ?? '').trim();

  const visibleBottom = (element: El): number => {
    let bottom = window.innerHeight;
    for (let node = element.parentElement; node !== null; node = node.parentElement) {
      const overflow = window.getComputedStyle(node).overflowY;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') bottom = Math.min(bottom, node.getBoundingClientRect().bottom);
    }
    return bottom;
  };

  /** The list shows every row it can: all `count` of them, or enough to reach its visible bottom. */
  const listShows = (selector: string, nameSelector: string, expected: Expected): boolean => {
    const rows = [...document.querySelectorAll(selector)];
    if (expected.names !== null) {
      const wanted = new Set(expected.names);
      if (!rows.every((row) => wanted.has(nameOf(row, nameSelector)))) return false;
    }
    if (expected.count === 0) return rows.length === 0;
    if (rows.length === 0) return false;
    if (rows.length >= expected.count) return true;
    return rows[rows.length - 1]!.getBoundingClientRect().bottom >= visibleBottom(rows[0]!) - 1;
  };

  const bothShow = (expected: Expected) => listShows(SIDEBAR_ROWS, SIDEBAR_NAME, expected) && listShows(CARDS, CARD_NAME, expected);

  const rowShows = (row: RowText): boolean => {
    const entry = [...document.querySelectorAll(SIDEBAR_ROWS)].find((el) => nameOf(el, SIDEBAR_NAME) === row.name);
    if (entry === undefined || !(entry.textContent ?? '').includes(row.text)) return false;
    const card = [...document.querySelectorAll(CARDS)].find((el) => nameOf(el, CARD_NAME) === row.name);
    return card === undefined || (card.textContent ?? '').includes(row.text);
  };

  /** After the next frame's rendering: [rAF time, time after the frame]. */
  const nextFrame = (): Promise<[number, number]> =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const frameStart = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve([frameStart, performance.now()]);
        channel.port2.postMessage(0);
      }),
    );

  /**
   * Checks waiting for the end of an `input` event. Chromium's scheduler runs the frame after a key
   * before tasks queued behind it (seen in traces: the first posted-message check after a keystroke
   * ran only after the next frame, 6–20 ms after the key), so checking between tasks alone would count
   * the idle wait for the display's refresh as work, and time the frame after the one that painted
   * the change. A listener on the window runs after the app's (React renders a discrete update in
   * the microtask after its own listener), so it sees the DOM as the keystroke left it.
   */
  const afterInput = new Set<() => void>();
  window.addEventListener('input', () => {
    for (const check of [...afterInput]) check();
  });

  /** Checks `done` at the end of every input event and after every task from now on; then adds the next frame's rendering. */
  const until = (done: () => boolean, since: () => number | null): Promise<Measured> =>
    new Promise((resolve, reject) => {
      const began = performance.now();
      let settled = false;
      const settle = () => {
        settled = true;
        afterInput.delete(check);
      };
      const check = (): boolean => {
        if (settled) return true;
        const t0 = since();
        if (t0 === null || !done()) return false;
        const ready = performance.now();
        settle();
        void nextFrame().then(([frameStart, frameEnd]) => resolve({ work: ready - t0 + (frameEnd - frameStart), wall: frameEnd - t0 }));
        return true;
      };
      afterInput.add(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (check()) return;
        if (performance.now() - began > TIMEOUT_MS) {
          settle();
          reject(new Error('the page did not show the change in time'));
        } else channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    });

  const probe: Probe = {
    paintedAt: null,
    wsEvents: [],
    lastKeyDown: 0,
    whenFiltered: (expected) => {
      const from = performance.now();
      return { done: until(() => bothShow(expected), () => (probe.lastKeyDown > from ? probe.lastKeyDown : null)) };
    },
    whenRowShows: (row, path, state) => {
      const from = probe.wsEvents.length;
      return { done: until(() => rowShows(row), () => probe.wsEvents.slice(from).find((event) => event.path === path && event.state === state)?.t ?? null) };
    },
  };
  window.__hakoBench = probe;

  document.addEventListener('keydown', (event) => (probe.lastKeyDown = event.timeStamp), true);

  // The time each vm.changed event reaches the page, before the app's own listener sees it.
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const t = performance.now();
        if (typeof event.data !== 'string' || !event.data.includes('vm.changed')) return;
        const { payload } = JSON.parse(event.data) as { payload?: { path?: string; state?: string } };
        if (payload?.path !== undefined && payload.state !== undefined) probe.wsEvents.push({ t, path: payload.path, state: payload.state });
      });
    }
  };

  const watch = () => {
    if (bothShow({ names: null, count: total })) void nextFrame().then(([, end]) => (probe.paintedAt = end));
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}
