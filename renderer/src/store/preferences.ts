/** The app-wide preferences as main holds them; a change shows at once and rolls back if main refuses it. */
import type { HakoApi, Preferences } from '../../../app/ipc/contract.js';
import { attempt, type Outcome } from './outcome.js';
import type { SliceContext } from './slice.js';

export interface PreferencesSlice {
  /** Null until main answered. */
  readonly preferences: Preferences | null;
  adoptPreferences(preferences: Preferences): void;
  setPreferences(patch: Partial<Preferences>): Promise<Outcome<Preferences>>;
}

export function createPreferencesSlice({ set, get }: SliceContext<PreferencesSlice>, api: HakoApi): PreferencesSlice {
  return {
    preferences: null,
    adoptPreferences: (preferences) => set({ preferences }),
    async setPreferences(patch) {
      const previous = get().preferences;
      if (previous) set({ preferences: { ...previous, ...patch } });
      const outcome = await attempt(() => api.invoke('app.setPreferences', patch));
      set({ preferences: outcome.ok ? outcome.value : previous });
      return outcome;
    },
  };
}
