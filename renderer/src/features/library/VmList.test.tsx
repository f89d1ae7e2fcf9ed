import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREFERENCES, VERSION, createStubApi, snapshot, summary } from '../../../../test/support/renderer/stub-api.js';
import { renderWithHako } from '../../../../test/support/renderer/render.js';
import { createHakoStore } from '../../store/index.js';
import { HomePage } from './HomePage.js';
import { Sidebar } from './Sidebar.js';

// Every row draws one glyph and every card one state badge: counting those counts the rows drawn.
const drawn = vi.hoisted(() => ({ glyphs: [] as string[], badges: [] as string[] }));
vi.mock('./VmGlyph.js', () => ({
  VmGlyph: ({ state }: { state: string }) => {
    drawn.glyphs.push(state);
    return null;
  },
}));
vi.mock('../vm/state/VmStateBadge.js', () => ({
  VmStateBadge: ({ state }: { state: string }) => {
    drawn.badges.push(state);
    return <span>{state}</span>;
  },
}));

const COUNT = 200;
const path = (i: number) => `/vms/vm${i}/Lab ${String(i).padStart(3, '0')}.7b`;

// happy-dom lays nothing out: give every element a viewport, so the lists draw what fits in it.
const sizes = { clientHeight: 600, clientWidth: 900 };
const saved = new Map<string, PropertyDescriptor | undefined>();
beforeAll(() => {
  for (const name of Object.keys(sizes) as (keyof typeof sizes)[]) {
    saved.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => sizes[name] });
  }
});
afterAll(() => {
  for (const [name, descriptor] of saved) if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
});
beforeEach(() => {
  sizes.clientHeight = 600;
  drawn.glyphs.length = 0;
  drawn.badges.length = 0;
});

async function library() {
  const api = createStubApi({
    'app.ready': () => undefined,
    'library.list': () => Array.from({ length: COUNT }, (_, i) => summary(path(i))),
    'app.getPreferences': () => PREFERENCES,
    'app.version': () => VERSION,
    'library.recent': () => [],
  });
  const store = createHakoStore(api, { setTimeout: () => undefined });
  await store.getState().init();
  return { api, store };
}

describe('the library at scale', () => {
  it('the pane draws the rows in view, and a change to one VM draws that row again and no other', async () => {
    const { api, store } = await library();
    renderWithHako(<Sidebar onShowShortcuts={() => undefined} />, api, store);
    const list = screen.getByRole('list', { name: 'Virtual machines' });
    const rows = within(list).getAllByRole('button');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveAccessibleName('Lab 000 Stopped');

    drawn.glyphs.length = 0;
    act(() => api.emit('vm.changed', snapshot(path(2), { state: 'Running', actions: ['powerOff'] })));
    expect(drawn.glyphs).toEqual(['Running']);
    expect(within(list).getByRole('button', { name: 'Lab 002 Running' })).toBeInTheDocument();

    // A VM out of view changes: nothing is drawn.
    drawn.glyphs.length = 0;
    act(() => api.emit('vm.changed', snapshot(path(150), { state: 'Running', actions: ['powerOff'] })));
    expect(drawn.glyphs).toEqual([]);
  });

  it('the start page draws the cards in view, and a change to one VM draws that card again and no other', async () => {
    const { api, store } = await library();
    renderWithHako(<HomePage />, api, store);
    const grid = screen.getByRole('list', { name: 'Library' });
    const cards = within(grid).getAllByRole('listitem');
    expect(cards.length).toBeGreaterThan(3);
    expect(cards.length).toBeLessThan(60);

    drawn.badges.length = 0;
    act(() => api.emit('vm.changed', snapshot(path(1), { state: 'Paused', actions: ['resume', 'powerOff'] })));
    expect(drawn.badges).toEqual(['Paused']);
  });

  it('a search that keeps the VMs in view moves their rows and cards without drawing them again', async () => {
    const { api, store } = await library();
    renderWithHako(
      <>
        <Sidebar onShowShortcuts={() => undefined} />
        <HomePage />
      </>,
      api,
      store,
    );
    expect(screen.getByRole('button', { name: 'Lab 000 Stopped' })).toBeInTheDocument();
    drawn.glyphs.length = 0;
    drawn.badges.length = 0;
    // "Lab 0" keeps Lab 000… at the top but halves the count: every row's position changes, not its VM.
    act(() => store.getState().setQuery({ text: 'Lab 0' }));
    expect(within(screen.getByRole('list', { name: 'Virtual machines' })).getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '100');
    expect(drawn.glyphs).toEqual([]);
    expect(drawn.badges).toEqual([]);
    // A search that brings other VMs into view draws those.
    act(() => store.getState().setQuery({ text: 'Lab 15' }));
    expect(drawn.glyphs.length).toBeGreaterThan(0);
    expect(drawn.badges.length).toBeGreaterThan(0);
  });

  it('the pane draws no row beyond its view at rest, and one more each side while it scrolls', async () => {
    const { api, store } = await library();
    renderWithHako(<Sidebar onShowShortcuts={() => undefined} />, api, store);
    const list = screen.getByRole('list', { name: 'Virtual machines' });
    // 600 px of 52 px rows: rows 0 to 11 can be seen.
    expect(within(list).getAllByRole('listitem')).toHaveLength(12);
    vi.useFakeTimers();
    try {
      const scroller = list.parentElement!;
      scroller.scrollTop = 52 * 50;
      act(() => scroller.dispatchEvent(new Event('scroll')));
      const names = () => within(list).getAllByRole('button').map((row) => row.textContent);
      expect(within(list).getAllByRole('listitem')).toHaveLength(14);
      expect(names()[0]).toMatch(/^Lab 049/);
      expect(names().at(-1)).toMatch(/^Lab 062/);
      // Scrolling over: the rows out of view go.
      act(() => vi.advanceTimersByTime(1_000));
      expect(within(list).getAllByRole('listitem')).toHaveLength(12);
      expect(names()[0]).toMatch(/^Lab 050/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the pane draws the rows its scroller has room for in the render that changed its room', async () => {
    const { api, store } = await library();
    renderWithHako(<Sidebar onShowShortcuts={() => undefined} />, api, store);
    const rows = () => within(screen.getByRole('list', { name: 'Virtual machines' })).getAllByRole('listitem');
    expect(rows()).toHaveLength(12);
    // A search that every VM matches: the list is the same, but the pane's line about it takes room.
    act(() => {
      sizes.clientHeight = 400;
      store.getState().setQuery({ text: 'Lab' });
    });
    expect(screen.getByRole('status')).toHaveTextContent('200 of 200');
    expect(rows()).toHaveLength(8);
    act(() => {
      sizes.clientHeight = 600;
      store.getState().setQuery({ text: '' });
    });
    expect(rows()).toHaveLength(12);
  });

  it('the pane is one Tab stop; the arrow keys, End and typing reach every VM, also those not drawn yet', async () => {
    const { api, store } = await library();
    renderWithHako(<Sidebar onShowShortcuts={() => undefined} />, api, store);
    const nav = screen.getByRole('navigation', { name: 'Hako' });
    const tabbable = () => nav.querySelectorAll('[tabindex="0"]');
    expect(tabbable()).toHaveLength(1);
    const home = within(nav).getByRole('button', { name: 'Home' });
    expect(home).toHaveAttribute('tabindex', '0');

    home.focus();
    fireEvent.keyDown(home, { key: 'ArrowDown' });
    expect(document.activeElement).toHaveAccessibleName('Lab 000 Stopped');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toHaveAccessibleName('Preferences');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toHaveAccessibleName('Diagnostics');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toHaveAccessibleName('Virtual switches');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toHaveAccessibleName('Lab 199 Stopped');
    for (const key of 'lab 12') fireEvent.keyDown(document.activeElement!, { key });
    expect(document.activeElement).toHaveAccessibleName('Lab 120 Stopped');
    // Moving focus does not move the Tab stop: it stays on the page showing.
    expect(tabbable()).toHaveLength(1);
    expect(home).toHaveAttribute('tabindex', '0');

    // Showing a VM makes its entry the Tab stop.
    act(() => store.getState().select({ kind: 'vm', path: path(120) }));
    expect(within(nav).getByRole('button', { name: 'Lab 120 Stopped' })).toHaveAttribute('tabindex', '0');
    expect(tabbable()).toHaveLength(1);
  });
});
