/**
 * Full screen for the console area (the Fullscreen API on the page's own element, so no frame needs the
 * permission). While full screen, the keyboard is locked where the browser offers it (Keyboard Lock), so
 * keys like Alt+Tab and the Windows key reach the guest; Esc held down leaves, as the browser says.
 */
import { useEffect, useState, type RefObject } from 'react';

interface KeyboardLock {
  lock?(keys?: string[]): Promise<void>;
  unlock?(): void;
}

function keyboardOf(): KeyboardLock | undefined {
  return (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
}

export function useFullscreen(target: RefObject<HTMLElement | null>): { readonly active: boolean; toggle(): void } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const changed = () => {
      const on = document.fullscreenElement !== null && document.fullscreenElement === target.current;
      setActive(on);
      if (on) void keyboardOf()?.lock?.().catch(() => undefined);
      else keyboardOf()?.unlock?.();
    };
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, [target]);
  return {
    active,
    toggle() {
      if (document.fullscreenElement !== null) void document.exitFullscreen().catch(() => undefined);
      else void target.current?.requestFullscreen().catch(() => undefined);
    },
  };
}
