import { describe, expect, it } from 'vitest';
import { clipboardAction, rightClickAction, type KeyChord } from './clipboard-keys.js';

const chord = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('the console clipboard keys', () => {
  it('copies with Ctrl+Shift+C, and with Ctrl+C only while text is selected', () => {
    expect(clipboardAction(chord('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(clipboardAction(chord('C', { ctrlKey: true, shiftKey: true }), true)).toBe('copy');
    expect(clipboardAction(chord('c', { ctrlKey: true }), true)).toBe('copy');
    expect(clipboardAction(chord('c', { ctrlKey: true }), false)).toBeNull();
  });

  it('pastes with Ctrl+Shift+V and leaves Ctrl+V to the guest (^V)', () => {
    expect(clipboardAction(chord('V', { ctrlKey: true, shiftKey: true }), false)).toBe('paste');
    expect(clipboardAction(chord('v', { ctrlKey: true }), false)).toBeNull();
  });

  it('leaves every other key to the guest', () => {
    expect(clipboardAction(chord('c'), true)).toBeNull();
    expect(clipboardAction(chord('C', { shiftKey: true }), true)).toBeNull();
    expect(clipboardAction(chord('c', { ctrlKey: true, altKey: true }), true)).toBeNull();
    expect(clipboardAction(chord('c', { ctrlKey: true, metaKey: true }), true)).toBeNull();
    expect(clipboardAction(chord('d', { ctrlKey: true }), true)).toBeNull();
  });

  it('copies the selection with a right click, and pastes when nothing is selected', () => {
    expect(rightClickAction(true)).toBe('copy');
    expect(rightClickAction(false)).toBe('paste');
  });
});
