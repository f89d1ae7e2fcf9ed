/**
 * A flag that stays up for a while after it drops. During a flood main pauses and resumes reading the
 * VM's pipe several times a second (1 MiB window, resumed at half), so the "Output paused" note would
 * come and go at that rate: too fast to read, and each change moves the terminal (which refits it).
 */
import { useEffect, useState } from 'react';

/** How long the paused note stays after main resumed reading. */
export const PAUSED_NOTE_HOLD_MS = 2_000;

/** `value`, held true for `holdMs` after it turns false (cut short when it turns true again). */
export function useHeld(value: boolean, holdMs: number): boolean {
  const [held, setHeld] = useState(value);
  useEffect(() => {
    if (value) {
      setHeld(true);
      return;
    }
    const timer = setTimeout(() => setHeld(false), holdMs);
    return () => clearTimeout(timer);
  }, [value, holdMs]);
  return value || held;
}
