/** Which theme shows: `system` follows prefers-color-scheme, `light` and `dark` force one. */
export type EffectiveTheme = 'light' | 'dark';

export function effectiveTheme(preference: 'system' | 'light' | 'dark' | undefined, systemDark: boolean): EffectiveTheme {
  if (preference === 'light' || preference === 'dark') return preference;
  return systemDark ? 'dark' : 'light';
}
