/**
 * Full screen for the console area (the Fullscreen API on the page's own element, so no frame needs the
 * permission). While full screen, the keyboard is locked where the browser offers it (Keyboard Lock), so
 * keys like Alt+Tab and the Windows key reach the guest; Esc held down leaves, as the browser says.
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

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

/** Below the console area: its status line and the page's bottom padding. */
const BELOW_PX = 76;
const MIN_HEIGHT_PX = 320;

/**
 * Gives the console area the window's remaining height (the picture is as large as it can be without the
 * page scrolling), measured from where it sits in its scrolling page; again when the window resizes.
 */
export function useFillHeight(target: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const update = () => {
      const element = target.current;
      if (element === null || document.fullscreenElement === element) return;
      const scroller = element.closest('main');
      const top = element.getBoundingClientRect().top + (scroller?.scrollTop ?? 0) - (scroller?.getBoundingClientRect().top ?? 0);
      const available = (scroller?.clientHeight ?? window.innerHeight) - top - BELOW_PX;
      element.style.height = `${Math.max(MIN_HEIGHT_PX, Math.round(available))}px`;
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [target]);
}
