/** Applies the theme preference to <html data-theme>, following the system's changes while it is `system`. */
import { useEffect } from 'react';
import { useHako } from '../store/context.js';
import { effectiveTheme } from './theme.js';

export function useTheme(): void {
  const preference = useHako((s) => s.preferences?.theme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = effectiveTheme(preference, query.matches);
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [preference]);
}
