/**
 * What a store action that calls main answers: the value, or the failure as the UI shows it. The store
 * never words an outcome; the feature that started the action does (a notification, a field marker).
 */
import { describeError, type ShownError } from '../errors/shown-error.js';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ShownError };

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
