import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, mergeValidPreferences, preferencesSchema } from './preferences.js';

describe('preferences', () => {
  it('has defaults that validate', () => {
    expect(preferencesSchema.parse(DEFAULT_PREFERENCES)).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES.shutdownTimeoutSeconds).toBe(60);
  });

  it('merges only the valid values of an untrusted object', () => {
    const merged = mergeValidPreferences(DEFAULT_PREFERENCES, { theme: 'dark', shutdownTimeoutSeconds: 2, onSessionEnd: 'shutdown', extra: 1 });
    expect(merged).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark', onSessionEnd: 'shutdown' });
    expect(mergeValidPreferences(DEFAULT_PREFERENCES, null)).toBe(DEFAULT_PREFERENCES);
  });
});
