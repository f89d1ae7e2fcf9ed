import { describe, expect, it } from 'vitest';
import { UnsavedEdits } from './unsaved-edits.js';

describe('unsaved settings edits before quitting', () => {
  it('asks nothing without unsaved edits', async () => {
    let asked = 0;
    const edits = new UnsavedEdits({ ask: () => (asked++, true) });
    await expect(edits.confirm()).resolves.toBe(true);
    expect(asked).toBe(0);
  });

  it('asks the window and waits for its answer: stay keeps the edits, go on forgets them', async () => {
    let asked = 0;
    const edits = new UnsavedEdits({ ask: () => (asked++, true) });
    edits.set(['Alpha']);
    const first = edits.confirm();
    expect(asked).toBe(1);
    edits.answer(false);
    await expect(first).resolves.toBe(false);
    expect(edits.pending).toEqual(['Alpha']);
    const second = edits.confirm();
    edits.answer(true);
    await expect(second).resolves.toBe(true);
    expect(edits.pending).toEqual([]);
  });

  it('goes on when there is no window to ask, or the window goes away while asked', async () => {
    const noWindow = new UnsavedEdits({ ask: () => false });
    noWindow.set(['Alpha']);
    await expect(noWindow.confirm()).resolves.toBe(true);
    const edits = new UnsavedEdits({ ask: () => true });
    edits.set(['Alpha']);
    const asked = edits.confirm();
    edits.windowGone();
    await expect(asked).resolves.toBe(true);
  });
});
