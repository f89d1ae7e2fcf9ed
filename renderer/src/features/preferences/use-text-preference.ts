/**
 * A preference typed as text (a command line, a folder): the box keeps what the user types and it is
 * saved when they leave the box or press Enter, if the form's own check passes (its complaint shows from
 * that first try on, not while the box is still empty and new); main's refusal (a path guard) shows
 * under the box and the typed text stays for them to fix.
 */
import { useEffect, useState } from 'react';
import type { Preferences } from '../../../../app/ipc/contract.js';
import { useHako, useHakoStore } from '../../store/context.js';

type TextKey = { [K in keyof Preferences]: Preferences[K] extends string ? K : never }[keyof Preferences];

export interface TextPreference {
  readonly saved: string;
  readonly draft: string;
  readonly errors: readonly string[];
  readonly saving: boolean;
  change(text: string): void;
  /** Saves the draft (when it differs and passes the check); resolves whether it is saved now. */
  commit(): Promise<boolean>;
  /** Saves `text` at once (a choice that sets the preference, e.g. back to the default). */
  set(text: string): Promise<boolean>;
}

export function useTextPreference(key: TextKey, check: (text: string) => string | null = () => null): TextPreference {
  const saved = useHako((s) => s.preferences?.[key] ?? '');
  const store = useHakoStore();
  const [draft, setDraft] = useState(saved);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);
  // Follow changes made elsewhere (another window), but never over a refused draft the user is fixing.
  useEffect(() => {
    if (refusal === null && !saving) setDraft(saved);
    // Only a new saved value resets the box.
  }, [saved]);

  const problem = check(draft);
  const save = async (text: string): Promise<boolean> => {
    setSaving(true);
    const outcome = await store.getState().setPreferences({ [key]: text });
    setSaving(false);
    setRefusal(outcome.ok ? null : outcome.error.message);
    if (!outcome.ok) setDraft(text);
    return outcome.ok;
  };
  return {
    saved,
    draft,
    saving,
    errors: [tried ? problem : null, refusal].filter((e): e is string => e !== null),
    change(text) {
      setDraft(text);
      setRefusal(null);
    },
    async commit() {
      if (draft === saved && refusal === null) return true;
      setTried(true);
      if (problem !== null) return false;
      return save(draft);
    },
    async set(text) {
      setDraft(text);
      return save(text);
    },
  };
}
