/**
 * Small helpers shared by the bindings: UTF-16 result strings, JSON at the edge, and error logging for
 * code that runs in foreign-thread callbacks (where an escaping exception would hang the process). The
 * calls themselves go through calls.ts.
 */
import koffi from 'koffi';

/** Copies a callee-allocated UTF-16 string and frees it; null for a null pointer. */
export function takeString16(pointer: unknown, free: (pointer: bigint) => void): string | null {
  if (typeof pointer !== 'bigint' || pointer === 0n) return null;
  try {
    return koffi.decode.string16(pointer);
  } finally {
    free(pointer);
  }
}

/** Copies a UTF-16 string the callee keeps (e.g. HCS_EVENT.EventData); null for a null pointer. */
export function copyString16(pointer: unknown): string | null {
  if (typeof pointer !== 'bigint' || pointer === 0n) return null;
  return koffi.decode.string16(pointer);
}

/** JSON.parse that answers `undefined` instead of throwing. */
export function tryParseJson(text: string | null): unknown {
  if (text === null || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON document for an optional `PCWSTR` parameter: null stays NULL. */
export function jsonOrNull(value: object | undefined | null): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Signed 32-bit form, as koffi returns HRESULTs declared `int32_t`. */
export function failed(hresult: number): boolean {
  return (hresult | 0) < 0;
}

export type ErrorReporter = (message: string, error: unknown) => void;

const defaultErrorReporter: ErrorReporter = (message, error) => {
  console.error(`[hako native] ${message}`, error);
};
let reporter: ErrorReporter = defaultErrorReporter;

/**
 * Where errors from foreign-thread callbacks and event listeners go (they can never be thrown: an
 * exception escaping a koffi callback hangs the process). Pass null to restore console.error.
 */
export function setNativeErrorReporter(next: ErrorReporter | null): void {
  reporter = next ?? defaultErrorReporter;
}

/** Reports an error that has nowhere else to go; never throws. */
export function reportNativeError(message: string, error: unknown): void {
  try {
    reporter(message, error);
  } catch {
    // The reporter itself failed; there is nothing safe left to do.
  }
}
