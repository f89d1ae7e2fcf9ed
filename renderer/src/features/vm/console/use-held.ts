/**
 * A flag that stays up for a while after it drops. During a flood main pauses and resumes reading the
 * VM's pipe several times a second (1 MiB window, resumed at half), so the "Output paused" note would
 * come and go at that rate: too fast to read, and each change moves the terminal (which refits it).
 *
 * `lastTrueAt` (a Date.now() time, 0 for never) is when the flag was last seen up, taken where the news
 * arrives rather than at a render: a pause and its resume can reach the page in one batch of events,
 * and React then renders only the resume. The flag is held from that time, so such a pause shows too.
 */
import { useEffect, useState } from 'react';

/** How long the paused note stays after main resumed reading. */
export const PAUSED_NOTE_HOLD_MS = 2_000;

/** `value`, held true for `holdMs` after it turns false, or after `lastTrueAt` (cut short when it turns true again). */
export function useHeld(value: boolean, holdMs: number, lastTrueAt = 0): boolean {
  const [held, setHeld] = useState(value);
  useEffect(() => {
    if (value) {
      setHeld(true);
      return;
    }
    const seen = lastTrueAt > 0;
    const left = seen ? lastTrueAt + holdMs - Date.now() : holdMs;
    if (seen && left > 0) setHeld(true);
    const timer = setTimeout(() => setHeld(false), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [value, holdMs, lastTrueAt]);
  return value || held;
}
