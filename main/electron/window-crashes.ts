/**
 * When a crashed renderer gets a new window, and when Hako waits for the user instead.
 */
export const CRASH_WINDOW_MS = 60_000;
export const MAX_CRASHES_IN_WINDOW = 3;

/** Recreate the window after a renderer crash, unless it keeps crashing (then wait for the user). */
export function shouldRecreateWindow(previousCrashes: readonly number[], now: number): boolean {
  return previousCrashes.filter((t) => now - t < CRASH_WINDOW_MS).length < MAX_CRASHES_IN_WINDOW;
}
